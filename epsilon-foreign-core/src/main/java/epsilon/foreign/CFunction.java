package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the C function that a method of a {@linkplain Foreign#bind bound interface} calls, when the Java name
 * should differ from the symbol. Without it, the symbol is the method's name.
 *
 * {@snippet :
 * public interface Libc {
 *     @CFunction("strlen")
 *     long lengthOf(String text);      // calls strlen
 *
 *     long labs(long value);           // calls labs: the method name is the symbol
 * }
 * }
 *
 * <p>Several methods may name the same symbol, for instance {@code strlen} taking a {@code String} and
 * {@code strlen} taking a {@code MemorySegment} under two Java names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CFunction {

    /** {@return the symbol, exactly as the library exports it ({@code "strlen"}, {@code "_wopen"})} */
    String value();
}
