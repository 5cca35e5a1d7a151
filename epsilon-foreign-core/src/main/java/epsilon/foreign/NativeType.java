package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The C type of a parameter, or of a method's return value, where the Java type alone is ambiguous: unsigned
 * integers, {@code size_t}, {@code long} (4 bytes on Windows), or which pointer a {@code MemorySegment} is.
 * The spelling is C, as {@code epsilon.foreign.marshalling.CType.parse} reads it: {@code "unsigned int"},
 * {@code "size_t"}, {@code "const char *"}, {@code "int *"}.
 *
 * {@snippet :
 * public interface Libc {
 *     @NativeType("size_t") long strlen(String s);                          // size_t return
 *     @NativeType("unsigned int") long sleep(@NativeType("unsigned int") long seconds);
 *     int memcmp(@NativeType("const void *") MemorySegment a, @NativeType("const void *") MemorySegment b,
 *                @NativeType("size_t") long n);
 * }
 * }
 *
 * <h2>Which Java types fit a C type</h2>
 * A C type fits the Java type that carries it in a downcall ({@code int} for {@code unsigned int}: the raw bits)
 * and the Java type that holds all its values ({@code long} for {@code unsigned int}, {@code int} for
 * {@code unsigned char} and {@code unsigned short}). With the wider type, an argument outside the C type's range
 * is a {@code ConversionError} rather than a silently truncated value, and a return value is zero-extended.
 * A Java {@code char} also fits the 16-bit integer types. Anything else, such as {@code "double"} on an
 * {@code int}, is refused when the interface is bound.
 *
 * <p>On a Java array parameter, a {@code const} pointer type ({@code "const int *"}) says that C only reads the
 * array, so the copy back after the call is skipped (see {@link Critical}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface NativeType {

    /** {@return the C spelling of the type, such as {@code "unsigned int"} or {@code "const char *"}} */
    String value();
}
