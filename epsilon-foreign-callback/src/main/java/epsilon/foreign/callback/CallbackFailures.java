package epsilon.foreign.callback;

import epsilon.foreign.callback.internal.FailureRouter;
import epsilon.foreign.callback.internal.UpcallsMade;
import java.util.Optional;

/**
 * Where exceptions thrown inside callbacks go, and what a callback guarantees to C.
 *
 * <p><b>Guaranteed:</b> no {@link Throwable} leaves a callback into C (Panama aborts the JVM when one escapes an
 * upcall): no exception, no {@link Error}, not a {@link StackOverflowError}, not an {@link OutOfMemoryError}. A
 * callback that throws returns its default result to C (0, 0.0, {@code false}, NULL, a zeroed struct, or the
 * {@link CallbackOption#defaultResult declared} value) and its failure is routed:
 *
 * <ol>
 * <li>to the callback's own {@link CallbackOption#onFailure handler} if it has one, else
 * <li>to the {@link #setHandler global handler} if one is set, else
 * <li>on a Java thread (one that called into C, which called back): into this thread's pending slot, rethrown by
 *     {@link #rethrowIfPending()} when the native call returns; {@link Callbacks#withCallback withCallback} and
 *     {@link Callback#call} do this for you, and the core module's calls rethrow it as the cause of a
 *     {@link epsilon.foreign.marshalling.CallbackError CallbackError};
 * <li>on a thread C created (no Java caller to rethrow to): logged at ERROR through the SLF4J logger
 *     {@code epsilon.foreign.callback}, with the exception. Never lost silently: a handler that throws is logged
 *     there too, with the failure it was handling attached as suppressed; if the log cannot take it either, a Java
 *     caller on the thread gets the failure as pending.
 * </ol>
 *
 * {@snippet :
 * QSORT.invokeExact(array, count, 4L, comparator.pointer()); // the comparator threw inside C
 * CallbackFailures.rethrowIfPending();                        // rethrows it here, with its type and message
 * }
 *
 * <p>If the callback fails several times before the rethrow (a comparator that throws on every call), the first
 * exception is rethrown and the others are counted in a suppressed note.
 *
 * <p>Recording a failure takes a little stack and no heap, so a callback that ran out of either is still reported
 * (the handler and the log need more: they get a {@link StackOverflowError} when the thread's outermost callback
 * returns, back on the stack where the thread entered C).
 *
 * <p><b>Recursion through C</b> (a callback that calls C that calls a callback again): a callback nested 4 or more
 * deep first checks that 32 KiB of stack are free below it ({@code -Depsilon.callback.stackReserve=BYTES}; 0 turns
 * the check off; it costs a probe of the stack, which is why shallower callbacks skip it); if they are not, it
 * does not run, C gets its default result and the failure is a {@link StackOverflowError} that says so. A callback
 * that fails because it rethrew the failure of a callback below it (through {@link #rethrowIfPending()}, or as a
 * core {@code CallbackError}) records that failure again, not the wrapper or a later failure while rethrowing it:
 * however deep the recursion went, the outermost Java caller gets the first failure, once.
 *
 * <p><b>Cannot be protected:</b>
 * <ul>
 * <li>C calling a callback's pointer after {@link Callback#close()}: it jumps into freed code and crashes, as any
 *     call through a freed function pointer does;
 * <li>C that {@code longjmp}s over Java frames, out of a callback or over a call that runs callbacks: the JVM's
 *     record of those frames is skipped, which is undefined behaviour (usually a crash, later);
 * <li>the JDK's own frames between C and a callback's guard: a callback entered with almost no stack left (its
 *     thread already near the end of its stack when it called C, or one level of recursion through C using more
 *     Java stack than the reserve), or with no heap left for the JDK to wrap its pointer arguments, fails there,
 *     and the JVM exits.
 * </ul>
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

    /**
     * {@return the failure pending on this thread as the callback threw it (a checked exception not yet wrapped),
     * without clearing it; empty if there is none}
     */
    public static Optional<Throwable> pending() {
        return Optional.ofNullable(FailureRouter.pending());
    }

    /**
     * Clears this thread's pending failure, returning it.
     *
     * @return the failure as {@link #rethrowIfPending()} would throw it (a checked one wrapped in
     *         {@link CallbackFailedException}, further failures counted in a suppressed note), or empty if there is
     *         none
     */
    public static Optional<Throwable> clearPending() {
        return Optional.ofNullable(FailureRouter.takePending());
    }

    /**
     * For code that makes downcalls on a user's behalf (the core module's calls, generated bindings): sets this
     * thread's pending failure aside before a downcall that may call back, so that the failure taken after the call
     * is the call's own and not one left by an earlier, unrelated call. {@link #resumePending(Object)} must follow
     * on the same thread.
     *
     * @return an opaque token holding what was set aside, for {@code resumePending}, or {@code null} if nothing was
     *         pending
     */
    public static Object suspendPending() {
        return UpcallsMade.any() ? FailureRouter.suspend() : null; // no callback yet, so nothing can be pending
    }

    /**
     * After the downcall: the failure a callback recorded during it (unchecked as {@link #rethrowIfPending()} gives
     * it), or {@code null}; and the failure {@link #suspendPending()} set aside is pending again. Inside a callback,
     * what that callback throws next is taken to be this failure on its way out (see the class comment).
     *
     * @param suspended what {@link #suspendPending()} returned on this thread, {@code null} included
     * @return the failure a callback recorded since {@code suspendPending}, or {@code null} if none did
     */
    public static Throwable resumePending(Object suspended) {
        // asked again rather than remembered from suspendPending: a callback made during the call may have failed
        return UpcallsMade.any() ? FailureRouter.resume(suspended) : null;
    }

    /**
     * Sends every callback failure (except those of callbacks with their own handler) to {@code handler} instead
     * of the pending slot and the log; {@code null} restores that default routing. The setting is global and takes
     * effect for the failures that follow, on every thread.
     *
     * @param handler runs on the thread of each failing callback, so on several at once: it must be thread-safe;
     *                {@code null} for the default routing
     */
    public static void setHandler(CallbackFailureHandler handler) {
        FailureRouter.setGlobalHandler(handler);
    }
}
