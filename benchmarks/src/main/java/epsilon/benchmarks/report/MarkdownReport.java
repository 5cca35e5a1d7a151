package epsilon.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a Markdown table per benchmark group, with a summary of targets met. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(Map<String, List<Row>> groups, String heading) {
        StringBuilder md = new StringBuilder("# ").append(heading).append("\n\n");
        md.append("Medians over forks (and runs); ratio = median / median of the group's raw Panama baseline in the"
                + " same run.\n\n");
        int met = 0;
        int missed = 0;
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            md.append("## ").append(group.getKey()).append("\n\n");
            md.append("| benchmark | median | min – max | forks | × raw | target | beats JNR-FFI |\n");
            md.append("|---|---:|---:|---:|---:|---|---|\n");
            for (Row row : group.getValue()) {
                Measurement m = row.measurement();
                String target = row.target().map(t -> (row.meetsTarget() ? "✅ " : "❌ ") + t.label()).orElse("");
                if (row.target().isPresent()) {
                    if (row.meetsTarget()) {
                        met++;
                    } else {
                        missed++;
                    }
                }
                md.append(String.format(Locale.ROOT, "| %s | %.2f %s | %.2f – %.2f | %d | %s | %s | %s |%n",
                        m.method(), m.median(), m.unit(), m.min(), m.max(), m.samples().size(),
                        Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", row.ratio()), target,
                        row.beatsJnr().map(b -> b ? "yes" : "**no**").orElse("")));
            }
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "Targets met: %d of %d.%n", met, met + missed));
        return md.toString();
    }
}
