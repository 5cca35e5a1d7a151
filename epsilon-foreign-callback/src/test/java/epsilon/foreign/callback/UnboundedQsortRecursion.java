package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import epsilon.foreign.marshalling.CallbackError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Run in a JVM of its own by {@link CallbackExhaustionTest}, because what it checks is that the JVM survives: a
 * {@code qsort} comparator that sorts the same array with itself, through real libc {@code qsort}, until the stack
 * runs out. Prints one line per way of calling, for the test to read:
 *
 * <pre>
 * levels|CallbackError|message|cause class|cause message|nesting depth reached|suppressed of the cause|pending after
 * call|exception class|message|-|-|nesting depth reached|suppressed|pending after
 * handler|failures handled|class handled|its message|nesting depth reached|nesting depth when handled|pending after
 * </pre>
 *
 * {@code levels} calls {@code qsort} the way core's call levels do at every level, outermost included: set the
 * pending failure aside, call, take the failure recorded during the call and throw it as the cause of a
 * {@link CallbackError}. {@code call} starts with {@link Callback#call} and calls {@code qsort} raw at every level,
 * rethrowing with {@link CallbackFailures#rethrowIfPending()}. {@code handler} does the same as {@code levels} with
 * a failure handler on the comparator, which therefore takes the failure instead of the Java callers.
 */
public final class UnboundedQsortRecursion {
    private static final String INT_COMPARATOR = "int (*)(const int *, const int *)";

    private static int depth;
    private static int deepest;

    private UnboundedQsortRecursion() {}

    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1); // two elements: qsort compares once per level
            System.out.println(levels(array));
            System.out.println(call(array));
            System.out.println(handler(array));
        }
    }

    private static String handler(MemorySegment array) {
        Callback[] self = new Callback[1];
        Comparator<MemorySegment> sortsAgain = (a, b) -> {
            nested(() -> qsortAsCoreDoes(array, self[0]));
            return 0;
        };
        List<CallbackFailure> handled = new ArrayList<>();
        int[] depthWhenHandled = {-1};
        deepest = 0;
        try (Callback comparator = Callbacks.of(Comparator.class, sortsAgain, INT_COMPARATOR,
                CallbackOption.onFailure(failure -> {
                    handled.add(failure);
                    depthWhenHandled[0] = depth;
                }))) {
            self[0] = comparator;
            qsortAsCoreDoes(array, comparator);
        }
        Throwable error = handled.isEmpty() ? null : handled.getFirst().error();
        return String.join("|", "handler", Integer.toString(handled.size()),
                error == null ? "-" : error.getClass().getName(), error == null ? "-" : error.getMessage(),
                Integer.toString(deepest), Integer.toString(depthWhenHandled[0]),
                CallbackFailures.pending().map(Throwable::toString).orElse("none"));
    }

    private static String levels(MemorySegment array) {
        Callback[] self = new Callback[1];
        Comparator<MemorySegment> sortsAgain = (a, b) -> {
            nested(() -> qsortAsCoreDoes(array, self[0]));
            return 0;
        };
        deepest = 0;
        try (Callback comparator = Callbacks.of(Comparator.class, sortsAgain, INT_COMPARATOR)) {
            self[0] = comparator;
            qsortAsCoreDoes(array, comparator);
            return "levels|no failure";
        } catch (CallbackError outermost) {
            return line("levels", outermost, outermost.getCause());
        }
    }

    private static String call(MemorySegment array) {
        Callback[] self = new Callback[1];
        Comparator<MemorySegment> sortsAgain = (a, b) -> {
            nested(() -> {
                Libc.qsort(array, 2, 4, self[0].pointer());
                CallbackFailures.rethrowIfPending();
            });
            return 0;
        };
        deepest = 0;
        try (Callback comparator = Callbacks.of(Comparator.class, sortsAgain, INT_COMPARATOR)) {
            self[0] = comparator;
            comparator.call(array, array.asSlice(4));
            return "call|no failure";
        } catch (RuntimeException | Error outermost) {
            return line("call", outermost, null);
        }
    }

    /** What core's {@code DynamicFunction} does around a downcall that may call back. */
    private static void qsortAsCoreDoes(MemorySegment array, Callback comparator) {
        Object suspended = CallbackFailures.suspendPending();
        Libc.qsort(array, 2, 4, comparator.pointer());
        Throwable failure = CallbackFailures.resumePending(suspended);
        if (failure != null) {
            throw new CallbackError("a callback threw during the call to qsort: " + failure, "qsort", failure);
        }
    }

    private static void nested(Runnable level) {
        depth++;
        deepest = Math.max(deepest, depth);
        try {
            level.run();
        } finally {
            depth--;
        }
    }

    private static String line(String way, Throwable outermost, Throwable cause) {
        Throwable reported = cause == null ? outermost : cause;
        return String.join("|", way, outermost.getClass().getName(), outermost.getMessage(),
                cause == null ? "-" : cause.getClass().getName(), cause == null ? "-" : cause.getMessage(),
                Integer.toString(deepest), Integer.toString(reported.getSuppressed().length),
                CallbackFailures.pending().map(Throwable::toString).orElse("none"));
    }
}
