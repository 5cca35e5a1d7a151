package epsilon.foreign.callback.internal;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The guard around one callback's target, so that no {@link Throwable} reaches the upcall stub (the JVM would abort
 * in {@code UpcallLinker::handle_uncaught_exception}). Every guard runs this, written once in Java below
 * ({@link #invoke(Object[])}, the plain path) and once as bytecode for each upcall type ({@link GuardGenerator},
 * the default):
 *
 * <pre>
 * state = null
 * try {
 *     state = UpcallState.current(); state.depth++          // the increment is field writes: it cannot fail
 *     if (state.depth &gt;= 4 || origin unknown) UpcallState.prepare(state)  // nested: check the stack reserve
 *     result = target.invokeExact(arguments)
 * } catch (Throwable t) {
 *     try { FailureRouter.failed(this, state, t) }         // field writes, no allocation
 *     catch (Throwable again) { unrecorded++ }             // no call at all: cannot throw
 *     result = the default result                          // a field read: cannot throw
 * }
 * if (state != null) { state.depth--; forget what this depth took; at the outermost exit deliver the backlog }
 * return result
 * </pre>
 *
 * The catch handler's first step needs little stack and no heap; its fallback needs neither, so it cannot throw
 * even when a {@link StackOverflowError} recurs inside the handler. What remains outside any guard are the JDK's
 * own frames between C and the guard; {@link UpcallState#prepare} keeps recursion through C from overflowing
 * there.
 *
 * <p>{@code -Depsilon.callback.guard=plain} selects the plain path for every callback (it boxes the arguments);
 * the module's tests run in both modes.
 */
final class UpcallGuard {
    /** {@code generated} (the default) or {@code plain}. */
    static final String MODE = System.getProperty("epsilon.callback.guard", "generated");
    private static final boolean GENERATED = !"plain".equals(MODE);
    private static final MethodHandle INVOKE;

    static {
        try {
            INVOKE = MethodHandles.lookup().findVirtual(UpcallGuard.class, "invoke",
                    MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Failures that no catch handler could record, counted by the handlers' last fallback with a plain increment
     * (a call or an atomic update could itself fail there); reported in the log by {@link FailureRouter}.
     */
    static int unrecorded;

    final CallbackImpl callback;
    /*
     * The result C gets when the target throws, by carrier: integral types and boolean (1 for true) as a long,
     * float and double as a double, a pointer or a struct as its segment. The generated guards read the field of
     * their type, so returning the default needs no unboxing call.
     */
    final long defaultLong;
    final double defaultDouble;
    final Object defaultReference;
    /** The plain path's target, {@code (Object[])Object}, and its default, boxed. */
    private final MethodHandle spread;
    private final Object defaultBoxed;

    private UpcallGuard(MethodHandle target, CallbackImpl callback, Object defaultResult) {
        this.callback = callback;
        this.defaultLong = switch (defaultResult) {
            case Boolean b -> b ? 1 : 0;
            case Character c -> c;
            case Float f -> 0;
            case Double d -> 0;
            case Number n -> n.longValue();
            case null, default -> 0;
        };
        this.defaultDouble = defaultResult instanceof Float || defaultResult instanceof Double
                ? ((Number) defaultResult).doubleValue() : 0;
        this.defaultReference = defaultResult instanceof MemorySegment ? defaultResult : null;
        MethodType type = target.type();
        this.spread = GENERATED ? null : target.asSpreader(Object[].class, type.parameterCount())
                .asType(MethodType.methodType(Object.class, Object[].class));
        this.defaultBoxed = defaultResult;
    }

    /**
     * @param target of exactly the upcall's type
     * @param defaultResult the boxed carrier value C gets on failure (ignored for void)
     */
    static MethodHandle guard(MethodHandle target, CallbackImpl callback, Object defaultResult) {
        UpcallGuard guard = new UpcallGuard(target, callback, defaultResult);
        UpcallsMade.record();
        MethodType type = target.type();
        if (GENERATED) {
            return MethodHandles.insertArguments(GuardGenerator.guardOf(type), 0, guard, target);
        }
        return INVOKE.bindTo(guard).asCollector(Object[].class, type.parameterCount()).asType(type);
    }

    /** The plain path; {@link GuardGenerator} writes the same steps for each type. */
    private Object invoke(Object[] arguments) {
        UpcallState state = null;
        Object result;
        try {
            state = UpcallState.current();
            state.depth++;
            if (state.depth >= UpcallState.CHECKED_DEPTH || state.origin == UpcallState.ORIGIN_UNKNOWN) {
                UpcallState.prepare(state);
            }
            result = spread.invokeExact(arguments);
        } catch (Throwable thrown) {
            try {
                FailureRouter.failed(this, state, thrown);
            } catch (Throwable again) {
                unrecorded++;
            }
            result = defaultBoxed;
        }
        if (state != null) {
            int depth = state.depth;
            state.depth = depth - 1;
            if (state.takenDepth == depth) {
                state.taken = null;
            }
            if (depth == 1 && state.backlogError != null) {
                try {
                    FailureRouter.drainAtExit(state);
                } catch (Throwable notNow) {
                    // stays in the backlog, for this thread's next callback or Java caller
                }
            }
        }
        return result;
    }
}
