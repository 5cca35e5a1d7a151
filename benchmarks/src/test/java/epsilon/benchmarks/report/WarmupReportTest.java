package epsilon.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up curves in the report: medians over JVMs, the steady state, the ratios and the 1 s target. */
class WarmupReportTest {
    private static final String FIXTURE = "2026-03-01T0900Z-curves.curve.json";

    private static Path curves() {
        try {
            return Path.of(WarmupReportTest.class.getResource("/curves").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path runs() {
        try {
            return Path.of(WarmupReportTest.class.getResource("/runs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldTakeTheMedianOverJvmsAndTheSteadyStateOfTheLastSlices() throws IOException {
        WarmupRun run = WarmupRun.load(curves().resolve(FIXTURE));
        assertEquals(6, run.slices());
        assertEquals(List.of(150.0, 35.0, 15.0, 12.0, 10.0, 10.0), run.medianCurve("epsilonBound"));
        assertEquals(10.0, run.steadyState("epsilonBound"));
        assertEquals(15.0, run.ratioAt("epsilonBound", 0.1), 1e-9, "a checkpoint shorter than a slice: the first");
        assertEquals(3.5, run.ratioAt("epsilonBound", 1), 1e-9);
        assertEquals(1.2, run.ratioAt("epsilonBound", 2), 1e-9);
    }

    @Test
    void shouldRenderTheCheckpointsWithinTheRunAndCheckTheTargetAtOneSecond() throws IOException {
        String markdown = Report.render(Run.loadAll(runs()), WarmupRun.loadAll(curves()), "Fixture").markdown();
        assertTrue(markdown.contains("## Warm-up curves\n\nFrom run `2026-03-01T0900Z-curves` (2026-03-01 09:00 UTC,"
                + " Test CPU @ 2.0GHz, 2 cores, Linux 6.1 amd64, JDK 25.0.3 (Test Vendor; OpenJDK 64-Bit Server VM"
                + " 25.0.3+9-LTS)). Each level called `labs` in a loop in 1 fresh JVM of 3 s"), markdown);
        assertTrue(markdown.contains("| level | steady state | × raw Panama's | at 0.1 s | at 0.5 s | at 1 s | at 2 s |"
                + " target |\n"), markdown);
        assertTrue(markdown.contains("| panamaRaw | 10.00 ns/op | 1.00 | 5.00 | 5.00 | 1.30 | 1.00 |  |\n"), markdown);
        assertTrue(markdown.contains("| epsilonBound | 10.00 ns/op | 1.00 | 15.00 | 15.00 | 3.50 | 1.20 | ❌ after 1 s"
                + " <= 1.5x own steady state |\n"), markdown);
        assertTrue(markdown.contains("| epsilonCall | 10.00 ns/op | 1.00 | 10.00 | 10.00 | 1.40 | 1.00 | ✅ after 1 s"
                + " <= 1.5x own steady state |\n"), markdown);
        String without = Report.render(Run.loadAll(runs()), "Fixture").markdown();
        int targets = Integer.parseInt(without.replaceAll("(?s).*Targets met: \\d+ of (\\d+)\\.\n$", "$1"));
        assertTrue(markdown.endsWith("of " + (targets + 2) + ".\n"), "the two warm-up targets are counted");
        assertTrue(!without.contains("Warm-up"), "no curve run, no section");
    }

    @Test
    void shouldHoldTheFirstCallTargetForTheDefaultJvmOnly() {
        assertEquals("first call <= 1.3x raw Panama's",
                Target.forRow("FirstCallBenchmark jvm=default", "epsilonBound").orElseThrow().label());
        assertTrue(Target.forRow("FirstCallBenchmark jvm=aotCache", "epsilonBound").isEmpty());
        assertTrue(Target.forRow("FirstCallBenchmark jvm=default", "jnrFfi").isEmpty());
        assertEquals(1.5, Target.forRow(WarmupSection.GROUP, "epsilonSharedCall").orElseThrow().maxRatio());
    }

    @Test
    void shouldRefuseACurveFileThatIsNotWhatItsNameSays(@TempDir Path dir) throws IOException {
        String text = Files.readString(curves().resolve(FIXTURE));
        Path renamed = dir.resolve("2026-03-02T0900Z-other.curve.json");
        Files.writeString(renamed, text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WarmupRun.load(renamed));
        assertEquals(renamed + " names run '2026-03-01T0900Z-curves', not '2026-03-02T0900Z-other'", e.getMessage());

        Path shortChild = dir.resolve(FIXTURE);
        Files.writeString(shortChild, text.replace("[ 100.0, 14.0, 11.0, 10.0, 10.0, 10.0 ]", "[ 100.0, 14.0 ]"));
        e = assertThrows(IllegalArgumentException.class, () -> WarmupRun.load(shortChild));
        assertEquals(shortChild + ": every child of level epsilonCall needs 6 slices (3.0 s of 500 ms)",
                e.getMessage());

        Files.writeString(shortChild, text.replace("\"steadyFromSeconds\" : 2.0", "\"steadyFromSeconds\" : 3.0"));
        e = assertThrows(IllegalArgumentException.class, () -> WarmupRun.load(shortChild));
        assertEquals(shortChild + " needs levels, a positive sliceMillis and steadyFromSeconds below seconds",
                e.getMessage());

        Files.writeString(shortChild, "{ \"id\" : ");
        e = assertThrows(IllegalArgumentException.class, () -> WarmupRun.load(shortChild));
        assertTrue(e.getMessage().startsWith(shortChild + " is not a warm-up curve run: "), e.getMessage());
    }

    @Test
    void shouldFindNoCurvesWhereThereAreNone(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), WarmupRun.loadAll(dir));
        assertEquals(List.of(), WarmupRun.loadAll(dir.resolve("absent")));
    }

    @Test
    void shouldRefuseBadRecordCurvesOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordCurves.parse(new String[] {"--levels", "panamaRaw,epsilonFast"}));
        assertTrue(e.getMessage().startsWith("unknown level 'epsilonFast' in --levels; levels: [panamaRaw,"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecordCurves.parse(new String[] {"--seconds", "5", "--steady-from", "5"}));
        assertEquals("need --runs >= 1, --slice >= 1 and 1 <= --steady-from < --seconds; got runs 3, slice 100,"
                + " steady-from 5.0, seconds 5.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordCurves.parse(new String[] {"--label", "a b"}));
        assertEquals("run label 'a b' must be letters, digits, '.', '_' or '-'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordCurves.parse(new String[] {"--fast"}));
        assertTrue(e.getMessage().startsWith("unknown argument '--fast'; usage: RecordCurves"), e.getMessage());
        assertEquals(List.of("-Xint", "-Xss1m"),
                RecordCurves.parse(new String[] {"--jvm-options= -Xint  -Xss1m "}).jvmOptions());
    }
}
