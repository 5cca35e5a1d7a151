package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The charset of a {@code String} parameter or return value of a bound method; without it, text is UTF-8.
 * The NUL terminator is one code unit wide (2 bytes for UTF-16, 4 for UTF-32), so wide-character functions work:
 * {@code wchar_t} is 4 bytes on Linux and macOS (UTF-32) and 2 on Windows (UTF-16).
 *
 * {@snippet :
 * public interface WideChars {
 *     @NativeType("size_t")
 *     long wcslen(@Encoding("UTF-32LE") String text);      // wcslen("héllo") == 5 on Linux x86-64
 * }
 * }
 *
 * <p>An unknown charset name is refused when the interface is bound. On anything but a {@code String} the
 * annotation is an error, not ignored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface Encoding {

    /** {@return a charset name {@link java.nio.charset.Charset#forName(String)} accepts: {@code "UTF-16LE"}} */
    String value();
}
