package epsilon.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run filed in {@code benchmarks/results/soak}: {@code <id>.json}, the {@link RunRecord} with every figure and
 * sample, and {@code <id>.txt}, its {@link SoakReport}. Commit both. When the report's wording changes, rewrite every
 * text from its JSON (never by hand):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.soak.SoakFiles benchmarks/results/soak
 * </pre>
 */
public final class SoakFiles {
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

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SoakFiles DIR (rewrites every DIR/<id>.txt from DIR/<id>.json)");
        }
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path json : files.filter(f -> f.toString().endsWith(JSON_SUFFIX)).sorted().toList()) {
                Path text = Path.of(json.toString().replace(JSON_SUFFIX, TEXT_SUFFIX));
                Files.writeString(text, SoakReport.render(read(json)));
                System.out.println("Rewrote " + text);
            }
        }
    }

    static RunRecord read(Path json) throws IOException {
        return JSON.readValue(Files.readString(json), RunRecord.class);
    }
}
