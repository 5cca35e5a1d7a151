package epsilon.benchmarks.soak;

import epsilon.benchmarks.report.RecordRun;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The soak and stress harness (benchmarks/RELIABILITY.md): 10^7 calls through each public call level with the
 * resident set sampled, then threads sharing one pool, one callback and one library, every result checked. Prints
 * the run, files it with {@code --out}, and exits 0 on a pass, 1 on a failure, 2 on a bad command line.
 *
 * <pre>
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED \
 *      -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.soak.Soak --calls 1e7 --threads 8 --stress-seconds 60
 * </pre>
 */
public final class Soak {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private Soak() {}

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Soak: " + e.getMessage());
            System.err.print(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Rss.available()) {
            System.err.println("Soak: the resident set is read from /proc/self/status, which this system lacks"
                    + " (Linux only)");
            System.exit(2);
        }
        Instant start = Instant.now();
        RunRecord.Soak soak = options.calls() > 0 ? new SoakPhase(options, System.out).run() : null;
        RunRecord.Stress stress = options.threads() > 0 ? new StressPhase(options, System.out).run() : null;
        RunRecord run = new RunRecord(ID_TIME.format(start) + "-" + options.label(),
                start.truncatedTo(ChronoUnit.SECONDS).toString(), RecordRun.machine(), java(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), List.of(args), soak, stress);
        System.out.println();
        System.out.print(SoakReport.render(run));
        if (options.out() != null) {
            Path text = SoakFiles.write(run, options.out());
            System.out.println("Filed " + text + " and its .json");
        }
        System.out.flush();
        System.exit(run.problems().isEmpty() ? 0 : 1);
    }

    private static String java() {
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        return Runtime.version() + " (" + System.getProperty("java.vendor") + "), collectors: " + collectors;
    }
}
