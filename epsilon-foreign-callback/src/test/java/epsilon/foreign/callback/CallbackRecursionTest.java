package epsilon.foreign.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unbounded recursion through C: a {@code qsort} comparator that sorts with itself until the stack runs out. Before
 * the guards checked the stack a nested callback needs, the {@link StackOverflowError} escaped into the upcall stub
 * and the JVM died of a fatal error in {@code UpcallLinker::handle_uncaught_exception} (exit code 134, or 1 with
 * core dumps off as here), so this runs {@link UnboundedQsortRecursion} in a JVM of its own, with a fixed 1 MiB
 * stack, and a time limit.
 */
class CallbackRecursionTest {
    private static final long TIME_LIMIT_SECONDS = 60;
    private static final Pattern NESTED = Pattern.compile("a callback nested (\\d+) deep \\(C called Java, which"
            + " called C, \\.\\.\\.\\) found fewer than 32768 bytes of stack free \\(epsilon\\.callback\\.stackReserve\\),"
            + " so it did not run and C got its default result");

    @Test
    void shouldSurviveUnboundedRecursionThroughQsortAndReportTheFirstStackOverflowOnce(@TempDir Path directory)
            throws IOException, InterruptedException {
        List<String> lines = runChild(directory);
        assertEquals(2, lines.size(), String.join("\n", lines));

        // Each level threw a CallbackError over the failure of the level below, as core's calls do; the outermost
        // caller gets one whose cause is the first failure, the stack overflow, not a wrapper or a later one.
        String[] levels = lines.get(0).split("\\|", -1);
        assertEquals("levels", levels[0]);
        assertEquals("epsilon.foreign.marshalling.CallbackError", levels[1]);
        assertEquals("java.lang.StackOverflowError", levels[3]);
        int deepest = Integer.parseInt(levels[5]);
        assertTrue(deepest > 10, "the comparator nested " + deepest + " deep before the stack ran out");
        assertEquals(deepest + 1, nestingDepthIn(levels[4]), "the failing level is the one below the deepest comparator");
        assertEquals("a callback threw during the call to qsort: java.lang.StackOverflowError: " + levels[4], levels[2]);
        assertEquals("0", levels[6], "every level recorded its failure once: no count of more failures, no secondary one");
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
    }

    private static int nestingDepthIn(String message) {
        Matcher matcher = NESTED.matcher(message);
        assertTrue(matcher.matches(), message);
        return Integer.parseInt(matcher.group(1));
    }

    /** Runs the child with this JVM's {@code java} and class path; fails on a timeout or an abnormal exit. */
    private static List<String> runChild(Path directory) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path output = directory.resolve("child.out");
        List<String> command = new ArrayList<>(List.of(java, "-Xss1m", "-Xmx128m", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + directory.resolve("hs_err_pid%p.log"), "--enable-native-access=ALL-UNNAMED",
                "-Depsilon.callback.guard=" + System.getProperty("epsilon.callback.guard", "generated"),
                "-cp", System.getProperty("java.class.path"), UnboundedQsortRecursion.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail("the child did not finish within " + TIME_LIMIT_SECONDS + " s:\n" + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertEquals(0, child.exitValue(), "the child JVM exited abnormally:\n" + printed);
        return printed.lines().filter(line -> line.startsWith("levels|") || line.startsWith("call|")).toList();
    }
}
