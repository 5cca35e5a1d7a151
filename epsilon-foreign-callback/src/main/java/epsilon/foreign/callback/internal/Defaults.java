package epsilon.foreign.callback.internal;

import epsilon.foreign.marshalling.CType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/** What C receives from a callback that threw and declared no default result: zero, {@code false} or NULL. */
final class Defaults {
    private Defaults() {}

    /** The boxed zero of the result's carrier; a zeroed struct for a struct by value, allocated in {@code arena}. */
    static Object zeroOf(CType result, Arena arena) {
        if (result.isVoid()) {
            return null;
        }
        Class<?> carrier = result.carrier();
        if (carrier == MemorySegment.class) {
            return result.kind() == CType.Kind.STRUCT ? arena.allocate(result.layout()) : MemorySegment.NULL;
        }
        try {
            return MethodHandles.zero(carrier).invoke();
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }
}
