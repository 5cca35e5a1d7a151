package epsilon.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run filed in {@code benchmarks/results/soak}: {@code <id>.json}, the {@link RunRecord} with every figure and
 * sample, and {@code <id>.txt}, its {@link SoakReport}. Commit both.
 */
final class SoakFiles {
    static final String JSON_SUFFIX = ".json";
    static final String TEXT_SUFFIX = ".txt";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SoakFiles() {}

    /** Writes both files of {@code run} into {@code directory}; returns the text file. */
    static Path write(RunRecord run, Path directory) throws IOException {
        Path json = directory.resolve(run.id() + JSON_SUFFIX);
        Path text = directory.resolve(run.id() + TEXT_SUFFIX);
        if (Files.exists(json) || Files.exists(text)) {
            throw new IllegalArgumentException("run " + run.id() + " is already filed in " + directory
                    + ": give another --label");
        }
        Files.createDirectories(directory);
        Files.writeString(json, JSON.writeValueAsString(run) + "\n");
        Files.writeString(text, SoakReport.render(run));
        return text;
    }

    static RunRecord read(Path json) throws IOException {
        return JSON.readValue(Files.readString(json), RunRecord.class);
    }
}
