package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackFailedException;
import epsilon.foreign.callback.CallbackFailure;
import epsilon.foreign.callback.CallbackFailureHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes exceptions caught in upcalls (see {@code CallbackFailures}): a handler, else this thread's pending slot
 * when a Java caller is below the upcall on the stack, else the log. Runs inside the upcall, so it never throws.
 */
public final class FailureRouter {
    private FailureRouter() {}

    private static final Logger LOG = LoggerFactory.getLogger("epsilon.foreign.callback");
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();
    private static volatile CallbackFailureHandler globalHandler;

    /** The first failure on a thread since the last rethrow, how many followed it, and what it caused. */
    private static final class Pending {
        final CallbackImpl callback;
        final Throwable first;
        int more;
        /** A failure of the Java caller that the callback's failure caused (its default result unreadable), or null. */
        Throwable consequence;

        Pending(CallbackImpl callback, Throwable first) {
            this.callback = callback;
            this.first = first;
        }
    }

    public static void setGlobalHandler(CallbackFailureHandler handler) {
        globalHandler = handler;
    }

    /** Called by the catch handler of every callback's upcall. */
    static void record(CallbackImpl callback, Throwable error) {
        try {
            Pending pending = PENDING.get();
            if (pending != null && callback.failureHandler() == null && globalHandler == null) {
                pending.more++; // a Java thread already waiting to rethrow: keep the first, count the rest
                return;
            }
            boolean foreign = onForeignThread();
            CallbackFailureHandler handler = callback.failureHandler() != null ? callback.failureHandler()
                    : globalHandler;
            if (handler != null) {
                try {
                    handler.handle(new CallbackFailure(callback, error, Thread.currentThread().getName(), foreign));
                } catch (Throwable handlerFailed) {
                    LOG.error("the failure handler of {} threw while handling {}", callback.describe(),
                            error.toString(), withFailure(handlerFailed, error));
                }
            } else if (!foreign) {
                PENDING.set(new Pending(callback, error));
            } else {
                LOG.error("{} threw on thread '{}', which C created, so no Java caller can receive it; C got the default"
                        + " result", callback.describe(), Thread.currentThread().getName(), error);
            }
        } catch (Throwable routingFailed) {
            try {
                LOG.error("could not route the failure of {}", callback.describe(), withFailure(routingFailed, error));
            } catch (Throwable ignored) {
                // nothing left to tell: an exception must not escape into C
            }
        }
    }

    /** {@code failed}, carrying {@code error} (the callback's own failure) as suppressed so that it is not lost. */
    private static Throwable withFailure(Throwable failed, Throwable error) {
        if (failed != error) {
            failed.addSuppressed(error);
        }
        return failed;
    }

    /**
     * A thread C created has no Java frame below the upcall; a Java thread that called C has its caller there.
     * Walking the stack is slow but happens only when a callback fails.
     */
    static boolean onForeignThread() {
        return WALKER.walk(frames -> frames.noneMatch(frame -> isCallerFrame(frame.getClassName())));
    }

    private static boolean isCallerFrame(String className) {
        return !(className.startsWith("java.lang.invoke.") || className.startsWith("jdk.internal.")
                || className.equals(FailureRouter.class.getName()) || className.equals(UpcallGuard.class.getName()));
    }

    /** Sets this thread's pending failure aside before a downcall; see {@code CallbackFailures.suspendPending}. */
    public static Object suspend() {
        Pending pending = PENDING.get();
        if (pending != null) {
            PENDING.remove();
        }
        return pending;
    }

    /** The failure recorded since {@link #suspend()}, and the set-aside one put back; see {@code resumePending}. */
    public static Throwable resume(Object suspended) {
        Pending own = PENDING.get();
        Throwable failure = null;
        if (own != null) {
            PENDING.remove();
            failure = unchecked(own);
        }
        if (suspended != null) {
            PENDING.set((Pending) suspended);
        }
        return failure;
    }

    public static Throwable pending() {
        Pending pending = PENDING.get();
        return pending == null ? null : pending.first;
    }

    public static Throwable takePending() {
        Pending pending = PENDING.get();
        if (pending == null) {
            return null;
        }
        PENDING.remove();
        return unchecked(pending);
    }

    public static void rethrowIfPending() {
        Pending pending = PENDING.get();
        if (pending != null) {
            PENDING.remove();
            Throwable failure = unchecked(pending);
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
    }

    /**
     * Records {@code consequence}, a failure the pending one caused on this thread (the default result C got could
     * not be read back), to be rethrown as suppressed with it.
     *
     * @return {@code false} if no failure is pending, so the caller must throw {@code consequence} itself
     */
    static boolean attachToPending(Throwable consequence) {
        Pending pending = PENDING.get();
        if (pending == null) {
            return false;
        }
        if (pending.consequence == null) {
            pending.consequence = consequence;
        }
        return true;
    }

    /** Attaches this thread's pending failure, if any, to {@code failure} as suppressed. */
    public static void takePendingInto(Throwable failure) {
        Throwable pending = takePending();
        if (pending != null && pending != failure) {
            failure.addSuppressed(pending);
        }
    }

    private static Throwable unchecked(Pending pending) {
        Throwable first = pending.first;
        Throwable result = first instanceof RuntimeException || first instanceof Error ? first
                : new CallbackFailedException(pending.callback.describe() + " threw " + first, first);
        if (pending.consequence != null) {
            result.addSuppressed(pending.consequence);
        }
        if (pending.more > 0) {
            result.addSuppressed(new CallbackFailedException(pending.callback.describe() + " failed " + pending.more
                    + " more time(s) before the rethrow; only the first failure is kept", null));
        }
        return result;
    }
}
