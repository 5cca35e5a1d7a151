package epsilon.benchmarks.soak;

import java.util.List;
import java.util.Locale;

/**
 * The text of a run, made from its {@link RunRecord} and nothing else: what {@link Soak} prints at the end and
 * files as {@code <id>.txt}. The same record always gives the same text.
 */
final class SoakReport {
    private SoakReport() {}

    static String render(RunRecord run) {
        StringBuilder out = new StringBuilder();
        line(out, "Epsilon Foreign soak and stress run %s", run.id());
        line(out, "date     %s", run.date());
        line(out, "machine  %s", run.machine());
        line(out, "java     %s", run.java());
        line(out, "jvm      %s", String.join(" ", run.jvm()));
        line(out, "command  Soak %s", String.join(" ", run.arguments()));
        if (!heapFixed(run.jvm())) {
            line(out, "warning  the heap is not fixed and pre-touched (-Xms = -Xmx, -XX:+AlwaysPreTouch): RSS includes"
                    + " heap growth");
        }
        if (run.soak() != null) {
            soak(out, run.soak());
        }
        if (run.stress() != null) {
            stress(out, run.stress());
        }
        List<String> problems = run.problems();
        out.append('\n');
        if (problems.isEmpty()) {
            line(out, "RESULT: PASS");
        } else {
            line(out, "RESULT: FAIL");
            problems.forEach(problem -> line(out, "  - %s", problem));
        }
        return out.toString();
    }

    /** Whether the JVM options fix the heap's size and touch it all at start, so that it adds nothing to RSS later. */
    static boolean heapFixed(List<String> jvm) {
        String xms = null;
        String xmx = null;
        boolean preTouch = false;
        for (String option : jvm) {
            if (option.startsWith("-Xms")) {
                xms = option.substring(4);
            } else if (option.startsWith("-Xmx")) {
                xmx = option.substring(4);
            } else if (option.equals("-XX:+AlwaysPreTouch")) {
                preTouch = true;
            }
        }
        return preTouch && xms != null && xms.equals(xmx);
    }

    private static void soak(StringBuilder out, RunRecord.Soak soak) {
        out.append('\n');
        RunRecord.Level first = soak.levels().getFirst();
        line(out, "SOAK  %,d measured calls per level, one level after the other on one thread, after %,d warm-up"
                + " calls per level", first.calls(), soak.warmupCalls());
        line(out, "      pass: every result right, no exception, RSS growth below %s per level and over all levels",
                RunRecord.mib(soak.rssLimitKiB()));
        line(out, "      RSS before the warm-up %s, baseline after it %s", RunRecord.mib(soak.rssStartKiB()),
                RunRecord.mib(soak.baselineKiB()));
        out.append('\n');
        line(out, "%-22s %12s %8s %11s %11s %11s %10s  %s", "level", "calls", "ns/call", "RSS before", "RSS after",
                "RSS peak", "growth", "result");
        for (RunRecord.Level level : soak.levels()) {
            boolean passed = level.problems(soak.rssLimitKiB()).isEmpty();
            line(out, "%-22s %,12d %8.0f %11s %11s %11s %10s  %s", level.name(), level.calls(),
                    level.medianNanosPerCall(), RunRecord.mib(level.firstKiB()), RunRecord.mib(level.lastKiB()),
                    RunRecord.mib(level.peakKiB()), RunRecord.signedMib(level.growthKiB()), passed ? "ok" : "FAIL");
        }
        line(out, "%-22s %12s %8s %11s %11s %11s %10s  %s", "all levels", "", "", RunRecord.mib(soak.baselineKiB()),
                RunRecord.mib(soak.levels().getLast().lastKiB()), "", RunRecord.signedMib(soak.overallGrowthKiB()),
                soak.overallGrowthKiB() < soak.rssLimitKiB() ? "ok" : "FAIL");
        line(out, "(ns/call: the median over the sampling intervals; growth: RSS after minus RSS before)");
        out.append('\n');
        line(out, "entry points");
        for (RunRecord.Level level : soak.levels()) {
            line(out, "  %-22s %s", level.name(), level.entryPoint());
        }
        out.append('\n');
        line(out, "RSS samples in MiB (calls made: RSS)");
        for (RunRecord.Level level : soak.levels()) {
            StringBuilder samples = new StringBuilder();
            for (RunRecord.Sample sample : level.samples()) {
                samples.append(String.format(Locale.ROOT, " %s:%.1f", count(sample.calls()), sample.rssKiB() / 1024.0));
            }
            line(out, "  %-22s%s", level.name(), samples);
        }
    }

