package epsilon.foreign.optimize.binding;

import epsilon.foreign.NativeType;
import epsilon.foreign.optimize.NativeLibrary;

/** zlib's one-shot API, with its own typedefs (uLong, uLongf, Bytef) read from the C front end's names. */
@NativeLibrary("z")
public interface ZlibBinding {
    String zlibVersion();

    @NativeType("uLong")
    long compressBound(@NativeType("uLong") long sourceLength);

    int compress(byte[] destination, @NativeType("unsigned long *") long[] destinationLength,
                 @NativeType("const unsigned char *") byte[] source, @NativeType("unsigned long") long sourceLength);

    int uncompress(byte[] destination, @NativeType("unsigned long *") long[] destinationLength,
                   @NativeType("const unsigned char *") byte[] source, @NativeType("unsigned long") long sourceLength);

    @NativeType("unsigned long")
    long crc32(@NativeType("unsigned long") long crc, @NativeType("const unsigned char *") byte[] bytes,
               @NativeType("unsigned int") int length);
}
