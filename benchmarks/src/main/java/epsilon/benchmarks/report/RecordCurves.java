package epsilon.benchmarks.report;

import epsilon.benchmarks.warmup.ChildJvm;
import epsilon.benchmarks.warmup.LabsCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records warm-up curves: for each level, {@code --runs} fresh JVMs each call {@code labs} for {@code --seconds}
 * and time every {@code --slice} ms ({@code epsilon.benchmarks.warmup.CurveRun}); the children run level after level
 * in rounds, so that a disturbance of the machine falls on every level alike. Writes
 * {@code <date>-<label>.curve.json} to {@code --out}, which the report reads ({@link WarmupRun}). The
 * {@code -Pbench-warmup} profile runs it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.report.RecordCurves --out benchmarks/results/runs \
 *      --label warmup [--runs 3] [--seconds 7] [--slice 100] [--steady-from 5] [--levels a,b,...]
 *      [--jvm-options=TEXT] [--note=TEXT]
 * </pre>
 */
public final class RecordCurves {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private RecordCurves() {}

    /** What to run. */
    record Options(Path out, String label, int runs, double seconds, int sliceMillis, double steadyFrom,
                   List<String> levels, List<String> jvmOptions, String note) {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = parse(args);
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + options.label();
        Path target = options.out().resolve(id + WarmupRun.SUFFIX);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("run " + id + " is already recorded in " + options.out());
        }
        Map<String, List<List<Double>>> levels = new LinkedHashMap<>();
        options.levels().forEach(level -> levels.put(level, new ArrayList<>()));
        for (int round = 1; round <= options.runs(); round++) {
            for (String level : options.levels()) {
                System.out.printf(Locale.ROOT, "curve %s, run %d of %d (%.1f s)%n", level, round, options.runs(),
                        options.seconds());
                levels.get(level).add(ChildJvm.curve(level, options.jvmOptions(), options.seconds(),
                        options.sliceMillis()));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        WarmupRun run = new WarmupRun(id, now.truncatedTo(ChronoUnit.SECONDS).toString(), RecordRun.machine(),
                System.getProperty("java.version") + " (" + RecordRun.vendorOf(java) + "; "
                        + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ")",
                String.join(" ", options.jvmOptions()), options.note(), options.sliceMillis(), options.seconds(),
                options.steadyFrom(), levels);
        Files.createDirectories(options.out());
        Files.writeString(target, Run.JSON.writeValueAsString(run) + "\n");
        System.out.println("Recorded warm-up curves " + target);
    }

    static Options parse(String[] args) {
        Path out = Path.of("benchmarks/results/runs");
        String label = "warmup";
        int runs = 3;
        double seconds = 7;
        int slice = 100;
        double steadyFrom = 5;
        List<String> levels = LabsCall.LEVELS;
        List<String> jvmOptions = List.of();
        String note = "";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--jvm-options=")) {
                String text = arg.substring("--jvm-options=".length()).strip();
                jvmOptions = text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
            } else if (arg.startsWith("--note=")) {
                note = arg.substring("--note=".length()).strip();
            } else {
                switch (arg) {
                    case "--out" -> out = Path.of(Report.value(args, ++i));
                    case "--label" -> label = Report.value(args, ++i);
                    case "--runs" -> runs = Integer.parseInt(Report.value(args, ++i));
                    case "--seconds" -> seconds = Double.parseDouble(Report.value(args, ++i));
                    case "--slice" -> slice = Integer.parseInt(Report.value(args, ++i));
                    case "--steady-from" -> steadyFrom = Double.parseDouble(Report.value(args, ++i));
                    case "--levels" -> levels = List.of(Report.value(args, ++i).split(","));
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; usage: RecordCurves"
                            + " --out DIR --label NAME [--runs N] [--seconds S] [--slice MS] [--steady-from S]"
                            + " [--levels a,b] [--jvm-options=TEXT] [--note=TEXT]");
                }
            }
        }
        if (!label.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run label '" + label + "' must be letters, digits, '.', '_' or '-'");
        }
        if (runs < 1 || slice < 1 || steadyFrom < 1 || steadyFrom >= seconds) {
            throw new IllegalArgumentException("need --runs >= 1, --slice >= 1 and 1 <= --steady-from < --seconds;"
                    + " got runs " + runs + ", slice " + slice + ", steady-from " + steadyFrom + ", seconds "
                    + seconds);
        }
        for (String level : levels) {
            if (!LabsCall.LEVELS.contains(level)) {
                throw new IllegalArgumentException("unknown level '" + level + "' in --levels; levels: "
                        + LabsCall.LEVELS);
            }
        }
        return new Options(out, label, runs, seconds, slice, steadyFrom, List.copyOf(levels), jvmOptions, note);
    }
}
