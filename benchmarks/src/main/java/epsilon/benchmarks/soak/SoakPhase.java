package epsilon.benchmarks.soak;

import epsilon.benchmarks.soak.CallLevels.CallLevel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak: every level warmed up, then the RSS baseline, then each level's calls one level after the other on
 * this thread, RSS read before each level and every {@code calls / samples} calls. Every call's result is checked;
 * a call that throws is counted and the soak goes on.
 */
final class SoakPhase {
    private final SoakOptions options;
    private final PrintStream progress;

    SoakPhase(SoakOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    RunRecord.Soak run() {
        List<CallLevel> levels = options.levels().stream().map(CallLevels::create).toList();
        try {
            long start = Rss.kib();
            progress.printf("soak: warming up %d level(s) with %,d calls each (RSS %s)%n", levels.size(),
                    options.warmupCalls(), RunRecord.mib(start));
            for (CallLevel level : levels) {
                Tally warmup = new Tally();
                for (long i = 0; i < options.warmupCalls(); i++) {
                    warmup.call(level, i);
                }
                if (warmup.firstProblem != null) {
                    progress.println("soak: " + level.name() + " failed in the warm-up: " + warmup.firstProblem);
                }
            }
            long baseline = Rss.kib();
            progress.printf("soak: baseline RSS %s; %,d calls per level, RSS every %,d calls%n",
                    RunRecord.mib(baseline), options.calls(), interval());
            List<RunRecord.Level> results = new ArrayList<>();
            for (CallLevel level : levels) {
                results.add(measure(level));
            }
            return new RunRecord.Soak(options.warmupCalls(), options.rssLimitKiB(), start, baseline, results);
        } finally {
            levels.forEach(CallLevel::close);
        }
    }

    private long interval() {
        return Math.max(1, options.calls() / options.samples());
    }

    private RunRecord.Level measure(CallLevel level) {
        level.measuring();
        long interval = interval();
        Tally tally = new Tally();
        List<RunRecord.Sample> samples = new ArrayList<>();
        long begin = System.nanoTime();
        samples.add(new RunRecord.Sample(0, 0, Rss.kib()));
        for (long i = 0; i < options.calls(); i++) {
            tally.call(level, options.warmupCalls() + i);
            if ((i + 1) % interval == 0 || i + 1 == options.calls()) {
                samples.add(new RunRecord.Sample(i + 1, System.nanoTime() - begin, Rss.kib()));
            }
        }
        RunRecord.Level result = new RunRecord.Level(level.name(), level.entryPoint(), options.calls(), tally.wrong,
                tally.thrown, tally.firstProblem, List.copyOf(samples));
        progress.printf("soak: %-22s %,d calls, %.0f ns/call (median), RSS %s -> %s (%s)%n", level.name(),
                result.calls(), result.medianNanosPerCall(), RunRecord.mib(result.firstKiB()),
                RunRecord.mib(result.lastKiB()), RunRecord.signedMib(result.growthKiB()));
        return result;
    }

    /** Counts a level's wrong results and exceptions, keeping the first. */
    private static final class Tally {
        long wrong;
        long thrown;
        String firstProblem;

        void call(CallLevel level, long i) {
            String problem;
            try {
                problem = level.call(i);
                if (problem == null) {
                    return;
                }
                wrong++;
            } catch (RuntimeException | Error e) {
                thrown++;
                problem = "call " + i + " threw " + e;
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
    }
}
