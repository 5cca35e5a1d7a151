package epsilon.foreign.callback.internal;

/**
 * Whether this JVM has made any upcall guard, that is, any callback C could call. Until then no callback can have
 * failed, so a downcall that may call back skips the pending-failure bookkeeping ({@code CallbackFailures}'
 * {@code suspendPending} and {@code resumePending}): no upcall state, no thread-local, no logger initialized, and
 * the JIT prunes the skipped branch from the compiled call. A class of its own, with nothing to initialize, so that
 * the test loads nothing else.
 */
public final class UpcallsMade {
    /** Set before the first upcall stub exists, never cleared. */
    private static volatile boolean any;

    private UpcallsMade() {}

    /** {@return whether a callback has been made in this JVM} */
    public static boolean any() {
        return any;
    }

    /** Called by {@link UpcallGuard#guard} before its handle can become an upcall stub. */
    static void record() {
        if (!any) {
            any = true;
        }
    }
}
