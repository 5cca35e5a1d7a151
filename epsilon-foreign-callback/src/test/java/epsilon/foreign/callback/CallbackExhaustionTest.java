package epsilon.foreign.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A callback that runs out of stack or heap, each in a JVM of its own ({@link ChildJvm}), because what is checked is
 * that the JVM survives. Unbounded recursion through C (a {@code qsort} comparator that sorts with itself) let a
 * {@link StackOverflowError} escape into the upcall stub, and the JVM died of a fatal error in
 * {@code UpcallLinker::handle_uncaught_exception} (exit code 134, or 1 with core dumps off as here).
 */
class CallbackExhaustionTest {
    private static final Pattern NESTED = Pattern.compile("a callback nested (\\d+) deep \\(C called Java, which"
            + " called C, \\.\\.\\.\\) found fewer than 32768 bytes of stack free \\(epsilon\\.callback\\.stackReserve\\),"
            + " so it did not run and C got its default result");

    @Test
    void shouldSurviveUnboundedRecursionThroughQsortAndReportTheFirstStackOverflowOnce(@TempDir Path directory)
            throws IOException, InterruptedException {
        List<String> lines = reports(ChildJvm.run(directory, UnboundedQsortRecursion.class, "-Xmx128m"));
        assertEquals(3, lines.size(), String.join("\n", lines));

        // Each level threw a CallbackError over the failure of the level below, as core's calls do; the outermost
        // caller gets one whose cause is the first failure, the stack overflow, not a wrapper or a later one.
        String[] levels = lines.get(0).split("\\|", -1);
        assertEquals("levels", levels[0]);
        assertEquals("epsilon.foreign.marshalling.CallbackError", levels[1]);
        assertEquals("java.lang.StackOverflowError", levels[3]);
        int deepest = Integer.parseInt(levels[5]);
        assertTrue(deepest > 10, "the comparator nested " + deepest + " deep before the stack ran out");
        assertEquals(deepest + 1, nestingDepthIn(levels[4]), "the failing level is the one below the deepest");
        assertEquals("a callback threw during the call to qsort: java.lang.StackOverflowError: " + levels[4], levels[2]);
        assertEquals("0", levels[6], "every level recorded its failure once: no count of more, no secondary one");
        assertEquals("none", levels[7], "nothing left pending");

        // Callback.call at the top, raw qsort and rethrowIfPending at every level: the overflow itself comes back.
        String[] call = lines.get(1).split("\\|", -1);
        assertEquals("call", call[0]);
        assertEquals("java.lang.StackOverflowError", call[1]);
        int callDeepest = Integer.parseInt(call[5]);
        assertTrue(callDeepest > 10, "the comparator nested " + callDeepest + " deep before the stack ran out");
        assertEquals(callDeepest + 1, nestingDepthIn(call[2]));
        assertEquals("0", call[6], "every level recorded its failure once");
        assertEquals("none", call[7]);

        // With a handler: it gets the overflow once, after the outermost comparator returned (its depth back to 0),
        // not on the exhausted stack; no Java caller sees it.
        String[] handler = lines.get(2).split("\\|", -1);
        assertEquals("handler", handler[0]);
        assertEquals("1", handler[1], "handled once");
        assertEquals("java.lang.StackOverflowError", handler[2]);
        int handlerDeepest = Integer.parseInt(handler[4]);
        assertTrue(handlerDeepest > 10, "the comparator nested " + handlerDeepest + " deep");
        assertEquals(handlerDeepest + 1, nestingDepthIn(handler[3]));
        assertEquals("0", handler[5], "handled when the thread's outermost callback returned");
        assertEquals("none", handler[6]);
    }

    @Test
    void shouldRecordAnOutOfMemoryErrorThrownWithTheHeapStillFull(@TempDir Path directory)
            throws IOException, InterruptedException {
        List<String> lines = reports(ChildJvm.run(directory, ExhaustedHeapCallback.class, "-Xmx32m",
                "-XX:+UseSerialGC"));
        assertEquals(List.of("heap|-1|java.lang.OutOfMemoryError|Java heap space|true|none"), lines,
                "C got the default; the caller rethrew the very error, recorded without allocating");
    }

    private static List<String> reports(List<String> printed) {
        return printed.stream().filter(line -> line.matches("(levels|call|handler|heap)\\|.*")).toList();
    }

    private static int nestingDepthIn(String message) {
        Matcher matcher = NESTED.matcher(message);
        assertTrue(matcher.matches(), message);
        return Integer.parseInt(matcher.group(1));
    }
}
