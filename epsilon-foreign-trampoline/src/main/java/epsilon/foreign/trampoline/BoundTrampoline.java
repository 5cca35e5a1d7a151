package epsilon.foreign.trampoline;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A {@link Trampoline} bound to one function address. The address keeps its segment's lifetime: if that
 * segment's arena is closed (its library unloaded), calls throw {@link IllegalStateException} instead of jumping
 * into unmapped code.
 */
public interface BoundTrampoline {

    /** The same as {@code trampoline().invoke(address(), arguments)}, without looking anything up per call. */
    Object invoke(Object... arguments);

    /** The function's address. */
    MemorySegment address();

    /** The shared trampoline of the shape. */
    Trampoline trampoline();

    /** The downcall handle with the address bound in: {@code (params...) -> ret}, exact carrier types. */
    MethodHandle handle();
}
