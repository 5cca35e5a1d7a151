package epsilon.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * One recorded run of warm-up curves, {@code <id>.curve.json} in the runs directory, written by
 * {@link RecordCurves}: for each level, several fresh JVMs that each called {@code labs} in a loop and timed every
 * slice of {@code sliceMillis}.
 *
 * @param id                the run's name, also its file's: {@code <date>-<label>}
 * @param date              when it was recorded, ISO-8601 UTC
 * @param machine           the processor, core count and operating system
 * @param jdk               the JDK the children ran on: version, vendor and VM
 * @param jvmOptions        the children's JVM options beyond native access, or empty
 * @param note              what the person who ran it wants a reader to know, or empty
 * @param sliceMillis       the length of a slice
 * @param seconds           how long each child called
 * @param steadyFromSeconds the steady state is the median of the slices that end after this time
 * @param levels            per level (the benchmark method names of {@code FirstCallBenchmark}), per child, the mean
 *                          ns per call of each slice, in order
 */
record WarmupRun(String id, String date, String machine, String jdk, String jvmOptions, String note, int sliceMillis,
                 double seconds, double steadyFromSeconds, Map<String, List<List<Double>>> levels) {
    static final String SUFFIX = ".curve.json";

    /** Every curve run in {@code directory}, oldest first (by date, then name); none is not an error. */
    static List<WarmupRun> loadAll(Path directory) throws IOException {
        List<WarmupRun> runs = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return runs;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                runs.add(load(file));
            }
        }
        runs.sort(Comparator.comparing(WarmupRun::date).thenComparing(WarmupRun::id));
        return runs;
    }

    static WarmupRun load(Path file) throws IOException {
        String name = file.getFileName().toString();
        WarmupRun run;
        try {
            run = Run.JSON.readValue(Files.readString(file), WarmupRun.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a warm-up curve run: " + e.getOriginalMessage(), e);
        }
        String id = name.substring(0, name.length() - SUFFIX.length());
        if (!id.equals(run.id())) {
            throw new IllegalArgumentException(file + " names run '" + run.id() + "', not '" + id + "'");
        }
        if (run.levels() == null || run.levels().isEmpty() || run.sliceMillis() <= 0
                || run.steadyFromSeconds() >= run.seconds()) {
            throw new IllegalArgumentException(file + " needs levels, a positive sliceMillis and steadyFromSeconds"
                    + " below seconds");
        }
        run.levels().forEach((level, children) -> {
            if (children.isEmpty() || children.stream().anyMatch(c -> c.size() != run.slices())) {
                throw new IllegalArgumentException(file + ": every child of level " + level + " needs "
                        + run.slices() + " slices (" + run.seconds() + " s of " + run.sliceMillis() + " ms)");
            }
        });
        return run;
    }

    /** The number of slices each child timed. */
    int slices() {
        return (int) Math.round(seconds * 1000 / sliceMillis);
    }

    /** Per slice, the median over the level's children. */
    List<Double> medianCurve(String level) {
        List<List<Double>> children = levels.get(level);
        List<Double> curve = new ArrayList<>();
        for (int i = 0; i < slices(); i++) {
            int slice = i;
            curve.add(median(children.stream().map(c -> c.get(slice)).toList()));
        }
        return curve;
    }

    /** The median of the level's median curve over the slices that end after {@code steadyFromSeconds}. */
    double steadyState(String level) {
        List<Double> curve = medianCurve(level);
        int first = (int) Math.round(steadyFromSeconds * 1000 / sliceMillis);
        return median(curve.subList(first, curve.size()));
    }

    /** The slice that ends at {@code secondsIn} (the first slice for anything shorter), over the steady state. */
    double ratioAt(String level, double secondsIn) {
        int index = Math.max(0, (int) Math.round(secondsIn * 1000 / sliceMillis) - 1);
        return medianCurve(level).get(index) / steadyState(level);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
