package epsilon.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * benchmarks/results/soak as committed: each run is a pair, {@code <id>.json} and {@code <id>.txt}, and the text is
 * exactly what the report makes of the JSON, so that no figure in it was edited by hand.
 */
class CommittedSoakRunsTest {
    private static final Path RUNS = Path.of("results", "soak");

    @Test
    void shouldHoldPairsWhoseTextIsTheReportOfTheirFigures() throws IOException {
        if (!Files.isDirectory(RUNS)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(RUNS)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(SoakFiles.JSON_SUFFIX)) {
                Path text = RUNS.resolve(name.replace(SoakFiles.JSON_SUFFIX, SoakFiles.TEXT_SUFFIX));
                assertTrue(Files.isRegularFile(text), name + " has no " + text.getFileName());
                assertEquals(SoakReport.render(SoakFiles.read(file)), Files.readString(text),
                        text + " is not the report of " + name + ": rewrite it with SoakFiles (RELIABILITY.md), never by hand");
            } else {
                assertTrue(name.endsWith(SoakFiles.TEXT_SUFFIX) && files.contains(RUNS.resolve(
                        name.replace(SoakFiles.TEXT_SUFFIX, SoakFiles.JSON_SUFFIX))), name + " is not half of a run");
            }
        }
    }
}
