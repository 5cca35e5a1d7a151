package epsilon.foreign.callback;

import epsilon.foreign.callback.internal.FailureRouter;
import java.util.Optional;

/**
 * Where exceptions thrown inside callbacks go. Panama terminates the JVM when an exception escapes an upcall;
 * every Epsilon callback catches everything instead, returns its default result to C (0, 0.0, {@code false},
 * NULL, or the {@link CallbackOption#defaultResult declared} value) and routes the exception:
 *
 * <ol>
 * <li>to the callback's own {@link CallbackOption#onFailure handler} if it has one, else
 * <li>to the {@link #setHandler global handler} if one is set, else
 * <li>on a Java thread (one that called into C, which called back): into this thread's pending slot, rethrown by
 *     {@link #rethrowIfPending()} when the native call returns; {@link Callbacks#withCallback withCallback} and
 *     {@link Callback#call} do this for you;
 * <li>on a thread C created (no Java caller to rethrow to): logged at ERROR through the SLF4J logger
 *     {@code epsilon.foreign.callback}, with the exception. Never lost silently: a handler that throws is logged
 *     there too, with the failure it was handling attached as suppressed.
 * </ol>
 *
 * {@snippet :
 * QSORT.invokeExact(array, count, 4L, comparator.pointer()); // the comparator threw inside C
 * CallbackFailures.rethrowIfPending();                        // rethrows it here, with its type and message
 * }
 *
 * <p>If the callback fails several times before the rethrow (a comparator that throws on every call), the first
 * exception is rethrown and the others are counted in a suppressed note.
 */
public final class CallbackFailures {
    private CallbackFailures() {}

    /**
     * Rethrows and clears the first failure recorded on this thread since the last call: unchecked exceptions and
     * errors as they are, checked ones wrapped in {@link CallbackFailedException}. Does nothing if there is none.
     * Cheap (a thread-local read); call it after every downcall that may call back.
     */
    public static void rethrowIfPending() {
        FailureRouter.rethrowIfPending();
    }

    /** The failure pending on this thread, without clearing it. */
    public static Optional<Throwable> pending() {
        return Optional.ofNullable(FailureRouter.pending());
    }

    /** Clears this thread's pending failure, returning it. */
    public static Optional<Throwable> clearPending() {
        return Optional.ofNullable(FailureRouter.takePending());
    }

    /**
     * For code that makes downcalls on a user's behalf (the core module's calls, generated bindings): sets this
     * thread's pending failure aside before a downcall that may call back, so that the failure taken after the call
     * is the call's own and not one left by an earlier, unrelated call. Returns what was set aside (or {@code null})
     * for {@link #resumePending(Object)}, which must follow on the same thread.
     */
    public static Object suspendPending() {
        return FailureRouter.suspend();
    }

    /**
     * After the downcall: the failure a callback recorded during it (unchecked as {@link #rethrowIfPending()} gives
     * it), or {@code null}; and the failure {@link #suspendPending()} set aside is pending again.
     */
    public static Throwable resumePending(Object suspended) {
        return FailureRouter.resume(suspended);
    }

    /**
     * Sends every callback failure (except those of callbacks with their own handler) to {@code handler} instead
     * of the pending slot and the log; {@code null} restores that default routing.
     */
    public static void setHandler(CallbackFailureHandler handler) {
        FailureRouter.setGlobalHandler(handler);
    }
}
