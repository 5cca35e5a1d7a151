package epsilon.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Files a finished JMH run under {@code benchmarks/results/runs}: JMH's JSON copied byte for byte as
 * {@code <id>.jmh.json}, and beside it {@code <id>.meta.json} with what the JSON does not say (date, machine,
 * JDK vendor, JMH options, peers' versions, the C floor). The {@code -Pbench} profile runs it after JMH.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.report.RecordRun --jmh jmh.json \
 *      --out benchmarks/results/runs --label quick [--floor floor.txt] [--jmh-args=TEXT] [--include=REGEX]
 *      [--note=TEXT]
 * </pre>
 */
public final class RecordRun {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private RecordRun() {}

    public static void main(String[] args) throws IOException {
        Path jmh = null;
        Path out = Path.of("benchmarks/results/runs");
        Path floor = null;
        String label = "run";
        String jmhArguments = "";
        String include = "";
        String note = "";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--jmh-args=")) {
                jmhArguments = arg.substring("--jmh-args=".length());
            } else if (arg.startsWith("--include=")) {
                include = arg.substring("--include=".length());
            } else if (arg.startsWith("--note=")) {
                note = arg.substring("--note=".length());
            } else {
                switch (arg) {
                    case "--jmh" -> jmh = Path.of(Report.value(args, ++i));
                    case "--out" -> out = Path.of(Report.value(args, ++i));
                    case "--floor" -> floor = Path.of(Report.value(args, ++i));
                    case "--label" -> label = Report.value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
        }
        if (jmh == null) {
            throw new IllegalArgumentException("--jmh FILE is required: JMH's -rf json output");
        }
        Path written = record(jmh, floor, out, label, Instant.now(), jmhArguments, include, note);
        System.out.println("Recorded run " + written);
    }

    /** Writes the two files of a run recorded at {@code now}; returns the JMH file's new path. */
    static Path record(Path jmh, Path floorFile, Path out, String label, Instant now, String jmhArguments,
                       String include, String note) throws IOException {
        if (!label.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run label '" + label + "' must be letters, digits, '.', '_' or '-'");
        }
        List<JmhResult> results = Run.readJmh(jmh);
        String id = ID_TIME.format(now) + "-" + label;
        Path jmhTarget = out.resolve(id + Run.JMH_SUFFIX);
        Path metaTarget = out.resolve(id + Run.META_SUFFIX);
        if (Files.exists(jmhTarget) || Files.exists(metaTarget)) {
            throw new IllegalArgumentException("run " + id + " is already recorded in " + out);
        }
        List<String> groups = Measurement.fromJmh(results).stream().map(Measurement::group).distinct().toList();
        Map<String, Double> floor = new TreeMap<>();
        if (floorFile != null && Files.isRegularFile(floorFile)) {
            floorFigures(Files.readAllLines(floorFile)).forEach((function, nanos) -> {
                String group = Character.toUpperCase(function.charAt(0)) + function.substring(1) + "Benchmark";
                if (groups.contains(group)) {
                    floor.put(function, nanos);
                } else {
                    System.out.println("C floor for " + function + " not recorded: this run has no " + group);
                }
            });
        }
        RunMetadata metadata = new RunMetadata(id, now.truncatedTo(ChronoUnit.SECONDS).toString(), machine(),
                vendorOf(results.getFirst().jvm()), jmhArguments.strip(), include.strip(), note.strip(), peers(),
                floor);
        Files.createDirectories(out);
        Files.copy(jmh, jmhTarget);
        Files.writeString(metaTarget, Run.JSON.writeValueAsString(metadata) + "\n");
        return jmhTarget;
    }

    /** {@code floor labs 1.581} lines, as src/main/c/floor.c prints them. */
    static Map<String, Double> floorFigures(List<String> lines) {
        Map<String, Double> floor = new TreeMap<>();
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].equals("floor")) {
                floor.put(parts[1], Double.parseDouble(parts[2]));
            }
        }
        return floor;
    }

    /** The peers' versions on this (the benchmark) class path, filtered into a resource by the pom. */
    static Map<String, String> peers() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RecordRun.class.getResourceAsStream("/epsilon/benchmarks/peers.properties")) {
            if (in == null) {
                throw new IllegalStateException("epsilon/benchmarks/peers.properties is missing from the class path");
            }
            properties.load(in);
        }
        Map<String, String> peers = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> peers.put(name, properties.getProperty(name)));
        return peers;
    }

    /** The processor, the cores this JVM may use, the operating system, and whether it is a virtual machine. */
    public static String machine() throws IOException {
        String processor = "unknown processor";
        boolean virtual = false;
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name") && processor.equals("unknown processor")) {
                    processor = line.substring(line.indexOf(':') + 1).strip().replaceAll("\\s+", " ");
                } else if (line.startsWith("flags") && line.contains(" hypervisor")) {
                    virtual = true;
                }
            }
        }
        return processor + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + (virtual ? ", virtual machine" : "");
    }

    /** The IMPLEMENTOR in the release file of the JDK whose {@code bin/java} is {@code jvm}. */
    static String vendorOf(String jvm) throws IOException {
        if (jvm != null) {
            Path home = Path.of(jvm).toAbsolutePath().getParent();
            Path release = home == null || home.getParent() == null ? null : home.getParent().resolve("release");
            if (release != null && Files.isRegularFile(release)) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("IMPLEMENTOR=")) {
                        return line.substring("IMPLEMENTOR=".length()).replace("\"", "").strip();
                    }
                }
            }
        }
        return "vendor unknown";
    }
}
