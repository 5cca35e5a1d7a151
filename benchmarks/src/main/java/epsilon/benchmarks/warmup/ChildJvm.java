package epsilon.benchmarks.warmup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fresh JVMs on this JVM's own {@code java} and class path (the benchmark jar), with native access granted: the
 * children of {@code FirstCallBenchmark} and {@link WarmupCurves}.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The command that runs {@code mainClass} with {@code options} before it and {@code arguments} after. */
    static List<String> command(List<String> options, Class<?> mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        return command;
    }

    /**
     * Starts a JVM that makes {@code level} ready and calls it once, and waits for its printed result.
     *
     * @param level   one of {@link LabsCall#LEVELS}
     * @param options JVM options for the child
     * @return the child's own nanoseconds from {@code main} to the result
     * @throws IllegalStateException if the child printed anything but the expected result, or failed
     */
    public static long firstCall(String level, List<String> options) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(options, FirstCall.class, List.of(level)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        int status = process.waitFor();
        String expected = "first " + level + " 7 ";
        if (status != 0 || line == null || !line.startsWith(expected)) {
            throw new IllegalStateException("the first call of " + level + " with " + options + " printed '" + line
                    + "' and exited with " + status + "; expected '" + expected + "<nanos>'");
        }
        return Long.parseLong(line.substring(expected.length()));
    }

    /**
     * Starts a JVM that calls {@code level} in a loop for {@code seconds} ({@link CurveRun}) and returns its curve.
     *
     * @param level       one of {@link LabsCall#LEVELS}
     * @param options     JVM options for the child
     * @param seconds     how long the child calls
     * @param sliceMillis the length of one slice
     * @return the mean ns per call of each slice, in order
     * @throws IllegalStateException if the child printed anything but a curve of the expected length, or failed
     */
    public static List<Double> curve(String level, List<String> options, double seconds, int sliceMillis)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(options, CurveRun.class, List.of(level,
                String.valueOf(seconds), String.valueOf(sliceMillis))))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        int status = process.waitFor();
        String expected = "curve " + level + " ";
        int slices = (int) Math.round(seconds * 1000 / sliceMillis);
        if (status != 0 || line == null || !line.startsWith(expected)) {
            throw new IllegalStateException("the curve of " + level + " with " + options + " printed '" + line
                    + "' and exited with " + status + "; expected '" + expected + "<ns> ...'");
        }
        List<Double> curve = new ArrayList<>();
        for (String ns : line.substring(expected.length()).trim().split(" ")) {
            curve.add(Double.parseDouble(ns));
        }
        if (curve.size() != slices) {
            throw new IllegalStateException("the curve of " + level + " has " + curve.size() + " slices, not "
                    + slices);
        }
        return curve;
    }

    /**
     * Records a JDK 25 AOT cache at {@code cache} from one training run of {@code level}'s first call.
     *
     * @throws IllegalStateException if the JVM did not write the cache
     */
    public static void train(String level, Path cache) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(List.of("-XX:AOTCacheOutput=" + cache), FirstCall.class,
                List.of(level))).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int status = process.waitFor();
        if (status != 0 || !Files.isRegularFile(cache)) {
            throw new IllegalStateException("the AOT training run of " + level + " exited with " + status
                    + (Files.isRegularFile(cache) ? "" : " and wrote no " + cache));
        }
    }

    /**
     * Runs {@code java -version} once, so that the first timed launch neither loads this JVM's process classes
     * nor reads the JDK's files from disk.
     */
    public static void preloadProcessClasses() throws IOException, InterruptedException {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** Deletes {@code directory} and everything under it. */
    public static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
