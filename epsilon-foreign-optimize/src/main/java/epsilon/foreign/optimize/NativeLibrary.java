package epsilon.foreign.optimize;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks the annotation processor of {@code epsilon-foreign-optimize} to write, at compile time, a binding of this
 * interface to a library: a class {@code <Interface>Native} in the same package (nested interfaces:
 * {@code Outer_InnerNative}) whose methods call C directly, with the same meaning as
 * {@code Foreign.bind(Interface.class, library)} gives the same interface and its annotations ({@code @NativeType},
 * {@code @CFunction}, {@code @Errno}, {@code @Critical}, {@code @Variadic}, {@code @Encoding}, {@code @FreedWith}).
 * A method the processor cannot map is a compile error on that method.
 *
 * {@snippet :
 * @NativeLibrary("z")
 * public interface Zlib {
 *     String zlibVersion();
 *     int compress(byte[] dest, @NativeType("uLongf *") long[] destLen, @NativeType("const Bytef *") byte[] source,
 *                  @NativeType("uLong") long sourceLen);
 * }
 * Zlib zlib = ZlibNative.bind();          // or Optimize.bind(Zlib.class)
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NativeLibrary {

    /**
     * {@return the library, as {@code Foreign.libOpen} takes it: {@code "c"}, {@code "m"}, {@code "z"},
     * {@code "libz.so.1"} or a path}
     */
    String value();
}
