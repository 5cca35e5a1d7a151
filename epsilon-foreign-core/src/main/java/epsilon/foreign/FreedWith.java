package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a bound method returning {@code String}: the {@code char *} C returns was allocated for the caller to free, so
 * the call decodes it and then frees it with the named function, a {@code void f(void *)} of the bound library (or
 * of the C library, for {@code free}). The same as {@link CallOption#freedWith(String)} for the dynamic levels.
 *
 * {@snippet :
 * public interface Sqlite {
 *     @FreedWith("sqlite3_free")
 *     @Variadic(fixed = 1)
 *     String sqlite3_mprintf(String format, String value);     // ("%Q", "it's") gives "'it''s'", nothing leaks
 * }
 * }
 *
 * <p>Refused when the interface is bound if the method does not return a {@code String}, or if neither library has
 * the function.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FreedWith {

    /** {@return the C function that frees the result: {@code "sqlite3_free"}, {@code "free"}} */
    String value();
}
