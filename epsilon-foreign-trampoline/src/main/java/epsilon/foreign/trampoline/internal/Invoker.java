package epsilon.foreign.trampoline.internal;

import java.lang.foreign.MemorySegment;

/**
 * The boxed call of one shape: unbox {@code arguments}, call the downcall handle, box the result. Implemented
 * by a generated hidden class per shape ({@link InvokerGenerator}) or by method handle combinators
 * ({@link CombinatorInvoker}).
 */
public interface Invoker {
    /** Calls the function at {@code address}; {@code arguments} has exactly the shape's arity (checked by the caller). */
    Object invoke(MemorySegment address, Object[] arguments) throws Throwable;
}
