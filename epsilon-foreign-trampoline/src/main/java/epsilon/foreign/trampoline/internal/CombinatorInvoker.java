package epsilon.foreign.trampoline.internal;

import epsilon.foreign.trampoline.BoundTrampoline;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * The plain method-handle path: the downcall handle adapted to {@code (MemorySegment, Object[]) -> Object} by
 * {@code asType} and {@code asSpreader}. Kept beside the generated path (as the JDK keeps its interpreted
 * downcalls beside the specialized ones) and selected with {@code -Depsilon.trampoline.mode=combinators}.
 */
final class CombinatorInvoker implements Invoker {
    private final MethodHandle spread;
    /** The handle with its address bound, for {@link #invokeIfExact}; null for a shape's shared invoker. */
    private final MethodHandle boundSpread;
    private final Class<?>[] boxes;

    CombinatorInvoker(MethodHandle downcall) {
        this(downcall, null);
    }

    CombinatorInvoker(MethodHandle downcall, MethodHandle bound) {
        int arity = downcall.type().parameterCount() - 1;
        MethodType boxed = MethodType.genericMethodType(arity).insertParameterTypes(0, MemorySegment.class);
        // Through the exact wrappers first: Object -> Long is a cast, Long -> long an unboxing. Going straight
        // from Object to long would also accept an Integer and widen it, which the generated path refuses.
        MethodType wrappers = downcall.type().wrap().changeParameterType(0, MemorySegment.class);
        this.spread = downcall.asType(wrappers).asType(boxed).asSpreader(Object[].class, arity);
        this.boxes = wrappers.dropParameterTypes(0, 1).parameterArray();
        this.boundSpread = bound == null ? null : bound.asType(bound.type().wrap())
                .asType(MethodType.genericMethodType(arity)).asSpreader(Object[].class, arity);
    }

    @Override
    public Object invokeIfExact(Object[] arguments) {
        if (boundSpread == null || arguments == null || arguments.length != boxes.length) {
            return BoundTrampoline.NOT_EXACT;
        }
        for (int i = 0; i < boxes.length; i++) {
            Object argument = arguments[i];
            if (!boxes[i].isInstance(argument) || argument instanceof MemorySegment segment && segment.isNative()
                    && segment.address() == 0) {
                return BoundTrampoline.NOT_EXACT;
            }
        }
        try {
            return (Object) boundSpread.invokeExact(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall through " + boundSpread + " failed", t);
        }
    }

    @Override
    public Object invoke(MemorySegment address, Object[] arguments) {
        try {
            return (Object) spread.invokeExact(address, arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall through " + spread + " failed", t);
        }
    }
}
