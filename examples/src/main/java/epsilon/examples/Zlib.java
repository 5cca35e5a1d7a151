package epsilon.examples;

import epsilon.foreign.NativeType;
import epsilon.foreign.optimize.NativeLibrary;

/**
 * zlib's one-shot API, bound at compile time: javac runs epsilon-foreign-optimize's processor (on this module's
 * annotationProcessorPaths) and writes {@code ZlibNative}, whose methods call zlib through static final handles.
 * The same interface also works with {@code Foreign.bind(Zlib.class, "z")}.
 */
@NativeLibrary("z")
public interface Zlib {
    /** {@return the version of the zlib library loaded, such as "1.3"} */
    String zlibVersion();

    /**
     * @param sourceLength a length to compress
     * @return the most bytes compressing that many can take
     */
    @NativeType("unsigned long")
    long compressBound(@NativeType("unsigned long") long sourceLength);

    /**
     * @param destination       where the compressed bytes go
     * @param destinationLength in: the room in {@code destination}; out: the bytes written
     * @param source            the bytes to compress
     * @param sourceLength      how many of them
     * @return {@code Z_OK} (0), or a negative zlib error
     */
    int compress(byte[] destination, @NativeType("unsigned long *") long[] destinationLength,
                 @NativeType("const unsigned char *") byte[] source, @NativeType("unsigned long") long sourceLength);

    /**
     * @param destination       where the restored bytes go
     * @param destinationLength in: the room in {@code destination}; out: the bytes written
     * @param source            the compressed bytes
     * @param sourceLength      how many of them
     * @return {@code Z_OK} (0), or a negative zlib error
     */
    int uncompress(byte[] destination, @NativeType("unsigned long *") long[] destinationLength,
                   @NativeType("const unsigned char *") byte[] source, @NativeType("unsigned long") long sourceLength);
}
