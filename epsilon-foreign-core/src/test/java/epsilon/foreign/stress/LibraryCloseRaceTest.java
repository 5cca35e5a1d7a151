package epsilon.foreign.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Closing a library while other threads call into it, in a child JVM so that a crash fails this test instead of
 * killing the build: for 20 seconds (or {@code -Depsilon.stress.millis}), 8 threads call zlib by name, through
 * resolved functions and through a bound interface, or look its symbols up, while another opens and closes it; only
 * right results and {@code ClosedLibraryError} may come back.
 */
class LibraryCloseRaceTest {
    @Test
    void shouldGiveOnlyRightResultsOrClosedLibraryErrorsWhileTheLibraryComesAndGoes() throws Exception {
        Assumptions.assumeTrue(zlibInstalled(), "libz is not installed");
        String millis = System.getProperty("epsilon.stress.millis", "20000");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xss512k", "-cp",
                System.getProperty("java.class.path"), LibraryCloseStress.class.getName(), millis)
                .redirectErrorStream(true).start();
        boolean finished = child.waitFor(Long.parseLong(millis) / 1000 + 120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the stress program hung: " + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("OK {closed=") && output.contains("closes=") && output.contains("right="), output);
    }

    private static boolean zlibInstalled() {
        try {
            java.lang.foreign.SymbolLookup.libraryLookup("libz.so.1", java.lang.foreign.Arena.global());
            return true;
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }
}
