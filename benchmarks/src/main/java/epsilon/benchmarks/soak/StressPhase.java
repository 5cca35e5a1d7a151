package epsilon.benchmarks.soak;

import epsilon.benchmarks.soak.StressShared.Handoff;
import epsilon.foreign.Foreign;
import epsilon.foreign.Library;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.memorypool.PoolStatistics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stress: {@code threads} workers ({@link StressWorker}) sharing one pool, one callback and one library for
 * {@code seconds}, and a closer thread closing and reopening a second handle of that library. Then every thread is
 * joined, the leases left in the hand-off queue are checked and released, and the pool's statistics are taken.
 */
final class StressPhase {
    /** How long a thread may take to stop once told to: longer means it hangs. */
    private static final long JOIN_SECONDS = 30;
    private static final long CLOSER_PAUSE_MILLIS = 5;

    private final SoakOptions options;
    private final PrintStream progress;

    StressPhase(SoakOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    RunRecord.Stress run() throws InterruptedException {
        int callbacksBefore = Callbacks.registry().liveCount();
        long rssBefore = Rss.kib();
        List<String> other = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        List<StressWorker> workers = new ArrayList<>();
        long[] reopens = new long[1];
        RunRecord.Pool pool;
        long upcallsShared;
        long drained = 0;
        progress.printf("stress: %d threads for %d s%s%n", options.threads(), options.stressSeconds(),
                options.churn() ? ", and a closer thread closing and reopening " + StressShared.CHURNED_LIBRARY : "");
        try (StressShared shared = new StressShared(options.churn(), options.control())) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < options.threads(); i++) {
                StressWorker worker = new StressWorker(shared, i);
                workers.add(worker);
                threads.add(Thread.ofPlatform().name(worker.name()).unstarted(worker));
            }
            if (options.churn()) {
                threads.add(Thread.ofPlatform().name("closer").unstarted(() -> close(shared, reopens, other)));
            }
            threads.forEach(Thread::start);
            TimeUnit.SECONDS.sleep(options.stressSeconds());
            shared.stop = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    unfinished.add(thread.getName());
                }
            }
            for (Handoff handoff; (handoff = shared.handoffs.poll()) != null; drained++) {
                String wrong = StressWorker.check(handoff);
                if (wrong != null) {
                    other.add("drain: " + wrong);
                }
            }
            if (options.churn()) {
                Foreign.libOpen(StressShared.CHURNED_LIBRARY).close();
            }
            upcallsShared = shared.upcalls();
            PoolStatistics statistics = shared.pool.statistics();
            progress.println("stress: " + statistics);
            pool = new RunRecord.Pool(statistics.acquisitions(), statistics.hits(), statistics.misses(),
                    statistics.bypasses(), statistics.releases(), statistics.bytesInUse(), statistics.bytesReserved(),
                    statistics.peakBytesReserved());
        }
        List<RunRecord.Worker> results = workers.stream().map(StressWorker::result).toList();
        return new RunRecord.Stress(options.stressSeconds(), options.churn(), results, upcallsShared, drained,
                reopens[0], List.copyOf(other), List.copyOf(unfinished), pool, callbacksBefore,
                Callbacks.registry().liveCount(), rssBefore, Rss.kib());
    }

    /** The closer: opens the second handle (or takes the one a worker reopened), pauses, closes it; again. */
    private static void close(StressShared shared, long[] reopens, List<String> problems) {
        while (!shared.stop) {
            try {
                Library library = Foreign.libOpen(StressShared.CHURNED_LIBRARY);
                Thread.sleep(CLOSER_PAUSE_MILLIS);
                library.close();
                reopens[0]++;
            } catch (Throwable e) {
                if (problems.size() < 5) {
                    problems.add("closer: " + e);
                }
                if (e instanceof InterruptedException) {
                    return;
                }
            }
        }
    }
}
