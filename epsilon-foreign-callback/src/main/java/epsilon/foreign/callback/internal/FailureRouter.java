package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackFailedException;
import epsilon.foreign.callback.CallbackFailure;
import epsilon.foreign.callback.CallbackFailureHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes exceptions caught in upcalls (see {@code CallbackFailures}): a handler, else this thread's pending slot
 * when a Java caller is below the upcall on the stack, else the log.
 *
 * <p>In two steps, because the catch handler may run with no stack or heap left. {@link #failed} records the
 * failure in the thread's {@link UpcallState} with field writes, and nothing else when it goes to the pending slot.
 * A failure for a handler or the log waits there (the backlog) until it can be delivered: at once, unless it is a
 * {@link StackOverflowError}, or when the thread's outermost callback returns ({@link #drainAtExit}), or at the
 * Java caller's next look at the pending slot. If neither the handler nor the log can take it and a Java caller is
 * there, it becomes that caller's pending failure.
 */
public final class FailureRouter {
    private FailureRouter() {}

    private static final Logger LOG = LoggerFactory.getLogger("epsilon.foreign.callback");
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String INTERNAL = FailureRouter.class.getPackageName() + ".";
    private static volatile CallbackFailureHandler globalHandler;
    /** How many of {@link UpcallGuard#unrecorded} the log has been told about. */
    private static int reportedUnrecorded;

    /** A pending failure set aside by {@link #suspend()}. */
    private record Pending(Throwable error, CallbackImpl callback, int more, Throwable consequence) {}

    public static void setGlobalHandler(CallbackFailureHandler handler) {
        globalHandler = handler;
    }

    /**
     * Called by the catch handler of every callback's upcall, with the thread's state (null only if even that could
     * not be had). Records with field writes; delivers to a handler or the log only when that cannot fail into C.
     */
    static void failed(UpcallGuard guard, UpcallState state, Throwable thrown) {
        if (state == null) {
            UpcallGuard.unrecorded++;
            return;
        }
        CallbackImpl callback = guard.callback;
        Throwable error = thrown;
        Throwable consequence = null;
        if (state.taken != null && state.takenDepth == state.depth) {
            error = state.taken; // a failure this callback took from the pending slot, on its way out
            if (thrown != error) {
                consequence = thrown;
            }
        }
        CallbackFailureHandler handler = callback.failureHandler;
        if (handler == null) {
            handler = globalHandler;
        }
        boolean foreign = state.depth == 1 && (state.origin == UpcallState.ORIGIN_FOREIGN
                || state.origin == UpcallState.ORIGIN_UNKNOWN && state.foreignCaller());
        if (handler == null && !foreign) {
            if (state.pendingError == null) {
                state.pendingError = error;
                state.pendingCallback = callback;
                state.pendingConsequence = consequence;
            } else {
                state.pendingMore++; // a Java thread already waiting to rethrow: keep the first, count the rest
            }
            return;
        }
        boolean overflow = error instanceof StackOverflowError;
        if (state.backlogError != null && !overflow) {
            try {
                deliver(state); // the one waiting first
            } catch (Throwable notNow) {
                // still waiting
            }
        }
        if (state.backlogError != null) {
            state.backlogMore++;
            return;
        }
        state.backlogError = error;
        state.backlogCallback = callback;
        state.backlogHandler = handler;
        state.backlogForeign = foreign;
        state.backlogConsequence = consequence;
        if (!overflow) {
            try {
                deliver(state);
            } catch (Throwable notNow) {
                // still in the backlog: delivered when the outermost callback of this thread returns
            }
        }
    }

    /**
     * Called by a guard when the outermost callback of the thread returns with a failure still in the backlog: the
     * stack is back where the thread entered C. If the handler and the log both fail and a Java caller is there,
     * the failure becomes its pending failure.
     */
    static void drainAtExit(UpcallState state) {
        try {
            deliver(state);
        } catch (Throwable undeliverable) {
            if (state.backlogError != null && !state.backlogForeign) {
                toPending(state, undeliverable);
            }
            // On a thread C created it stays in the backlog, for its next callback to deliver.
        }
    }

    /** Hands the backlog to its handler, else to the log, then clears it; throws if the log cannot take it. */
    private static void deliver(UpcallState state) {
        Throwable error = state.backlogError;
        if (error == null) {
            return;
        }
        CallbackImpl callback = state.backlogCallback;
        CallbackFailureHandler handler = state.backlogHandler;
        Throwable consequence = state.backlogConsequence;
        if (consequence != null && !causedBy(consequence, error)) {
            error.addSuppressed(consequence);
        }
        state.backlogConsequence = null;
        if (handler != null) {
            if (!state.backlogHandled) {
                CallbackFailure failure = new CallbackFailure(callback, error, Thread.currentThread().getName(),
                        state.backlogForeign);
                state.backlogHandled = true;
                try {
                    handler.handle(failure);
                } catch (Throwable handlerFailed) {
                    state.backlogHandlerFailure = handlerFailed;
                    withFailure(handlerFailed, error);
                }
            }
            Throwable handlerFailed = state.backlogHandlerFailure;
            if (handlerFailed != null) {
                LOG.error("the failure handler of {} threw while handling {}", callback.describe(),
                        error.toString(), handlerFailed);
            }
        } else {
            LOG.error("{} threw on thread '{}', which C created, so no Java caller can receive it; C got the default"
                    + " result", callback.describe(), Thread.currentThread().getName(), error);
        }
        int more = state.backlogMore;
        clearBacklog(state); // delivered: what follows is only news
        if (more > 0) {
            LOG.error("{} more callback failure(s) on thread '{}' came while the one of {} waited to be delivered,"
                    + " and were dropped", more, Thread.currentThread().getName(), callback.describe());
        }
        reportUnrecorded();
    }

    /** The backlog's failure, which neither its handler nor the log could take, for the Java caller to rethrow. */
    private static void toPending(UpcallState state, Throwable logFailed) {
        Throwable error = state.backlogError;
        Throwable handlerFailed = state.backlogHandlerFailure;
        CallbackImpl callback = state.backlogCallback;
        clearBacklog(state);
        if (state.pendingError == null) {
            state.pendingError = error;
            state.pendingCallback = callback;
            state.pendingConsequence = handlerFailed != null ? withFailure(handlerFailed, logFailed) : logFailed;
        } else {
            state.pendingMore++;
        }
    }

    private static void clearBacklog(UpcallState state) {
        state.backlogError = null;
        state.backlogCallback = null;
        state.backlogHandler = null;
        state.backlogForeign = false;
        state.backlogConsequence = null;
        state.backlogHandled = false;
        state.backlogHandlerFailure = null;
        state.backlogMore = 0;
    }

    /**
     * Logs how many failures no catch handler could record (it had no stack, or no state, left) since the last
     * report. The count is kept without synchronization, so it may miss some when threads race.
     */
    private static void reportUnrecorded() {
        int unrecorded = UpcallGuard.unrecorded;
        if (unrecorded != reportedUnrecorded) {
            int missed = unrecorded - reportedUnrecorded;
            reportedUnrecorded = unrecorded;
            LOG.error("{} callback failure(s) could not be recorded: the catch handler had no stack or memory left;"
                    + " C got the default result each time", missed);
        }
    }

    /** {@code failed}, carrying {@code error} (the callback's own failure) as suppressed so that it is not lost. */
    private static Throwable withFailure(Throwable failed, Throwable error) {
        if (failed != error) {
            failed.addSuppressed(error);
        }
        return failed;
    }

    /** Whether {@code error} is in the cause chain of {@code failure}: a wrapper adds nothing worth keeping. */
    private static boolean causedBy(Throwable failure, Throwable error) {
        Throwable cause = failure;
        for (int i = 0; i < 64 && cause != null; i++) {
            if (cause == error) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    /**
     * A thread C created has no Java frame below its callbacks; a Java thread that called C has its caller there.
     * Walking the stack is slow, but each thread does it once, at its first callback.
     */
    static boolean onForeignThread() {
        return WALKER.walk(frames -> frames.noneMatch(frame -> isCallerFrame(frame.getClassName())));
    }

    private static boolean isCallerFrame(String className) {
        return !(className.startsWith("java.lang.invoke.") || className.startsWith("jdk.internal.")
                || className.startsWith(INTERNAL));
    }

    /** Sets this thread's pending failure aside before a downcall; see {@code CallbackFailures.suspendPending}. */
    public static Object suspend() {
        UpcallState state = UpcallState.current();
        settle(state);
        if (state.pendingError == null) {
            return null;
        }
        Pending pending = new Pending(state.pendingError, state.pendingCallback, state.pendingMore,
                state.pendingConsequence);
        clearPending(state);
        return pending;
    }

    /** The failure recorded since {@link #suspend()}, and the set-aside one put back; see {@code resumePending}. */
    public static Throwable resume(Object suspended) {
        UpcallState state = UpcallState.current();
        settle(state);
        Throwable failure = take(state);
        if (suspended instanceof Pending pending) {
            state.pendingError = pending.error();
            state.pendingCallback = pending.callback();
            state.pendingMore = pending.more();
            state.pendingConsequence = pending.consequence();
        }
        return failure;
    }

    public static Throwable pending() {
        UpcallState state = UpcallState.current();
        settle(state);
        return state.pendingError;
    }

    public static Throwable takePending() {
        UpcallState state = UpcallState.current();
        settle(state);
        return take(state);
    }

    public static void rethrowIfPending() {
        UpcallState state = UpcallState.current();
        settle(state);
        Throwable failure = take(state);
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    /**
     * Before the Java side reads the pending slot outside any callback: a failure still in the backlog (its
     * delivery failed at the outermost exit too) is delivered, or else becomes pending; and unrecorded failures are
     * reported.
     */
    private static void settle(UpcallState state) {
        if (state.depth == 0) {
            if (state.backlogError != null) {
                drainAtExit(state);
            }
            if (UpcallGuard.unrecorded != reportedUnrecorded) {
                reportUnrecorded();
            }
        }
    }

    /**
     * Clears the pending slot and returns its failure, unchecked as {@code rethrowIfPending} gives it, or null.
     * Inside a callback, the failure is remembered as taken: what that callback throws next is this failure on its
     * way out.
     */
    private static Throwable take(UpcallState state) {
        if (state.pendingError == null) {
            return null;
        }
        Throwable failure = unchecked(state);
        clearPending(state);
        if (state.depth > 0) {
            state.taken = failure;
            state.takenDepth = state.depth;
        }
        return failure;
    }

    private static void clearPending(UpcallState state) {
        state.pendingError = null;
        state.pendingCallback = null;
        state.pendingMore = 0;
        state.pendingConsequence = null;
    }

    /**
     * Records {@code consequence}, a failure the pending one caused on this thread (the default result C got could
     * not be read back), to be rethrown as suppressed with it.
     *
     * @return {@code false} if no failure is pending, so the caller must throw {@code consequence} itself
     */
    static boolean attachToPending(Throwable consequence) {
        UpcallState state = UpcallState.current();
        if (state.pendingError == null) {
            return false;
        }
        if (state.pendingConsequence == null) {
            state.pendingConsequence = consequence;
        }
        return true;
    }

    /** Attaches this thread's pending failure, if any, to {@code failure} as suppressed. */
    public static void takePendingInto(Throwable failure) {
        UpcallState state = UpcallState.current();
        settle(state);
        if (state.pendingError == null) {
            return;
        }
        Throwable pending = unchecked(state);
        clearPending(state);
        if (pending != failure) {
            failure.addSuppressed(pending);
        }
    }

    private static Throwable unchecked(UpcallState state) {
        Throwable first = state.pendingError;
        CallbackImpl callback = state.pendingCallback;
        Throwable result = first instanceof RuntimeException || first instanceof Error ? first
                : new CallbackFailedException(callback.describe() + " threw " + first, first);
        Throwable consequence = state.pendingConsequence;
        if (consequence != null && consequence != result && !causedBy(consequence, first)) {
            result.addSuppressed(consequence);
        }
        if (state.pendingMore > 0) {
            result.addSuppressed(new CallbackFailedException(callback.describe() + " failed " + state.pendingMore
                    + " more time(s) before the rethrow; only the first failure is kept", null));
        }
        return result;
    }
}
