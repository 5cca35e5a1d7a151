package epsilon.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as a bar chart: one block per benchmark group, one bar per method, bar length the ratio to raw
 * Panama on a log scale (so 0.5x and 20x both stay readable), a line at 1x, targets drawn as ticks.
 */
final class SvgChart {
    private static final int LABEL_WIDTH = 260;
    private static final int PLOT_WIDTH = 520;
    private static final int BAR_HEIGHT = 16;
    private static final int GAP = 4;
    private static final double MIN_RATIO = 0.25;
    private static final double MAX_RATIO = 64;

    private SvgChart() {}

    static String render(Map<String, List<Row>> groups, String title) {
        StringBuilder body = new StringBuilder();
        int y = 40;
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            body.append(text(10, y, escape(group.getKey()), "bold"));
            y += 8;
            for (Row row : group.getValue()) {
                if (Double.isNaN(row.ratio())) {
                    continue;
                }
                double width = x(row.ratio()) - x(MIN_RATIO);
                String colour = colour(row);
                body.append(text(10, y + BAR_HEIGHT - 4, escape(row.measurement().method()), "normal"));
                body.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                        LABEL_WIDTH, y, Math.max(width, 1), BAR_HEIGHT, colour));
                body.append(text((int) (LABEL_WIDTH + Math.max(width, 1) + 4), y + BAR_HEIGHT - 4,
                        String.format(Locale.ROOT, "%.2fx (%.1f %s)", row.ratio(), row.measurement().median(),
                                escape(row.measurement().unit())), "normal"));
                if (row.target().isPresent() && row.target().get().versus() == null) { // a tick on the x raw axis
                    double tick = x(row.target().get().maxRatio());
                    body.append(String.format(Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\"/>\n",
                            tick, y - 1, tick, y + BAR_HEIGHT + 1));
                }
                y += BAR_HEIGHT + GAP;
            }
            y += 18;
        }
        int height = y + 30;
        int width = LABEL_WIDTH + PLOT_WIDTH + 180;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        svg.append(text(10, 20, escape(title) + " — ratio to raw Panama (log scale; tick = target)", "bold"));
        for (double tick : new double[] {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64}) {
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"28\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"%s\"/>\n",
                    x(tick), x(tick), height - 24, tick == 1 ? "#444" : "#ddd", tick == 1 ? "none" : "2,3"));
            svg.append(text((int) x(tick) - 8, height - 10, (tick < 1 ? String.valueOf(tick) : (int) tick + "") + "x",
                    "normal"));
        }
        svg.append(body);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(double ratio) {
        double clamped = Math.max(MIN_RATIO, Math.min(MAX_RATIO, ratio));
        double span = Math.log(MAX_RATIO / MIN_RATIO);
        return LABEL_WIDTH + PLOT_WIDTH * Math.log(clamped / MIN_RATIO) / span;
    }

    private static String colour(Row row) {
        String method = row.measurement().method();
        if (row.target().isPresent() && !row.meetsTarget()) {
            return "#d9534f";
        }
        if (method.startsWith("epsilon") || method.startsWith("bound") || method.startsWith("inline")
                || method.startsWith("pool")) {
            return "#2e7d32";
        }
        if (method.startsWith("jna") || method.startsWith("jnr")) {
            return "#9e9e9e";
        }
        return "#1565c0";
    }

    private static String text(int x, int y, String content, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>\n", x, y, weight,
                content);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
