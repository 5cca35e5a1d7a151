package epsilon.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static String fixture() throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream("/jmh-fixture.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Row row(Map<String, List<Row>> groups, String group, String method) {
        return groups.get(group).stream().filter(r -> r.measurement().method().equals(method)).findFirst().orElseThrow();
    }

    @Test
    void shouldTakeOneSamplePerForkAndTheMedian() throws IOException {
        List<Measurement> measurements = Measurement.fromJmh(fixture());
        Measurement raw = measurements.get(0);
        assertEquals("LabsBenchmark", raw.group());
        assertEquals(List.of(6.0, 7.0, 9.0), raw.samples());
        assertEquals(7.0, raw.median());
        assertEquals(11.0, measurements.get(1).median()); // forks 11, 14, 10.5
    }

    @Test
    void shouldNameNestedClassesAndParametersInTheGroup() throws IOException {
        List<Measurement> measurements = Measurement.fromJmh(fixture());
        assertEquals("MemoryPoolBenchmark.Threaded size=256", measurements.get(4).group());
    }

    @Test
    void shouldMergeRunsIntoOneMedian() throws IOException {
        List<Measurement> twice = Measurement.merge(java.util.stream.Stream.concat(
                Measurement.fromJmh(fixture()).stream(), Measurement.fromJmh(fixture()).stream()).toList());
        assertEquals(List.of(6.0, 7.0, 9.0, 6.0, 7.0, 9.0), twice.get(0).samples());
        assertEquals(7.0, twice.get(0).median());
    }

    @Test
    void shouldComputeRatiosTargetsAndTheJnrVerdict() throws IOException {
        Map<String, List<Row>> groups = Analysis.analyse(Measurement.fromJmh(fixture()));
        Row foreignFunction = row(groups, "LabsBenchmark", "epsilonForeignFunction");
        assertEquals(11.0 / 7.0, foreignFunction.ratio(), 1e-9);
        assertEquals("sharedCallFast/ForeignFunction <= 2x", foreignFunction.target().orElseThrow().label());
        assertTrue(foreignFunction.meetsTarget());
        assertEquals(true, foreignFunction.beatsJnr().orElseThrow());
        Row sharedCall = row(groups, "LabsBenchmark", "epsilonSharedCall");
        assertEquals(5.0, sharedCall.ratio(), 1e-9);
        assertTrue(!sharedCall.meetsTarget());
        assertEquals(false, sharedCall.beatsJnr().orElseThrow());
        Row pool = row(groups, "MemoryPoolBenchmark.Threaded size=256", "poolAcquireRelease");
        assertEquals(0.2, pool.ratio(), 1e-9);
        assertTrue(pool.meetsTarget());
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
    void shouldRenderAMarkdownTableAndAWellFormedSvg() throws Exception {
        Map<String, List<Row>> groups = Analysis.analyse(Measurement.fromJmh(fixture()));
        String markdown = MarkdownReport.render(groups, "Fixture");
        assertTrue(markdown.contains("| epsilonForeignFunction | 11.00 ns/op | 10.50 – 14.00 | 3 | 1.57 | ✅"
                + " sharedCallFast/ForeignFunction <= 2x | yes |"), markdown);
        assertTrue(markdown.contains("Targets met: 2 of 3."), markdown);
        String svg = SvgChart.render(groups, "Fixture <run>");
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getNodeName());
        assertTrue(svg.contains("Fixture &lt;run&gt;"));
    }

    @Test
    void shouldReadFloorLines() {
        List<Measurement> floor = Report.floorRows(List.of("floor labs 1.581", "floor strlen 1.9", "noise"));
        assertEquals(2, floor.size());
        assertEquals("LabsBenchmark", floor.get(0).group());
        assertEquals("cFloor", floor.get(0).method());
        assertEquals(1.581, floor.get(0).median());
    }

    @Test
    void shouldRejectMalformedJsonNamingTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, }"));
        assertEquals("JMH result is not valid JSON: expected a value at offset 4", e.getMessage());
    }

    @Test
    void shouldSayWhenAResultFileIsEmpty(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createFile(dir.resolve("jmh.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.main(new String[] {"--out", dir.toString(), empty.toString()}));
        assertTrue(e.getMessage().startsWith("no JMH results in " + empty + ": did the run finish?"), e.getMessage());
    }
}
