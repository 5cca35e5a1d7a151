package epsilon.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One committed JMH run: {@code <id>.jmh.json} exactly as JMH wrote it, and {@code <id>.meta.json} from
 * {@link RecordRun}.
 *
 * @param id       the run's name
 * @param metadata what JMH's file does not say
 * @param results  JMH's results, in its order
 */
record Run(String id, RunMetadata metadata, List<JmhResult> results) {
    static final String JMH_SUFFIX = ".jmh.json";
    static final String META_SUFFIX = ".meta.json";

    /** Reads JMH's JSON and our metadata alike; fields the report does not know are ignored. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Every run in {@code directory}, oldest first (by recorded date, then name). */
    static List<Run> loadAll(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no run directory " + directory + ": record a run first (see"
                    + " README, Speed)");
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(JMH_SUFFIX)).sorted().toList()) {
                runs.add(load(file));
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no JMH results (*" + JMH_SUFFIX + ") in " + directory);
        }
        runs.sort(Comparator.comparing((Run r) -> r.metadata().date()).thenComparing(Run::id));
        return runs;
    }

    /** The run whose JMH file is {@code jmhFile}, with the metadata beside it. */
    static Run load(Path jmhFile) throws IOException {
        String name = jmhFile.getFileName().toString();
        String id = name.substring(0, name.length() - JMH_SUFFIX.length());
        Path metaFile = jmhFile.resolveSibling(id + META_SUFFIX);
        if (!Files.isRegularFile(metaFile)) {
            throw new IllegalArgumentException("run " + id + " has no " + metaFile.getFileName() + " beside "
                    + name + ": record runs with RecordRun, which writes both");
        }
        RunMetadata metadata = read(metaFile, new TypeReference<RunMetadata>() {});
        if (!id.equals(metadata.id())) {
            throw new IllegalArgumentException(metaFile + " names run '" + metadata.id() + "', not '" + id + "'");
        }
        return new Run(id, metadata, readJmh(jmhFile));
    }

    /** JMH's results in {@code file}, refusing an empty or unfinished one. */
    static List<JmhResult> readJmh(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IllegalArgumentException("no JMH results in " + file + ": did the run finish? (JMH writes"
                    + " its JSON at the end; another JMH holding /tmp/jmh.lock makes a run exit early)");
        }
        List<JmhResult> results = read(file, new TypeReference<List<JmhResult>>() {});
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException("no JMH results in " + file + ": the file holds an empty list");
        }
        for (JmhResult result : results) {
            if (result.benchmark() == null || result.primaryMetric() == null) {
                throw new IllegalArgumentException(file + " has an entry without benchmark or primaryMetric: is"
                        + " it JMH's -rf json output?");
            }
        }
        return results;
    }

    private static <T> T read(Path file, TypeReference<T> type) throws IOException {
        try {
            return JSON.readValue(Files.readString(file), type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not what the report reads: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
    }

    /** The forks, warm-up and measurement of the run's benchmarks, e.g. {@code 3 forks, warm-up 3 × 1 s, ...}. */
    String shape() {
        return results.stream()
                .map(r -> r.forks() + (r.forks() == 1 ? " fork" : " forks") + ", warm-up " + r.warmupIterations()
                        + " × " + r.warmupTime() + ", measured " + r.measurementIterations() + " × "
                        + r.measurementTime())
                .distinct()
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    /** Fewer forks than this, and the median over forks is one JVM's luck (forks of one run differ by up to 20%). */
    static final int STEADY_FORKS = 3;
    /** Less warm-up than this per fork, and the dynamic levels may not have reached their steady state. */
    static final double STEADY_WARMUP_SECONDS = 2;
    /** Less measured time than this per fork, and a fork's figure is a sample, not its steady state. */
    static final double STEADY_MEASURED_SECONDS = 3;

    /**
     * Whether the run's figures are a quick run's: fewer than {@link #STEADY_FORKS} forks of some benchmark, or,
     * outside single-shot mode (one call per fork by design), less than {@link #STEADY_WARMUP_SECONDS} of warm-up
     * or {@link #STEADY_MEASURED_SECONDS} of measurement per fork.
     */
    boolean unsteady() {
        return results.stream().anyMatch(r -> r.forks() < STEADY_FORKS || !"ss".equals(r.mode())
                && (r.warmupIterations() * seconds(r.warmupTime()) < STEADY_WARMUP_SECONDS
                    || r.measurementIterations() * seconds(r.measurementTime()) < STEADY_MEASURED_SECONDS));
    }

    /** JMH's iteration time, {@code 1 s}, {@code 500 ms}, {@code 200 us} or {@code 1 min}, in seconds. */
    static double seconds(String time) {
        String[] parts = time == null ? new String[0] : time.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("cannot read the iteration time '" + time + "'");
        }
        double value = Double.parseDouble(parts[0]);
        return switch (parts[1]) {
            case "min" -> value * 60;
            case "s" -> value;
            case "ms" -> value / 1e3;
            case "us" -> value / 1e6;
            case "ns" -> value / 1e9;
            default -> throw new IllegalArgumentException("cannot read the iteration time '" + time + "'");
        };
    }

    /** The fewest forks any of the run's benchmarks had. */
    int fewestForks() {
        return results.stream().mapToInt(JmhResult::forks).min().orElse(0);
    }

    /** The JDK, from JMH's file (version and VM) and the metadata (vendor); one per run. */
    String jdk() {
        List<String> versions = results.stream()
                .map(r -> r.jdkVersion() + " (" + metadata.jdkVendor() + "; " + r.vmName() + " " + r.vmVersion() + ")")
                .distinct()
                .toList();
        if (versions.size() != 1) {
            throw new IllegalArgumentException("run " + id + " mixes JDKs: " + versions);
        }
        return versions.getFirst();
    }

    /** The JMH version, from its file. */
    String jmhVersion() {
        return results.stream().map(JmhResult::jmhVersion).distinct().reduce((a, b) -> a + ", " + b).orElse("?");
    }
}
