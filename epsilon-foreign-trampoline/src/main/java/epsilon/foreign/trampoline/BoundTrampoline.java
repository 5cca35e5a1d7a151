package epsilon.foreign.trampoline;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A {@link Trampoline} bound to one function address. The address keeps its segment's lifetime: if that
 * segment's arena is closed (its library unloaded), calls throw {@link IllegalStateException} instead of jumping
 * into unmapped code.
 */
public interface BoundTrampoline {

    /** What {@link #invokeIfExact} returns when it did not call: a sentinel no downcall returns. */
    Object NOT_EXACT = new Object() {
        @Override
        public String toString() {
            return "BoundTrampoline.NOT_EXACT";
        }
    };

    /**
     * The same as {@code trampoline().invoke(address(), arguments)}, without looking anything up per call.
     *
     * @param arguments the downcall's parameters after the address, boxed as {@link Trampoline#invoke} takes them
     * @return the boxed result, or {@code null} for {@code void}
     * @throws TrampolineArgumentException on a wrong argument count or a boxed value of the wrong type
     * @throws IllegalStateException       when the address's arena was closed (its library unloaded)
     */
    Object invoke(Object... arguments);

    /**
     * {@link #invoke} without its checks, for a caller that has already checked the arguments: exactly the shape's
     * arity, each of its carrier's box class ({@code Long} for {@code long}) or a {@code MemorySegment}. The call is
     * then a few instructions around the downcall, small enough for the JIT to inline into its caller. Other
     * arguments still fail safely, with the JVM's own exception ({@code ClassCastException},
     * {@code ArrayIndexOutOfBoundsException} or, with the combinator path, {@code IllegalArgumentException} for a short
     * array; {@code NullPointerException}) instead of the diagnosis
     * {@link #invoke} gives.
     *
     * @param arguments the downcall's parameters after the address, each its carrier's box
     * @return the boxed result, or {@code null} for {@code void}
     * @throws IllegalStateException when the address's arena was closed (its library unloaded)
     */
    Object invokePrechecked(Object[] arguments);

    /**
     * The call, checked by the function's own generated class with its types as constants, when the arguments are
     * exactly what the downcall takes: the shape's arity, each argument its carrier's box class ({@code Long} for
     * {@code long}, which Java's boxing gives), and for a pointer a {@code MemorySegment} that is not C's NULL.
     * Anything else returns {@link #NOT_EXACT} without calling, for the caller's general path to convert, refuse or
     * pass along. This is the whole fast path of a dynamic call in one small method, which the JIT inlines.
     *
     * @param arguments the downcall's parameters after the address
     * @return the boxed result ({@code null} for {@code void}), or {@link #NOT_EXACT}
     * @throws IllegalStateException when the address's arena or an argument's was closed
     */
    Object invokeIfExact(Object[] arguments);

    /** {@return the function's address} */
    MemorySegment address();

    /** {@return the shared trampoline of the shape} */
    Trampoline trampoline();

    /** {@return the downcall handle with the address bound in: {@code (params...) -> ret}, exact carrier types} */
    MethodHandle handle();
}
