package epsilon.foreign;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Calls the function as a critical (leaf) function ({@link java.lang.foreign.Linker.Option#critical(boolean)}):
 * no thread-state transition around the call, which saves a few nanoseconds per call. Only for functions that
 * return quickly, never call back into Java and never block: while one runs, the garbage collector waits.
 *
 * <h2>Java arrays as parameters</h2>
 * A bound method may take {@code byte[]}, {@code short[]}, {@code char[]}, {@code int[]}, {@code long[]},
 * {@code float[]} or {@code double[]} where C takes a pointer to the elements. How C sees the array depends on
 * this annotation:
 * <ul>
 *   <li>{@code @Critical(heapAccess = true)}: the array itself, zero-copy, as a heap segment. C's writes land in
 *       the array directly. The garbage collector cannot move it during the call, which is why the function must
 *       be critical.</li>
 *   <li>otherwise (no annotation, or {@code heapAccess = false}): the elements are copied into native scratch
 *       memory for the call and, unless the parameter's {@link NativeType} is a {@code const} pointer, copied back
 *       into the array after the call, so C's writes are visible either way.</li>
 * </ul>
 * A {@code null} array is passed as C's {@code NULL} in both cases.
 *
 * {@snippet :
 * public interface Memory {
 *     @Critical(heapAccess = true)
 *     MemorySegment memset(byte[] buffer, int value, @NativeType("size_t") long count);
 * }
 * byte[] bytes = new byte[8];
 * memory.memset(bytes, 'x', 8);            // bytes is now "xxxxxxxx", written by C in place
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Critical {

    /** {@return whether Java arrays are passed to C in place (zero-copy) rather than copied in and out} */
    boolean heapAccess() default false;
}
