package epsilon.benchmarks.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Everything one run of {@link Soak} measured, as filed in {@code <id>.json}. The verdicts are not stored: each
 * {@code problems()} computes them from the figures, so a filed run is judged by the same rules that judged it
 * when it ran ({@code SoakFilesTest} checks the committed runs this way).
 *
 * @param id        {@code <date>-<label>}, also the start of the file names
 * @param date      when the run started, ISO-8601 UTC
 * @param machine   processor, cores, operating system
 * @param java      the runtime's version and vendor
 * @param jvm       the JVM's options (heap size matters to RSS: see RELIABILITY.md)
 * @param arguments the harness's command line
 * @param soak      the soak, or {@code null} when skipped
 * @param stress    the stress, or {@code null} when skipped
 */
record RunRecord(String id, String date, String machine, String java, List<String> jvm, List<String> arguments,
                 Soak soak, Stress stress) {

    /** {@return every reason the run fails; empty for a pass} */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (soak != null) {
            problems.addAll(soak.problems());
        }
        if (stress != null) {
            problems.addAll(stress.problems());
        }
        return problems;
    }

    /**
     * An RSS reading.
     *
     * @param calls  calls made in the level so far
     * @param nanos  nanoseconds since the level's first measured call
     * @param rssKiB the resident set size ({@code VmRSS} of {@code /proc/self/status})
     */
    record Sample(long calls, long nanos, long rssKiB) {}

    /**
     * One level of the soak.
     *
     * @param name         the level ({@link CallLevels#NAMES})
     * @param entryPoint   what the user writes
     * @param calls        measured calls made
     * @param wrong        calls whose result differed from Java's
     * @param thrown       calls that threw
     * @param firstProblem the first wrong result or exception, or {@code null}
     * @param samples      RSS before the first measured call, then every {@code calls / samples} calls
     */
    record Level(String name, String entryPoint, long calls, long wrong, long thrown, String firstProblem,
                 List<Sample> samples) {

        long firstKiB() {
            return samples.getFirst().rssKiB();
        }

        long lastKiB() {
            return samples.getLast().rssKiB();
        }

        long peakKiB() {
            return samples.stream().mapToLong(Sample::rssKiB).max().orElseThrow();
        }

        /** RSS after the level's calls minus RSS before them. */
        long growthKiB() {
            return lastKiB() - firstKiB();
        }

        /** The median over the sampling intervals of their nanoseconds per call. */
        double medianNanosPerCall() {
            double[] perCall = new double[samples.size() - 1];
            for (int k = 1; k < samples.size(); k++) {
                Sample from = samples.get(k - 1);
                Sample to = samples.get(k);
                perCall[k - 1] = (double) (to.nanos() - from.nanos()) / Math.max(1, to.calls() - from.calls());
            }
            return median(perCall);
        }

        List<String> problems(long limitKiB) {
            List<String> problems = new ArrayList<>();
            if (wrong > 0 || thrown > 0) {
                problems.add("soak " + name + ": " + wrong + " wrong result(s) and " + thrown + " exception(s) in "
                        + calls + " calls; first: " + firstProblem);
            }
            if (growthKiB() >= limitKiB) {
                problems.add("soak " + name + ": RSS grew " + signedMib(growthKiB()) + " over " + calls + " calls (limit "
                        + mib(limitKiB) + ")");
            }
            return problems;
        }
    }

    /**
     * The soak: every level's calls, one level after the other, on one thread.
     *
     * @param warmupCalls  calls per level made before the baseline
     * @param rssLimitKiB  the growth a level, and the soak as a whole, must stay below
     * @param rssStartKiB  RSS before the warm-up
     * @param baselineKiB  RSS after every level's warm-up, before the first measured call
     * @param levels       the levels in the order they ran
     */
    record Soak(long warmupCalls, long rssLimitKiB, long rssStartKiB, long baselineKiB, List<Level> levels) {

        /** RSS after the last level minus the baseline. */
        long overallGrowthKiB() {
            return levels.getLast().lastKiB() - baselineKiB;
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (Level level : levels) {
                problems.addAll(level.problems(rssLimitKiB));
            }
            if (overallGrowthKiB() >= rssLimitKiB) {
                problems.add("soak: RSS grew " + signedMib(overallGrowthKiB()) + " from the baseline over all levels (limit "
                        + mib(rssLimitKiB) + ")");
            }
            return problems;
        }
    }

    /**
     * What one kind of stress operation did on one thread.
     *
     * @param op         the operation ({@link StressOp})
     * @param attempted  times it was started
     * @param ok         times it ended as it must (a right result, or the very error it provoked)
     * @param documented times it ended in the documented error its race allows ({@code ClosedLibraryError})
     * @param unexpected times it ended any other way
     */
    record OpCount(String op, long attempted, long ok, long documented, long unexpected) {}

    /**
     * One stress worker.
     *
     * @param name          the thread's name
     * @param iterations    rounds of operations it finished
     * @param ops           per operation, what happened
     * @param upcalls       comparator calls C made on this thread, counted on the thread itself
     * @param checksumC     sum of the checksums C computed of pooled memory
     * @param checksumJava  sum of the checksums Java computed of the same bytes
     * @param acquisitions  pool leases it took (arena segments and hand-offs)
     * @param handedOff     leases it gave to the shared queue
     * @param received      leases it took from the queue, checked and released
     * @param unexpected    the first messages of unexpected outcomes
     */
    record Worker(String name, long iterations, List<OpCount> ops, long upcalls, long checksumC, long checksumJava,
                  long acquisitions, long handedOff, long received, List<String> unexpected) {

        long attempted() {
            return ops.stream().mapToLong(OpCount::attempted).sum();
        }

        long unexpectedCount() {
            return ops.stream().mapToLong(OpCount::unexpected).sum();
        }
    }

    /**
     * The shared pool's statistics after the stress.
     *
     * @see epsilon.foreign.memorypool.PoolStatistics
     */
    record Pool(long acquisitions, long hits, long misses, long bypasses, long releases, long bytesInUse,
                long bytesReserved, long peakBytesReserved) {}

    /**
     * The stress: workers sharing one pool, one callback and one library for a while.
     *
     * @param seconds           how long the workers ran
     * @param churn             whether a closer thread closed and reopened {@code libz.so.1} meanwhile
     * @param workers           each worker's figures
     * @param upcallsShared     comparator calls counted by the callback itself, across threads
     * @param handoffsDrained   leases left in the queue at the end, checked and released by the main thread
     * @param reopens           times the closer closed the churned library
     * @param otherUnexpected   what went wrong off the workers: on the closer thread, or in the final drain
     * @param unfinished        threads still running 30 s after they were told to stop
     * @param pool              the pool's statistics after everything was released
     * @param callbacksBefore   live callbacks (registry) before the stress made its shared one
     * @param callbacksAfter    live callbacks after the stress closed it
     * @param rssBeforeKiB      RSS before the stress
     * @param rssAfterKiB       RSS after it
     */
    record Stress(int seconds, boolean churn, List<Worker> workers, long upcallsShared, long handoffsDrained,
                  long reopens, List<String> otherUnexpected, List<String> unfinished, Pool pool,
                  int callbacksBefore, int callbacksAfter, long rssBeforeKiB, long rssAfterKiB) {

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            unfinished.forEach(name -> problems.add("stress: " + name + " did not finish"));
            otherUnexpected.forEach(message -> problems.add("stress: " + message));
            long acquisitions = 0;
            long handedOff = 0;
            long received = 0;
            long upcalls = 0;
            for (Worker worker : workers) {
                if (worker.iterations() == 0) {
                    problems.add("stress: " + worker.name() + " finished no iteration");
                }
                for (OpCount op : worker.ops()) {
                    if (op.unexpected() > 0 || op.attempted() != op.ok() + op.documented()) {
                        problems.add("stress: " + worker.name() + " " + op.op() + ": " + op.attempted()
                                + " attempted, " + op.ok() + " ok, " + op.documented() + " documented errors, "
                                + op.unexpected() + " unexpected");
                    }
                }
                worker.unexpected().forEach(message -> problems.add("stress: " + worker.name() + ": " + message));
                if (worker.checksumC() != worker.checksumJava()) {
                    problems.add("stress: " + worker.name() + ": checksums of C " + worker.checksumC()
                            + " and of Java " + worker.checksumJava() + " differ");
                }
                acquisitions += worker.acquisitions();
                handedOff += worker.handedOff();
                received += worker.received();
                upcalls += worker.upcalls();
            }
            if (upcalls != upcallsShared) {
                problems.add("stress: the threads counted " + upcalls + " comparator calls, the comparator "
                        + upcallsShared);
            }
            if (handedOff != received + handoffsDrained) {
                problems.add("stress: " + handedOff + " leases handed off, " + received + " received and "
                        + handoffsDrained + " drained");
            }
            if (pool.acquisitions() != acquisitions || pool.releases() != acquisitions) {
                problems.add("stress: pool counted " + pool.acquisitions() + " acquisitions and " + pool.releases()
                        + " releases; the threads took " + acquisitions + " leases");
            }
            if (pool.bytesInUse() != 0) {
                problems.add("stress: pool has " + pool.bytesInUse() + " B still in use after every lease was"
                        + " released");
            }
            if (callbacksAfter != callbacksBefore) {
                problems.add("stress: " + callbacksBefore + " live callbacks before, " + callbacksAfter + " after");
            }
            return problems;
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** {@code 16.0 MiB} */
    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    /** {@code +1.5 MiB}, {@code -0.3 MiB} */
    static String signedMib(long kib) {
        return String.format(Locale.ROOT, "%+.1f MiB", kib / 1024.0);
    }
}
