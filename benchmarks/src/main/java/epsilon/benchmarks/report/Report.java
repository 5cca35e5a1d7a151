package epsilon.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the committed runs ({@code <id>.jmh.json} as JMH wrote it, {@code <id>.meta.json} from {@link RecordRun})
 * into {@code latest.md} (the runs, a summary table, per benchmark group a table of medians and ratios to
 * raw Panama with the targets checked, and the newest warm-up curves, {@code <id>.curve.json}) and {@code latest.svg} (a bar chart), and prints the table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.report.Report \
 *      --runs benchmarks/results/runs --out benchmarks/results [--title TEXT]
 * </pre>
 *
 * Runs are merged by group: each group's section comes whole from the newest run that measured it, and says
 * which run that is, so that every ratio compares methods measured side by side. A figure without data is
 * refused rather than left blank or taken from elsewhere: a C floor for a function the run did not benchmark,
 * or a summary cell whose benchmark method the run that measured its group lacks. Nothing in the output
 * depends on when or where the report runs, so regenerating it from the same runs gives the same bytes.
 */
public final class Report {
    static final String DEFAULT_TITLE = "Epsilon Foreign benchmarks";

    private Report() {}

    /** The markdown and the chart. */
    record Rendered(String markdown, String svg) {}

    public static void main(String[] args) throws IOException {
        Path runs = Path.of("benchmarks/results/runs");
        Path out = Path.of("benchmarks/results");
        String title = DEFAULT_TITLE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--title" -> title = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: Report"
                        + " --runs DIR --out DIR [--title TEXT]");
            }
        }
        Rendered rendered = render(Run.loadAll(runs), WarmupRun.loadAll(runs), title);
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.md"), rendered.markdown());
        Files.writeString(out.resolve("latest.svg"), rendered.svg());
        System.out.println(rendered.markdown());
        System.out.println("Written: " + out.resolve("latest.md") + " and " + out.resolve("latest.svg"));
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static Rendered render(List<Run> runs, String title) {
        return render(runs, List.of(), title);
    }

    /** The report of JMH runs and warm-up curve runs, each list oldest first. */
    static Rendered render(List<Run> runs, List<WarmupRun> curves, String title) {
        Map<String, Section> sections = sections(runs);
        String markdown = MarkdownReport.render(runs, sections, curves, title);
        Map<String, List<Row>> chart = new LinkedHashMap<>();
        sections.values().forEach(s -> chart.put(s.group() + " (" + s.run().id()
                + (MarkdownReport.unsteady(s.run()) ? ", quick, unsteady" : "") + ")", s.rows()));
        List<String> ids = runs.stream().map(Run::id).toList();
        return new Rendered(markdown, SvgChart.render(chart, title + ", runs " + String.join(", ", ids)));
    }

    /** Each group from the newest run (runs are oldest first) that measured it, in order of first appearance. */
    static Map<String, Section> sections(List<Run> runs) {
        Map<String, Section> sections = new LinkedHashMap<>();
        for (Run run : runs) {
            List<Measurement> measurements = new ArrayList<>(Measurement.fromJmh(run.results()));
            measurements.addAll(floorRows(run, measurements));
            Analysis.analyse(measurements).forEach((group, rows) -> {
                Section earlier = sections.get(group);
                List<String> superseded = new ArrayList<>();
                if (earlier != null) {
                    superseded.addAll(earlier.superseded());
                    superseded.add(earlier.run().id());
                }
                sections.put(group, new Section(group, run, rows, List.copyOf(superseded)));
            });
        }
        return sections;
    }

    /**
     * The run's C floor figures as {@code cFloor} rows of the matching {@code <Function>Benchmark} group of the
     * same run; a floor for a function the run did not benchmark has nothing to be compared with and is refused.
     */
    static List<Measurement> floorRows(Run run, List<Measurement> measurements) {
        List<Measurement> rows = new ArrayList<>();
        Map<String, Double> floor = run.metadata().floor() == null ? Map.of() : new TreeMap<>(run.metadata().floor());
        floor.forEach((function, nanos) -> {
            String group = Character.toUpperCase(function.charAt(0)) + function.substring(1) + "Benchmark";
            if (measurements.stream().noneMatch(m -> m.group().equals(group))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "run %s has a C floor figure for"
                        + " '%s' (%.3f ns) but no %s results to compare it with: remove it from %s%s", run.id(),
                        function, nanos, group, run.id(), Run.META_SUFFIX));
            }
            rows.add(new Measurement(group, "cFloor", "ns/op", List.of(nanos)));
        });
        return rows;
    }
}
