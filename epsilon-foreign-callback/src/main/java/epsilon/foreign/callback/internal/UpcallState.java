package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackFailureHandler;

/**
 * What the guarded callbacks of one thread are doing: how deeply they nest, and the failures they recorded. One per
 * thread, made once: a callback's catch handler records a failure with field writes only, because it may run with
 * no stack or no heap left (a {@link StackOverflowError} or an {@link OutOfMemoryError} is what it caught). The
 * guards ({@link UpcallGuard} and its generated classes) read and write these fields directly, without a call;
 * {@link FailureRouter} interprets them.
 */
final class UpcallState {
    private static final ThreadLocal<UpcallState> CURRENT = ThreadLocal.withInitial(UpcallState::new);

    /**
     * Bytes of stack a callback nested {@link #CHECKED_DEPTH} or more deep must find free before it runs,
     * {@code -Depsilon.callback.stackReserve} (default 32 KiB; 0 turns the check off). See
     * {@link #prepare(UpcallState)}.
     */
    static final int STACK_RESERVE = Math.max(0, Integer.getInteger("epsilon.callback.stackReserve", 32 * 1024));

    /**
     * Each frame of {@link #descend} keeps 16 {@code long}s live across its call, so that it takes about 128 bytes of
     * stack or more however it runs (interpreted frames are larger, which only makes the check stricter). Measured on
     * JDK 25, x86-64: C2 frames of 150 to 210 bytes. The values are computed from the seed, so a JIT could in
     * principle recompute them after the call instead of keeping them; loading them from memory the callee writes
     * would forbid that, at 1.4 to 2 times the cost. Were the frames ever 4 times smaller, the check would still
     * leave 8 KiB, more than one level of recursion through core's calls takes (about 5 KiB).
     */
    private static final int PROBE_FRAMES = STACK_RESERVE / 128;

    /**
     * The shallowest nesting depth that checks the reserve. The check costs microseconds, and shallow nesting is common
     * (a GUI callback calling the toolkit, which calls back); recursion through C that runs out of stack gets deep.
     * A callback nested less deeply can only overflow before its guard if its thread was already near the end of its
     * stack when it called C, as a callback that is not nested can: the JVM keeps a shadow zone (80 KiB on x86-64
     * Linux) free below every Java frame, and a level of recursion through C takes about 3.5 to 5 KiB.
     */
    static final int CHECKED_DEPTH = 4;

    static final byte ORIGIN_UNKNOWN = 0;
    static final byte ORIGIN_JAVA = 1;
    static final byte ORIGIN_FOREIGN = 2;

    /** Guarded upcalls running on this thread: 0 outside callbacks, 1 in a callback C called, 2 in one nested in it. */
    int depth;
    /** Whether Java started this thread or C did (the JVM attached it for its first upcall); learnt at depth 1. */
    byte origin = ORIGIN_UNKNOWN;

    /*
     * The pending slot: the first failure of a callback without a handler on a thread with a Java caller, for that
     * caller to rethrow; how many followed it; and one failure it caused (attached as suppressed when rethrown).
     */
    Throwable pendingError;
    CallbackImpl pendingCallback;
    int pendingMore;
    Throwable pendingConsequence;

    /*
     * The backlog: a failure that a handler or the log must take, recorded but not delivered yet (delivering it
     * needs stack and heap). Delivered as soon as it can be, at the latest when the outermost callback of the
     * thread returns.
     */
    Throwable backlogError;
    CallbackImpl backlogCallback;
    CallbackFailureHandler backlogHandler;
    boolean backlogForeign;
    Throwable backlogConsequence;
    /** The handler was called, so a retry only logs what it threw. */
    boolean backlogHandled;
    Throwable backlogHandlerFailure;
    int backlogMore;

    /*
     * The failure that a callback running at depth takenDepth took out of the pending slot (through a rethrow or a
     * resume, after its own downcall): while that callback runs, whatever it throws is that failure on its way out,
     * so its guard records that failure again, the first one, and not a wrapper or a later, secondary failure.
     * Cleared when that callback returns.
     */
    Throwable taken;
    int takenDepth;

    private UpcallState() {}

    static UpcallState current() {
        return CURRENT.get();
    }

    /**
     * Called by a guard, inside its {@code try}, right after it counted itself in {@link #depth}, when the callback
     * is nested {@link #CHECKED_DEPTH} or more deep, or the thread's origin is not known yet.
     *
     * <p>Such a callback checks that {@link #STACK_RESERVE} bytes of stack are free below it, by descending that
     * far: if they are not, it fails here, inside its guard, with a {@link StackOverflowError}, before running the
     * user's code. Without the check, unbounded recursion through C (a comparator that sorts with itself) overflows
     * at any frame of the next level, including the JDK's frames between the C call and the next guard, where
     * nothing can catch it and the JVM aborts. With it, the next level's entry and this level's catch handler have
     * the reserve to run in, as long as the Java code of one level (the callback, up to its downcall) uses less.
     *
     * @throws StackOverflowError if a nested callback has less than the reserve left
     */
    static void prepare(UpcallState state) {
        if (state.depth == 1) {
            state.learnOrigin();
        } else if (PROBE_FRAMES > 0 && state.depth >= CHECKED_DEPTH) {
            try {
                descend(PROBE_FRAMES, state.depth);
            } catch (StackOverflowError tooDeep) {
                throw new StackOverflowError("a callback nested " + state.depth + " deep (C called Java, which called"
                        + " C, ...) found fewer than " + STACK_RESERVE + " bytes of stack free"
                        + " (epsilon.callback.stackReserve), so it did not run and C got its default result");
            }
        }
    }

    /** Takes about {@code frames} * 128 bytes of stack or more; the result only keeps the values alive. */
    private static long descend(int frames, long seed) {
        if (frames == 0) {
            return seed;
        }
        long a0 = seed + 1, a1 = seed * 3, a2 = seed ^ 5, a3 = seed + 7, a4 = seed * 11, a5 = seed ^ 13;
        long a6 = seed + 17, a7 = seed * 19, a8 = seed ^ 23, a9 = seed + 29, a10 = seed * 31, a11 = seed ^ 37;
        long a12 = seed + 41, a13 = seed * 43, a14 = seed ^ 47, a15 = seed + 53;
        long below = descend(frames - 1, a0 ^ a15);
        return below + (a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7 ^ a8 ^ a9 ^ a10 ^ a11 ^ a12 ^ a13 ^ a14 ^ a15);
    }

    /**
     * At depth 1 only: below the outermost callback there are Java frames exactly when Java started the thread.
     * Deeper, the callbacks' own frames are below. A walk that fails (no stack or heap left) leaves it unknown.
     */
    private void learnOrigin() {
        if (origin == ORIGIN_UNKNOWN) {
            try {
                origin = FailureRouter.onForeignThread() ? ORIGIN_FOREIGN : ORIGIN_JAVA;
            } catch (Throwable noStackOrHeap) {
                // unknown until the next callback, or until a failure needs to know
            }
        }
    }

    /**
     * Whether no Java caller is below the running callback (the outermost one on a thread C created), so a failure
     * cannot be left pending. Unknown counts as a Java caller: the failure is then pending, as on most threads.
     */
    boolean foreignCaller() {
        if (depth != 1) {
            return false;
        }
        learnOrigin();
        return origin == ORIGIN_FOREIGN;
    }
}
