package epsilon.benchmarks.soak;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * What one run of {@link Soak} does, from its command line.
 *
 * @param calls         calls per level in the soak, after the warm-up ({@code 0} skips the soak)
 * @param warmupCalls   calls per level before the RSS baseline is taken
 * @param samples       RSS samples per level, evenly spaced over its calls (plus one before the first call)
 * @param rssLimitKiB   the most the resident set may grow, per level and over the whole soak, for a pass
 * @param levels        the levels to soak, by name ({@link CallLevels#NAMES}; {@code control-leak} on request)
 * @param threads       worker threads of the stress ({@code 0} skips the stress)
 * @param stressSeconds how long the stress runs
 * @param churn         whether a further thread closes and reopens a second handle of the shared library
 * @param control       plant known faults (a level that leaks, a lease never released): the run must fail
 * @param label         names the run in its file names
 * @param out           where the run is filed as {@code <id>.txt} and {@code <id>.json}, or {@code null}
 */
record SoakOptions(long calls, long warmupCalls, int samples, long rssLimitKiB, List<String> levels, int threads,
                   int stressSeconds, boolean churn, boolean control, String label, Path out) {

    /**
     * Warm-up calls per level: enough for the JIT to have compiled each level's path, so that the memory its
     * compilers take (they allocate natively, and glibc keeps what they free) is spent before the baseline.
     */
    static final long DEFAULT_WARMUP = 200_000;

    static final String USAGE = """
            usage: Soak [--calls N] [--warmup N] [--samples N] [--rss-limit-mib N] [--levels a,b,...]
                        [--threads N] [--stress-seconds N] [--no-churn] [--control] [--label NAME] [--out DIR]
              --calls N           calls per level after the warm-up (default 10000000; 1e7 works; 0 skips the soak)
              --warmup N          calls per level before the RSS baseline (default 200000)
              --samples N         RSS samples per level (default 20)
              --rss-limit-mib N   allowed RSS growth, per level and overall (default 16)
              --levels a,b,...    levels to soak (default all: %s)
              --threads N         stress worker threads (default 8; 0 skips the stress)
              --stress-seconds N  stress duration (default 60)
              --no-churn          no thread closing and reopening a second handle of libz during the stress
              --control           add a level leaking 4 KiB per call (up to 64 MiB) and lose one lease in the
                                  stress: the run must FAIL (checks the harness itself; needs --calls 5000 or more)
              --label NAME        names the run (default run)
              --out DIR           file the run as DIR/<date>-<label>.txt and .json
            """.formatted(String.join(",", CallLevels.NAMES));

    static SoakOptions parse(String... args) {
        long calls = 10_000_000;
        Long warmup = null;
        int samples = 20;
        long limitMiB = 16;
        List<String> levels = CallLevels.NAMES;
        int threads = 8;
        int seconds = 60;
        boolean churn = true;
        boolean control = false;
        String label = "run";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--calls" -> calls = number(arg, value(args, ++i), 0);
                case "--warmup" -> warmup = number(arg, value(args, ++i), 0);
                case "--samples" -> samples = Math.toIntExact(number(arg, value(args, ++i), 1));
                case "--rss-limit-mib" -> limitMiB = number(arg, value(args, ++i), 1);
                case "--levels" -> levels = List.of(value(args, ++i).split(","));
                case "--threads" -> threads = Math.toIntExact(number(arg, value(args, ++i), 0));
                case "--stress-seconds" -> seconds = Math.toIntExact(number(arg, value(args, ++i), 1));
                case "--no-churn" -> churn = false;
                case "--control" -> control = true;
                case "--label" -> label = value(args, ++i);
                case "--out" -> out = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        for (String level : levels) {
            if (!CallLevels.NAMES.contains(level) && !level.equals(CallLevels.CONTROL_LEAK)) {
                throw new IllegalArgumentException("unknown level '" + level + "'; levels are "
                        + String.join(", ", CallLevels.NAMES) + " and " + CallLevels.CONTROL_LEAK);
            }
        }
        if (!label.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("label '" + label + "' must be letters, digits, '.', '_' or '-'");
        }
        if (calls > 0 && samples > calls) {
            throw new IllegalArgumentException("--samples " + samples + " is more than --calls " + calls);
        }
        if (control && !levels.contains(CallLevels.CONTROL_LEAK)) {
            levels = java.util.stream.Stream.concat(levels.stream(), java.util.stream.Stream.of(CallLevels.CONTROL_LEAK))
                    .toList();
        }
        long warmupCalls = warmup != null ? warmup : DEFAULT_WARMUP;
        return new SoakOptions(calls, warmupCalls, samples, limitMiB * 1024, List.copyOf(levels), threads, seconds,
                churn, control, label, out);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** {@code 10000000}, {@code 10_000_000} or {@code 1e7}. */
    private static long number(String option, String text, long least) {
        long value;
        try {
            value = new BigDecimal(text.replace("_", "")).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + text + "'");
        }
        if (value < least) {
            throw new IllegalArgumentException(option + " must be at least " + least + ", not " + value);
        }
        return value;
    }
}
