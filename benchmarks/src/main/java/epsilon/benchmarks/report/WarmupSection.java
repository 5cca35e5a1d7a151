package epsilon.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's warm-up section, from the newest {@link WarmupRun}: per level, its steady state and the ratio of
 * the slice ending at each checkpoint to that steady state, with the warm-up target checked at one second.
 */
final class WarmupSection {
    /** Seconds of calls after which the curve is shown. */
    static final double[] CHECKPOINTS = {0.1, 0.5, 1, 2, 5};
    /** The target's checkpoint: the level must be near its steady state after this many seconds of calls. */
    static final double TARGET_SECONDS = 1;
    /** The target group name {@link Target#TARGETS} uses for warm-up rows. */
    static final String GROUP = "WarmupCurve";

    private WarmupSection() {}

    /** Targets met and missed by the section. */
    record Tally(int met, int missed) {}

    /** Appends the section for the newest of {@code runs} (nothing when there is none); returns its tally. */
    static Tally render(StringBuilder md, List<WarmupRun> runs) {
        if (runs.isEmpty()) {
            return new Tally(0, 0);
        }
        WarmupRun run = runs.getLast();
        md.append("## Warm-up curves\n\n");
        md.append("From run `").append(run.id()).append("` (").append(date(run.date())).append(", ")
                .append(run.machine()).append(", JDK ").append(run.jdk())
                .append(run.jvmOptions() == null || run.jvmOptions().isBlank() ? ""
                        : ", JVM options `" + run.jvmOptions() + "`")
                .append(")");
        if (runs.size() > 1) {
            md.append("; newer than ").append(String.join(", ", runs.subList(0, runs.size() - 1).stream()
                    .map(r -> "`" + r.id() + "`").toList()));
        }
        int children = run.levels().values().stream().mapToInt(List::size).min().orElse(0);
        md.append(String.format(Locale.ROOT, ". Each level called `labs` in a loop in %d fresh %s of %s s, timed in"
                        + " slices of %d ms from its first call on; the curve is the median over JVMs of each slice,"
                        + " the steady state the median of the slices after %s s, and each column the slice ending"
                        + " at that time over the steady state. See [WARMUP.md](../WARMUP.md).\n\n",
                children, children == 1 ? "JVM" : "JVMs", number(run.seconds()), run.sliceMillis(),
                number(run.steadyFromSeconds())));
        if (run.note() != null && !run.note().isBlank()) {
            md.append("Note on `").append(run.id()).append("`: ").append(run.note().strip()).append("\n\n");
        }
        md.append("| level | steady state | × raw Panama's |");
        List<Double> shown = shownCheckpoints(run);
        for (double checkpoint : shown) {
            md.append(" at ").append(number(checkpoint)).append(" s |");
        }
        md.append(" target |\n|---|---:|---:|").append("---:|".repeat(shown.size())).append("---|\n");
        Double raw = run.levels().containsKey("panamaRaw") ? run.steadyState("panamaRaw") : null;
        int met = 0;
        int missed = 0;
        for (String level : run.levels().keySet()) {
            double steady = run.steadyState(level);
            md.append(String.format(Locale.ROOT, "| %s | %.2f ns/op | %s |", level, steady,
                    raw == null ? "" : String.format(Locale.ROOT, "%.2f", steady / raw)));
            for (double checkpoint : shown) {
                md.append(String.format(Locale.ROOT, " %.2f |", run.ratioAt(level, checkpoint)));
            }
            Optional<Target> target = Target.forRow(GROUP, level);
            String verdict = "";
            if (target.isPresent() && TARGET_SECONDS <= run.seconds()) {
                boolean meets = run.ratioAt(level, TARGET_SECONDS) <= target.get().maxRatio();
                verdict = (meets ? "✅ " : "❌ ") + target.get().label();
                if (meets) {
                    met++;
                } else {
                    missed++;
                }
            }
            md.append(' ').append(verdict).append(" |\n");
        }
        md.append('\n');
        return new Tally(met, missed);
    }

    private static List<Double> shownCheckpoints(WarmupRun run) {
        return java.util.Arrays.stream(CHECKPOINTS).filter(c -> c <= run.seconds()).boxed().toList();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String date(String iso) {
        return iso == null || iso.length() < 16 ? String.valueOf(iso) : iso.substring(0, 10) + " "
                + iso.substring(11, 16) + " UTC";
    }
}
