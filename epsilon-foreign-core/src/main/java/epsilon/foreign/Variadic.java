package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bound method as one fixed-arity form of a variadic C function such as {@code printf}: the first
 * {@link #fixed()} parameters are the function's declared ones, the rest are passed in its {@code ...} part.
 * Java cannot express "any arguments" with exact types, so declare one method per combination you call.
 *
 * <p>The variadic parameters get their C types from their Java types (or {@link NativeType}) after C's default
 * argument promotions: {@code float} is passed as {@code double}; {@code byte}, {@code short}, {@code char} and
 * {@code boolean} as {@code int}; {@code long} as a 64-bit integer; {@code String} as {@code char *};
 * {@code MemorySegment} as a pointer.
 *
 * {@snippet :
 * public interface Format {
 *     @Variadic(fixed = 3)
 *     int snprintf(MemorySegment buffer, @NativeType("size_t") long size, String format, int value, String text);
 * }
 * format.snprintf(buffer, 32, "%d %s", 42, "apples");      // buffer holds "42 apples"
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Variadic {

    /** {@return how many leading parameters are the C function's fixed (declared) parameters} */
    int fixed();
}
