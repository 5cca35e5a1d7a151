package epsilon.foreign.trampoline.internal;

import java.lang.foreign.MemorySegment;

/**
 * The boxed call of one shape: unbox {@code arguments}, call the downcall handle, box the result. Implemented
 * by a generated hidden class per shape ({@link InvokerGenerator}) or by method handle combinators
 * ({@link CombinatorInvoker}).
 */
public interface Invoker {
    /**
     * Calls the function at {@code address}; {@code arguments} has exactly the shape's arity (checked by the caller).
     * Declares no checked exception: a downcall throws none, and a caller without a handler for {@code Throwable}
     * keeps the inlined call small.
     */
    Object invoke(MemorySegment address, Object[] arguments);

    /**
     * The call when {@code arguments} is exactly the shape's arity and each argument its carrier's box (a
     * {@code MemorySegment} that is not NULL for a pointer), else {@link epsilon.foreign.trampoline.BoundTrampoline#NOT_EXACT}
     * without calling. Only an invoker bound to its address answers; the shape's shared one never calls.
     */
    Object invokeIfExact(Object[] arguments);
}