    private static void stress(StringBuilder out, RunRecord.Stress stress) {
        out.append('\n');
        line(out, "STRESS  %d threads for %d s sharing one MemoryPool, one Callback (the qsort comparator) and one"
                + " Library (\"%s\")", stress.workers().size(), stress.seconds(), StressShared.LIBRARY);
        if (stress.churn()) {
            line(out, "        a closer thread closed and reopened a second handle, \"%s\", %,d times",
                    StressShared.CHURNED_LIBRARY, stress.reopens());
        }
        line(out, "        pass: every thread finished; every operation ok or its documented error; the counts of"
                + " leases, hand-offs, comparator calls and checksums agree; the pool has nothing in use; no callback"
                + " left alive");
        out.append('\n');
        line(out, "%-10s %9s %11s %9s %10s %11s %12s %9s %9s", "thread", "rounds", "operations", "rounds/s",
                "documented", "unexpected", "acquisitions", "handed", "received");
        double[] rates = new double[stress.workers().size()];
        int k = 0;
        long rounds = 0;
        long operations = 0;
        for (RunRecord.Worker worker : stress.workers()) {
            long documented = worker.ops().stream().mapToLong(RunRecord.OpCount::documented).sum();
            rates[k++] = (double) worker.iterations() / stress.seconds();
            rounds += worker.iterations();
            operations += worker.attempted();
            line(out, "%-10s %,9d %,11d %,9.0f %,10d %,11d %,12d %,9d %,9d", worker.name(), worker.iterations(),
                    worker.attempted(), (double) worker.iterations() / stress.seconds(), documented,
                    worker.unexpectedCount(), worker.acquisitions(), worker.handedOff(), worker.received());
        }
        line(out, "%-10s %,9d %,11d %,9.0f   (median rounds/s per thread %,.0f)", "all", rounds, operations,
                (double) rounds / stress.seconds(), RunRecord.median(rates));
        out.append('\n');
        line(out, "%-17s %11s %11s %10s %10s  %s", "operation", "attempted", "ok", "documented", "unexpected",
                "what it does");
        for (StressOp op : StressOp.values()) {
            long[] sums = new long[4];
            for (RunRecord.Worker worker : stress.workers()) {
                for (RunRecord.OpCount count : worker.ops()) {
                    if (count.op().equals(op.name())) {
                        sums[0] += count.attempted();
                        sums[1] += count.ok();
                        sums[2] += count.documented();
                        sums[3] += count.unexpected();
                    }
                }
            }
            line(out, "%-17s %,11d %,11d %,10d %,10d  %s", op.name(), sums[0], sums[1], sums[2], sums[3],
                    op.description());
        }
        out.append('\n');
        long checksumC = stress.workers().stream().mapToLong(RunRecord.Worker::checksumC).sum();
        long checksumJava = stress.workers().stream().mapToLong(RunRecord.Worker::checksumJava).sum();
        long upcalls = stress.workers().stream().mapToLong(RunRecord.Worker::upcalls).sum();
        long handed = stress.workers().stream().mapToLong(RunRecord.Worker::handedOff).sum();
        long received = stress.workers().stream().mapToLong(RunRecord.Worker::received).sum();
        long acquisitions = stress.workers().stream().mapToLong(RunRecord.Worker::acquisitions).sum();
        RunRecord.Pool pool = stress.pool();
        line(out, "checksums          sum of C's %,d, sum of Java's %,d", checksumC, checksumJava);
        line(out, "comparator calls   counted on the threads %,d, by the shared comparator %,d", upcalls,
                stress.upcallsShared());
        line(out, "hand-offs          %,d handed off = %,d received + %,d drained at the end", handed, received,
                stress.handoffsDrained());
        line(out, "pool               %,d acquisitions and %,d releases (threads took %,d), %,d reused, %,d new, %,d"
                        + " unpooled; %,d B in use, %,d B reserved, peak %,d B", pool.acquisitions(), pool.releases(),
                acquisitions, pool.hits(), pool.misses(), pool.bypasses(), pool.bytesInUse(), pool.bytesReserved(),
                pool.peakBytesReserved());
        line(out, "live callbacks     %d before, %d after", stress.callbacksBefore(), stress.callbacksAfter());
        line(out, "RSS                %s before, %s after (reported, not judged)", RunRecord.mib(stress.rssBeforeKiB()),
                RunRecord.mib(stress.rssAfterKiB()));
    }

    /** {@code 500k}, {@code 10M}, {@code 1234}. */
    private static String count(long calls) {
        if (calls >= 1_000_000 && calls % 1_000_000 == 0) {
            return calls / 1_000_000 + "M";
        }
        if (calls >= 1_000 && calls % 1_000 == 0) {
            return calls / 1_000 + "k";
        }
        return Long.toString(calls);
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
