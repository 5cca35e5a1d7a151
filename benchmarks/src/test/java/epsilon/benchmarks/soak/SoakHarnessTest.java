package epsilon.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness run as RELIABILITY.md runs it, in its own JVM, with parameters small enough for the build: it passes
 * and files what it printed; with planted faults it fails and names them; a bad option is exit code 2. The RSS
 * limit is raised for the passing run: at 10^4 calls per level the JIT is still compiling, and what its compilers
 * take natively is not what the soak is after (the full run warms up 2 * 10^5 calls per level first).
 */
class SoakHarnessTest {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path out;

    @Test
    void shouldPassAndFileWhatItPrintedWithTinyParameters() throws Exception {
        Forked run = fork("--calls", "1e4", "--warmup", "1e4", "--samples", "5", "--rss-limit-mib", "64",
                "--threads", "8", "--stress-seconds", "2", "--label", "test", "--out", out.toString());

        assertEquals(0, run.exit(), run.output());
        Path json;
        try (Stream<Path> files = Files.list(out)) {
            json = files.filter(f -> f.toString().endsWith(SoakFiles.JSON_SUFFIX)).findFirst().orElseThrow();
        }
        RunRecord filed = SoakFiles.read(json);
        String text = Files.readString(Path.of(json.toString().replace(SoakFiles.JSON_SUFFIX, SoakFiles.TEXT_SUFFIX)));
        assertEquals(SoakReport.render(filed), text);
        assertTrue(run.output().contains(text), run.output());
        assertTrue(text.endsWith("RESULT: PASS\n"), text);
        assertEquals(List.of(), filed.problems());
        assertEquals(CallLevels.NAMES, filed.soak().levels().stream().map(RunRecord.Level::name).toList());
        for (RunRecord.Level level : filed.soak().levels()) {
            assertEquals(10_000, level.calls(), level.name());
            assertEquals(6, level.samples().size(), level.name());
        }
        assertEquals(8, filed.stress().workers().size());
        assertTrue(filed.stress().reopens() > 0, "the closer closed the churned library at least once");
    }

    @Test
    void shouldFailAndNameAPlantedLeakAndALostLease() throws Exception {
        Forked run = fork("--calls", "1e4", "--warmup", "1e3", "--samples", "5", "--levels", "call-by-name",
                "--control", "--threads", "2", "--stress-seconds", "1");

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("  - soak control-leak: RSS grew +"), run.output());
        assertTrue(run.output().contains("  - stress: pool has 64 B still in use after every lease was released"),
                run.output());
    }

    @Test
    void shouldRefuseAnUnknownOptionWithItsUsage() throws Exception {
        Forked run = fork("--cals", "10");

        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().startsWith("Soak: unknown argument '--cals'\nusage: Soak"), run.output());
    }

    private record Forked(int exit, String output) {}

    /** Runs Soak in a JVM of this test's JDK and class path, with a small fixed, pre-touched heap. */
    private Forked fork(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Soak.class.getName()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("soak", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Soak did not finish in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
            }
            return new Forked(process.exitValue(), Files.readString(log));
        } finally {
            Files.delete(log);
        }
    }
}
