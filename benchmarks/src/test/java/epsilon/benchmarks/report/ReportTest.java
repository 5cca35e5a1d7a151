package epsilon.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static Path resource(String name) {
        try {
            return Path.of(ReportTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Measurement> fixture() throws IOException {
        return Measurement.fromJmh(Run.readJmh(resource("jmh-fixture.json")));
    }

    private static Row row(Map<String, List<Row>> groups, String group, String method) {
        return groups.get(group).stream().filter(r -> r.measurement().method().equals(method)).findFirst().orElseThrow();
    }

    /** The two fixture runs copied to {@code dir}, to be changed by a test. */
    private static Path copyOfRuns(Path dir) throws IOException {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (var files = Files.list(resource("runs"))) {
            for (Path file : files.toList()) {
                Files.copy(file, runs.resolve(file.getFileName()));
            }
        }
        return runs;
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void shouldTakeOneSamplePerForkAndTheMedian() throws IOException {
        List<Measurement> measurements = fixture();
        Measurement raw = measurements.get(0);
        assertEquals("LabsBenchmark", raw.group());
        assertEquals(List.of(6.0, 7.0, 9.0), raw.samples());
        assertEquals(7.0, raw.median());
        assertEquals(11.0, measurements.get(1).median()); // forks 11, 14, 10.5
        assertEquals(List.of(35.0), measurements.get(2).samples()); // its scoreError is JMH's "NaN"
    }

    @Test
    void shouldNameNestedClassesAndParametersInTheGroup() throws IOException {
        assertEquals("MemoryPoolBenchmark.Threaded size=256", fixture().get(4).group());
    }

    @Test
    void shouldComputeRatiosTargetsAndTheJnrVerdict() throws IOException {
        Map<String, List<Row>> groups = Analysis.analyse(fixture());
        Row foreignFunction = row(groups, "LabsBenchmark", "epsilonForeignFunction");
        assertEquals(11.0 / 7.0, foreignFunction.ratio(), 1e-9);
        assertEquals("ForeignFunction <= 1.2x", foreignFunction.target().orElseThrow().label());
        assertFalse(foreignFunction.meetsTarget(), "1.57x misses issue 13's 1.2x");
        assertEquals(true, foreignFunction.beatsJnr().orElseThrow());
        Row sharedCall = row(groups, "LabsBenchmark", "epsilonSharedCall");
        assertEquals(5.0, sharedCall.ratio(), 1e-9);
        assertFalse(sharedCall.meetsTarget());
        assertEquals(false, sharedCall.beatsJnr().orElseThrow());
        Row pool = row(groups, "MemoryPoolBenchmark.Threaded size=256", "poolAcquireRelease");
        assertEquals(0.2, pool.ratio(), 1e-9);
        assertTrue(pool.meetsTarget());
    }

    @Test
    void shouldShowTheBytesAllocatedPerCallWhenTheRunHadTheGcProfiler(@TempDir Path dir) throws IOException {
        Path runs = copyOfRuns(dir);
        Path newer = runs.resolve("2026-02-01T0900Z-newer.jmh.json");
        // JMH writes an empty "secondaryMetrics" per result; -prof gc fills it. Fill the first two.
        String empty = "\"secondaryMetrics\": {}";
        String gc = "\"secondaryMetrics\": { \"gc.alloc.rate.norm\": { \"score\": %s, \"scoreError\": 0.0,"
                + " \"scoreUnit\": \"B/op\", \"rawData\": [ [ %s ] ] } }";
        String text = Files.readString(newer);
        text = text.replaceFirst(java.util.regex.Pattern.quote(empty), gc.formatted("0.0004", "0.0004"))
                .replaceFirst(java.util.regex.Pattern.quote(empty), gc.formatted("24.0", "24.0"));
        Files.writeString(newer, text);
        String md = Report.render(Run.loadAll(runs), "Fixture").markdown();
        assertTrue(md.contains("| forks | × raw | target | beats JNR-FFI | B/op |"), md);
        assertTrue(md.lines().anyMatch(line -> line.startsWith("| epsilonBound |") && line.endsWith(" 0 |")), md);
        assertTrue(md.lines().anyMatch(line -> line.startsWith("| panamaRaw |") && line.endsWith("| |")),
                "a row the profiler did not measure has an empty cell");
        assertTrue(md.lines().anyMatch(line -> line.startsWith("| epsilonForeignFunction |") && line.endsWith(" 24 |")),
                md);
        String older = Report.render(Run.loadAll(resource("runs")), "Fixture").markdown();
        assertFalse(older.contains("B/op"), "no column where no run had the profiler");
    }

    @Test
    void shouldPairAMethodWithTheRawMethodSharingMostWords() {
        Measurement rawLabs = new Measurement("g", "rawLabs", "ns/op", List.of(1.0));
        Measurement rawStrlenSegment = new Measurement("g", "rawStrlenSegment", "ns/op", List.of(1.0));
        Measurement boundStrlenSegment = new Measurement("g", "boundStrlenSegment", "ns/op", List.of(1.0));
        Measurement boundLabs = new Measurement("g", "boundLabs", "ns/op", List.of(1.0));
        List<Measurement> group = List.of(rawLabs, rawStrlenSegment, boundStrlenSegment, boundLabs);
        assertEquals(rawLabs, Analysis.baselineOf(boundLabs, group));
        assertEquals(rawStrlenSegment, Analysis.baselineOf(boundStrlenSegment, group));
        assertEquals(List.of("Strlen", "Segment"), Analysis.words("boundStrlenSegment"));
    }

    @Test
    void shouldTakeEachSectionWholeFromTheNewestRunThatMeasuredIt() throws IOException {
        List<Run> runs = Run.loadAll(resource("runs"));
        assertEquals(List.of("2026-01-01T0900Z-older", "2026-02-01T0900Z-newer"), runs.stream().map(Run::id).toList());
        Map<String, Section> sections = Report.sections(runs);
        assertEquals(List.of("LabsBenchmark", "MemoryPoolBenchmark size=256"), List.copyOf(sections.keySet()));
        Section labs = sections.get("LabsBenchmark");
        assertEquals("2026-02-01T0900Z-newer", labs.run().id());
        assertEquals(List.of("2026-01-01T0900Z-older"), labs.superseded());
        assertEquals(7, labs.rows().size(), "no row of the older run (nor its C floor) mixes in");
        assertEquals(1.5, labs.rows().stream().filter(r -> r.measurement().method().equals("epsilonForeignFunction"))
                .findFirst().orElseThrow().ratio(), 1e-9);
        assertEquals("2026-01-01T0900Z-older", sections.get("MemoryPoolBenchmark size=256").run().id());

        String markdown = Report.render(runs, "Fixture").markdown();
        assertTrue(markdown.contains("## LabsBenchmark\n\nFrom run `2026-02-01T0900Z-newer` (newer than"
                + " `2026-01-01T0900Z-older`, which measured it too): **a quick run (1 fork, warm-up 1 × 1 s, measured"
                + " 2 × 1 s), not steady: every figure below is marked *(quick, unsteady)* and is not for"
                + " quoting**.\n"), markdown);
        assertTrue(markdown.contains("## MemoryPoolBenchmark size=256\n\nFrom run `2026-01-01T0900Z-older`.\n"),
                markdown);
        assertTrue(markdown.contains("| poolAcquireRelease | 5.50 ns/op | 5.00 – 6.00 | 3 | 0.22 | ✅ pool 256 B <="
                + " 0.25x arena |  |"), markdown);
    }

    @Test
    void shouldMarkEveryFigureOfAQuickRunAndNoneOfAFullRun() throws IOException {
        String markdown = Report.render(Run.loadAll(resource("runs")), "Fixture").markdown();
        String labs = markdown.substring(markdown.indexOf("## LabsBenchmark"), markdown.indexOf("## MemoryPool"));
        long rows = labs.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| benchmark")).count();
        assertEquals(7, rows);
        for (String line : labs.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| benchmark")).toList()) {
            assertTrue(line.matches("\\| \\w+ \\| [0-9.]+ ns/op \\*\\(quick, unsteady\\)\\* \\|.*\\|"
                    + " [0-9.]+ \\*\\(quick, unsteady\\)\\* \\|.*"), line);
        }
        String pool = markdown.substring(markdown.indexOf("## MemoryPool"));
        assertFalse(pool.contains("quick"), pool);
    }

    @Test
    void shouldCallARunQuickWithFewForksOrShortIterationsButNotASingleShotOne(@TempDir Path dir) throws IOException {
        Path runs = copyOfRuns(dir);
        Path older = runs.resolve("2026-01-01T0900Z-older.jmh.json");
        assertFalse(Run.load(older).unsteady(), "3 forks, warm-up 3 × 1 s, measured 5 × 1 s");
        replaceIn(older, "\"measurementIterations\": 5", "\"measurementIterations\": 2");
        assertTrue(Run.load(older).unsteady(), "2 s measured per fork");
        replaceIn(older, "\"measurementIterations\": 2", "\"measurementIterations\": 5");
        replaceIn(older, "\"warmupTime\": \"1 s\"", "\"warmupTime\": \"500 ms\"");
        assertTrue(Run.load(older).unsteady(), "1.5 s of warm-up");
        String markdown = Report.render(Run.loadAll(runs), "Fixture").markdown();
        assertTrue(markdown.contains("**`2026-01-01T0900Z-older` is a quick run (3 forks, warm-up 3 × 500 ms, measured"
                + " 5 × 1 s): too short for the steady state; every figure of it below is marked *(quick,"
                + " unsteady)* and is not for quoting.**"), markdown);
        assertTrue(markdown.contains("| poolAcquireRelease | 5.50 ns/op *(quick, unsteady)* |"), markdown);
        replaceIn(older, "\"warmupTime\": \"500 ms\"", "\"warmupTime\": \"single-shot\"");
        replaceIn(older, "\"mode\": \"avgt\"", "\"mode\": \"ss\"");
        assertFalse(Run.load(older).unsteady(), "single-shot: one call per fork by design");
        assertEquals(90.0, Run.seconds("1.5 min"));
        assertEquals(0.2, Run.seconds("200 ms"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Run.seconds("2 h"));
        assertEquals("cannot read the iteration time '2 h'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Run.seconds("single-shot"));
        assertEquals("cannot read the iteration time 'single-shot'", e.getMessage());
    }

    @Test
    void shouldNameEachRunsDateMachineJdkPeersAndShape() throws IOException {
        String markdown = Report.render(Run.loadAll(resource("runs")), "Fixture").markdown();
        assertTrue(markdown.contains("| `2026-01-01T0900Z-older` | 2026-01-01 09:00 UTC | Test CPU @ 2.0GHz, 2 cores,"
                + " Linux 6.1 amd64, virtual machine | 25.0.3 (Test Vendor; OpenJDK 64-Bit Server VM 25.0.3+9-LTS) |"
                + " 1.37, `-f 3 -wi 3 -w 1s -i 5 -r 1s`, `(Labs\\|MemoryPool)Benchmark` | 3 forks, warm-up 3 × 1 s,"
                + " measured 5 × 1 s | JNA 5.19.1, JNR-FFI 2.3.4 | 1 |"), markdown);
        assertTrue(markdown.contains("**`2026-02-01T0900Z-newer` is a smoke run (1 fork, fewer than 3)"), markdown);
        assertFalse(markdown.contains("**`2026-01-01T0900Z-older` is a smoke run"), markdown);
        assertTrue(markdown.contains("Note on `2026-02-01T0900Z-newer`: a fixture"), markdown);
    }

    @Test
    void shouldSummariseWhatTheRunsMeasuredAndNameWhatTheyDidNot() throws IOException {
        String markdown = Report.render(Run.loadAll(resource("runs")), "Fixture").markdown();
        assertTrue(markdown.contains("| call | run | sharedCall | ForeignFunction | bound interface | inline |"
                + " JNA direct | JNR-FFI |"), markdown);
        String q = " *(quick, unsteady)*";
        assertTrue(markdown.contains("| `labs(long)` | `2026-02-01T0900Z-newer` | 2.50" + q + " | 1.50" + q + " | 1.10"
                + q + " | 0.33" + q + " | 8.00" + q + " | 1.33" + q + " |"), markdown);
        assertTrue(markdown.contains("No committed run measured: `strlen(segment)` (StrlenBenchmark), `strlen(String)`"
                + " (vs raw segment call) (StrlenBenchmark), `getpid()` (a system call) (GetpidBenchmark)"), markdown);
    }

    @Test
    void shouldRefuseASummaryFigureItHasNoDataFor(@TempDir Path dir) throws IOException {
        Path runs = copyOfRuns(dir);
        Path newer = runs.resolve("2026-02-01T0900Z-newer.jmh.json");
        replaceIn(newer, "LabsBenchmark.jnrFfi", "LabsBenchmark.somethingElse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.render(Run.loadAll(runs), "Fixture"));
        assertEquals("the summary's `labs(long)` needs LabsBenchmark.jnrFfi, which run 2026-02-01T0900Z-newer does"
                + " not have: record a run of the whole benchmark class", e.getMessage());
    }

    @Test
    void shouldRefuseAFloorFigureWithoutItsBenchmark(@TempDir Path dir) throws IOException {
        Path runs = copyOfRuns(dir);
        replaceIn(runs.resolve("2026-01-01T0900Z-older.meta.json"), "\"labs\" : 1.5", "\"labs\" : 1.5, \"strlen\" : 1.8");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.render(Run.loadAll(runs), "Fixture"));
        assertEquals("run 2026-01-01T0900Z-older has a C floor figure for 'strlen' (1.800 ns) but no StrlenBenchmark"
                + " results to compare it with: remove it from 2026-01-01T0900Z-older.meta.json", e.getMessage());
    }

    @Test
    void shouldPutTheCFloorInItsGroupOfTheSameRun(@TempDir Path dir) throws IOException {
        Path runs = copyOfRuns(dir);
        Files.delete(runs.resolve("2026-02-01T0900Z-newer.jmh.json"));
        Files.delete(runs.resolve("2026-02-01T0900Z-newer.meta.json"));
        Section labs = Report.sections(Run.loadAll(runs)).get("LabsBenchmark");
        Row floor = labs.rows().getLast();
        assertEquals("cFloor", floor.measurement().method());
        assertEquals(1.5 / 6.5, floor.ratio(), 1e-9);
    }

    @Test
    void shouldRefuseARunWithoutItsMetadata(@TempDir Path dir) throws IOException {
        Path runs = copyOfRuns(dir);
        Files.delete(runs.resolve("2026-01-01T0900Z-older.meta.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Run.loadAll(runs));
        assertTrue(e.getMessage().startsWith("run 2026-01-01T0900Z-older has no 2026-01-01T0900Z-older.meta.json"),
                e.getMessage());
    }

    @Test
    void shouldRejectMalformedJsonNamingTheFileAndLine(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.jmh.json");
        Files.writeString(broken, "[\n  { \"benchmark\" : \"a.B.c\",\n  }\n]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Run.readJmh(broken));
        assertTrue(e.getMessage().startsWith(broken + " is not what the report reads: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(line 3, column 3)"), e.getMessage());
    }

    @Test
    void shouldSayWhenAResultFileIsEmpty(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("jmh.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Run.readJmh(empty));
        assertTrue(e.getMessage().startsWith("no JMH results in " + empty + ": did the run finish?"), e.getMessage());
    }

    @Test
    void shouldRecordARunBesideItsMetadata(@TempDir Path dir) throws IOException {
        Path floor = Files.writeString(dir.resolve("floor.txt"), "floor labs 1.581\nfloor strlen 1.9\n");
        Path jmh = resource("runs/2026-02-01T0900Z-newer.jmh.json");
        Path out = dir.resolve("runs");
        Instant at = Instant.parse("2026-03-04T05:06:07.890Z");
        Path recorded = RecordRun.record(jmh, floor, out, "smoke", at, " -f 1 -wi 1 -i 2 ", "LabsBenchmark", "");
        assertEquals(out.resolve("2026-03-04T0506Z-smoke.jmh.json"), recorded);
        assertArrayEquals(Files.readAllBytes(jmh), Files.readAllBytes(recorded), "JMH's file is kept as it was");

        Run run = Run.load(recorded);
        RunMetadata meta = run.metadata();
        assertEquals("2026-03-04T0506Z-smoke", meta.id());
        assertEquals("2026-03-04T05:06:07Z", meta.date());
        assertEquals("-f 1 -wi 1 -i 2", meta.jmhArguments());
        assertEquals(Map.of("labs", 1.581), meta.floor(), "no StrlenBenchmark in the run: its floor is left out");
        assertEquals(List.of("JNA", "JNR-FFI"), List.copyOf(meta.peers().keySet()));
        assertFalse(meta.peers().values().stream().anyMatch(v -> v.contains("${")), meta.peers().toString());
        assertTrue(meta.machine().contains(Runtime.getRuntime().availableProcessors() + " cores"), meta.machine());
        assertEquals("vendor unknown", meta.jdkVendor(), "the fixture's /opt/jdk-25 does not exist");

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> RecordRun.record(jmh, floor, out, "smoke", at, "", "", ""));
        assertEquals("run 2026-03-04T0506Z-smoke is already recorded in " + out, again.getMessage());
    }

    @Test
    void shouldReadTheVendorFromTheJdksReleaseFile(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");
        assertEquals("Eclipse Adoptium", RecordRun.vendorOf(bin.resolve("java").toString()));
    }

    @Test
    void shouldReadFloorLines() {
        assertEquals(Map.of("labs", 1.581, "strlen", 1.9),
                RecordRun.floorFigures(List.of("floor labs 1.581", "floor strlen 1.9", "noise")));
    }

    @Test
    void shouldRenderTheSameBytesEveryTimeAndAWellFormedSvg() throws Exception {
        Report.Rendered first = Report.render(Run.loadAll(resource("runs")), "Fixture <runs>");
        Report.Rendered second = Report.render(Run.loadAll(resource("runs")), "Fixture <runs>");
        assertEquals(first, second);
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(first.svg().getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getNodeName());
        assertTrue(first.svg().contains("Fixture &lt;runs&gt;, runs 2026-01-01T0900Z-older, 2026-02-01T0900Z-newer"));
        assertTrue(first.svg().contains("LabsBenchmark (2026-02-01T0900Z-newer, quick, unsteady)"));
        assertTrue(first.svg().contains("MemoryPoolBenchmark size=256 (2026-01-01T0900Z-older)"));
    }
}
