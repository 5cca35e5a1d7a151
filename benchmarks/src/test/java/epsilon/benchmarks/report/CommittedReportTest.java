package epsilon.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * benchmarks/results as committed: latest.md and latest.svg are exactly what the report makes of the runs in
 * results/runs (JMH runs and warm-up curve runs), and nothing else there was made by hand (results/soak holds the soak runs: CommittedSoakRunsTest).
 */
class CommittedReportTest {
    private static final Path RESULTS = Path.of("results");

    @Test
    void shouldBeWhatTheReportMakesOfTheCommittedRuns() throws IOException {
        Report.Rendered rendered = Report.render(Run.loadAll(RESULTS.resolve("runs")),
                WarmupRun.loadAll(RESULTS.resolve("runs")), Report.DEFAULT_TITLE);
        assertEquals(rendered.markdown(), Files.readString(RESULTS.resolve("latest.md")),
                "results/latest.md differs from the report of results/runs: regenerate it (README, Speed)");
        assertEquals(rendered.svg(), Files.readString(RESULTS.resolve("latest.svg")),
                "results/latest.svg differs from the report of results/runs: regenerate it (README, Speed)");
    }

    @Test
    void shouldHoldOnlyTheReportAndTheRuns() throws IOException {
        try (Stream<Path> files = Files.list(RESULTS)) {
            assertEquals(List.of("latest.md", "latest.svg", "runs", "soak"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> files = Files.list(RESULTS.resolve("runs"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(WarmupRun.SUFFIX)) {
                    WarmupRun.load(file); // a warm-up curve run stands alone, and must be one the report reads
                    continue;
                }
                String id = name.replaceFirst("\\.(jmh|meta)\\.json$", "");
                assertEquals(true, !id.equals(name) && Files.isRegularFile(RESULTS.resolve("runs")
                        .resolve(id + (name.endsWith(Run.JMH_SUFFIX) ? Run.META_SUFFIX : Run.JMH_SUFFIX))),
                        name + " is not half of a recorded run (<id>.jmh.json with <id>.meta.json)");
            }
        }
    }
}
