package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns the C convention "return -1 (or {@code NULL}) and set {@code errno}" into an exception. The bound method
 * captures {@code errno} right after the call ({@link java.lang.foreign.Linker.Option#captureCallState}), before
 * the JVM can change it, and when the function returned its failure value it throws
 * {@code epsilon.foreign.marshalling.ErrnoError} with the errno value and its {@code strerror} text. Any other
 * return value is returned as usual.
 *
 * <p>The failure value is -1 for an integer return type and {@code NULL} for a pointer or string return type;
 * a method with another return type ({@code void}, {@code double}, {@code boolean}) is refused when the interface
 * is bound, because nothing would tell failure from success. Only this throwing mode exists: a method cannot ask
 * for the errno value alongside a normal return.
 *
 * {@snippet :
 * public interface Files {
 *     @Errno
 *     int open(String path, int flags);
 * }
 * try {
 *     files.open("/no/such/file", 0);
 * } catch (ErrnoError e) {
 *     e.errno();           // 2 (ENOENT)
 *     e.description();     // "No such file or directory"
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Errno {
}
