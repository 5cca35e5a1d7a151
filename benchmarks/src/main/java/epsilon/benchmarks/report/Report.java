package epsilon.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns JMH JSON results ({@code -rf json}) into {@code latest.md} (a table of medians and ratios to raw Panama,
 * with the targets checked) and {@code latest.svg} (a bar chart), and prints the table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.report.Report \
 *      --out benchmarks/results [--floor benchmarks/results/floor.txt] [--title TEXT] run1.json [run2.json ...]
 * </pre>
 *
 * Several files (repeated runs) are merged: each fork of each run is one sample and the report shows the median.
 * The floor file holds lines {@code floor <function> <ns>} from the C program {@code src/main/c/floor.c}; each
 * becomes a {@code cFloor} row of the matching {@code <Function>Benchmark} group.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of("benchmarks/results");
        Path floor = null;
        String title = "Epsilon Foreign benchmarks";
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--floor" -> floor = Path.of(args[++i]);
                case "--title" -> title = args[++i];
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no JMH JSON result given; usage: Report --out DIR [--floor FILE]"
                    + " [--title TEXT] result.json...");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isRegularFile(input) || Files.size(input) == 0) {
                throw new IllegalArgumentException("no JMH results in " + input + ": did the run finish? (JMH writes"
                        + " its JSON at the end; another JMH holding /tmp/jmh.lock makes a run exit early)");
            }
            measurements.addAll(Measurement.fromJmh(Files.readString(input)));
        }
        if (floor != null && Files.exists(floor)) {
            measurements.addAll(floorRows(Files.readAllLines(floor)));
        }
        Map<String, List<Row>> groups = Analysis.analyse(Measurement.merge(measurements));
        String markdown = MarkdownReport.render(groups, title);
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.md"), markdown);
        Files.writeString(out.resolve("latest.svg"), SvgChart.render(groups, title));
        System.out.println(markdown);
        System.out.println("Written: " + out.resolve("latest.md") + " and " + out.resolve("latest.svg"));
    }

    /** {@code floor labs 1.58} -> a {@code cFloor} row of group {@code LabsBenchmark}. */
    static List<Measurement> floorRows(List<String> lines) {
        List<Measurement> rows = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].equals("floor")) {
                String group = Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1) + "Benchmark";
                rows.add(new Measurement(group, "cFloor", "ns/op", List.of(Double.parseDouble(parts[2]))));
            }
        }
        return rows;
    }
}
