package epsilon.foreign.memorypool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Threads that use a pool and end: the free blocks in their caches go back to the pool's depots (or to the system
 * past the retention limits), their counts stay in the statistics, and the pool forgets their caches.
 */
class MemoryPoolEndedThreadsTest {
    private static final long RETAINED = PoolConfig.defaults().maxRetainedBytes();

    /** Runs {@code body} on a new thread of {@code builder} and joins it; what it throws is rethrown here. */
    private static void runOnNewThread(Thread.Builder builder, Runnable body) throws Exception {
        FutureTask<Void> task = new FutureTask<>(body, null);
        builder.start(task).join();
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // an assertion of the thread's, as it was
            }
            throw e;
        }
    }

    @ParameterizedTest(name = "{1} {0} threads, {2} B each")
    @CsvSource({"platform, 1000, 65536", "platform, 2000, 4096", "virtual, 10000, 4096"})
    void shouldReuseTheBlocksOfThreadsThatHaveEnded(String kind, int threads, long size) throws Exception {
        try (MemoryPool pool = MemoryPool.create("short-lived")) {
            for (int i = 0; i < threads; i++) { // one after another
                runOnNewThread(kind.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform(),
                        () -> pool.acquire(size).close());
            }
            assertEquals(1, pool.threadCaches()); // each new thread retired the cache of the one before
            PoolStatistics stats = pool.statistics();
            assertEquals(0, pool.threadCaches()); // and the statistics the last one
            System.out.println(threads + " " + kind + " threads one after another: " + stats);
            assertEquals(threads, stats.acquisitions());
            assertEquals(threads, stats.releases());
            assertEquals(1, stats.misses(), stats.toString()); // the first thread's block served every later one
            assertEquals(threads - 1, stats.hits(), stats.toString());
            assertEquals(0, stats.bytesInUse());
            assertEquals(size, stats.bytesReserved(), stats.toString());
            assertEquals(size, stats.peakBytesReserved(), stats.toString());
            assertTrue(stats.bytesReserved() <= RETAINED, stats.toString());
        }
    }

    @Test
    void shouldReuseTheBlocksOfVirtualThreadsStartedAllAtOnce() throws Exception {
        int threads = 10_000;
        long size = 4096;
        try (MemoryPool pool = MemoryPool.create("virtual")) {
            List<Thread> started = new ArrayList<>(threads);
            List<FutureTask<Void>> tasks = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) { // all at once, as a thread-per-task server would start them
                FutureTask<Void> task = new FutureTask<>(() -> pool.acquire(size).close(), null);
                tasks.add(task);
                started.add(Thread.ofVirtual().start(task));
            }
            for (int i = 0; i < threads; i++) {
                started.get(i).join();
                tasks.get(i).get();
            }
            int listed = pool.threadCaches();
            PoolStatistics stats = pool.statistics(); // retires the caches left: all their blocks are the depot's
            System.out.println(threads + " virtual threads at once: " + stats + "; " + listed + " caches listed");
            assertEquals(0, pool.threadCaches());
            assertEquals(threads, stats.acquisitions());
            assertEquals(threads, stats.releases());
            assertEquals(threads, stats.hits() + stats.misses());
            assertEquals(0, stats.bytesInUse());
            assertTrue(stats.hits() > 0, stats.toString());
            assertTrue(stats.bytesReserved() <= RETAINED, stats.toString());
            // How many caches were still listed, and how many blocks the threads needed at the peak, depend on the
            // scheduling: in a cold JVM on two cores, hundreds of started threads are sometimes alive at once, and
            // each needs a block of its own. Of 52 runs, each in a fresh JVM on the 2-core machine, 7 had 200 to
            // 3,400 misses and up to 6.5 MB at the peak, with up to 453 caches listed at once; the others had at
            // most 33 misses and 135,168 B at the peak.
        }
    }

    @Test
    void shouldServeAMissFromTheBlocksOfThreadsThatHaveEnded() throws Exception {
        int threads = 8;
        try (MemoryPool pool = MemoryPool.create("miss")) {
            pool.acquire(16).close(); // this thread's cache is listed first
            CountDownLatch allAlive = new CountDownLatch(threads);
            List<Thread> started = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                started.add(Thread.ofPlatform().start(() -> {
                    Lease lease = pool.acquire(65_536);
                    allAlive.countDown();
                    try {
                        allAlive.await(); // so that no thread retires another's cache on registering
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    lease.close();
                }));
            }
            for (Thread thread : started) {
                thread.join();
            }
            assertEquals(threads + 1, pool.threadCaches());
            pool.acquire(65_536).close(); // empty cache, empty depot: ended threads' blocks before the system's
            assertTrue(pool.threadCaches() < threads + 1, pool.threadCaches() + " caches listed");
            PoolStatistics stats = pool.statistics();
            assertEquals(threads + 1, stats.misses(), stats.toString()); // the 16 B block and one per thread
            assertEquals(1, stats.hits(), stats.toString());
            assertEquals(16 + threads * 65_536, stats.bytesReserved(), stats.toString());
            assertEquals(1, pool.threadCaches()); // this thread's
        }
    }

    @Test
    void shouldCountExactlyAfterTheThreadsThatTookAndGaveLeasesHaveEnded() throws Exception {
        try (MemoryPool pool = MemoryPool.create("handed-over", PoolConfig.defaults().withThreadCacheBlocks(8))) {
            List<Lease> handed = new ArrayList<>(); // passed from one thread to the next through the joins
            runOnNewThread(Thread.ofPlatform(), () -> {
                for (int i = 0; i < 20; i++) {
                    handed.add(pool.acquire(64));
                }
                for (int i = 0; i < 3; i++) {
                    handed.add(pool.acquire(100_000)); // unpooled
                }
                for (int i = 0; i < 5; i++) {
                    handed.removeFirst().close(); // into this thread's cache, which dies with it
                }
            });
            runOnNewThread(Thread.ofVirtual(), () -> {
                handed.forEach(Lease::close); // acquired on a thread that has ended
                handed.clear();
                for (int i = 0; i < 10; i++) {
                    handed.add(pool.acquire(64));
                }
                handed.forEach(Lease::close);
            });
            PoolStatistics stats = pool.statistics();
            assertEquals(33, stats.acquisitions());
            assertEquals(33, stats.releases());
            assertEquals(20, stats.misses());
            assertEquals(10, stats.hits());
            assertEquals(3, stats.bypasses());
            assertEquals(0, stats.bytesInUse());
            assertEquals(20 * 64, stats.bytesReserved());
            // both threads have ended: all 20 blocks are back in the depot, none in a cache
            assertTrue(pool.efficiencyReport().contains("64 B blocks: 20 free in the depot"), pool.efficiencyReport());
            pool.trim();
            assertEquals(0, pool.statistics().bytesReserved());
            assertEquals(stats.acquisitions(), pool.statistics().acquisitions()); // nothing lost with the caches
            assertEquals(stats.releases(), pool.statistics().releases());
        }
    }

    @Test
    void shouldKeepAnEndedThreadsBlocksWithinTheRetentionLimit() throws Exception {
        PoolConfig config = PoolConfig.defaults().withThreadCacheBlocks(32).withMaxRetainedBytes(4 * 64);
        try (MemoryPool pool = MemoryPool.create("retention", config)) {
            runOnNewThread(Thread.ofPlatform(), () -> {
                List<Lease> leases = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    leases.add(pool.acquire(64));
                }
                leases.forEach(Lease::close); // all 32 fit the thread's cache
            });
            PoolStatistics stats = pool.statistics();
            assertEquals(4 * 64, stats.bytesReserved(), stats.toString()); // 4 kept, 28 back to the system
            assertEquals(32 * 64, stats.peakBytesReserved());
            assertEquals(0, stats.bytesInUse());
        }
    }

    @Test
    void shouldNotGiveBackTwiceTheBlocksOfAThreadThatEndedBeforeAReset() throws Exception {
        try (MemoryPool pool = MemoryPool.create("reset", PoolConfig.defaults().withThreadCacheBlocks(8))) {
            runOnNewThread(Thread.ofPlatform(), () -> {
                List<Lease> leases = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    leases.add(pool.acquire(64));
                }
                leases.forEach(Lease::close); // cached by a thread that then ends
            });
            pool.reset(); // gives all 4 blocks to the depot: the ended thread's cache must not give them again
            Set<Long> addresses = new HashSet<>();
            runOnNewThread(Thread.ofPlatform(), () -> {
                List<Lease> leases = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Lease lease = pool.acquire(64);
                    leases.add(lease);
                    assertTrue(addresses.add(lease.segment().address()), "block handed out twice: " + lease);
                }
                leases.forEach(Lease::close);
            });
            PoolStatistics stats = pool.statistics();
            assertEquals(8 * 64, stats.bytesReserved(), stats.toString());
            assertEquals(0, stats.bytesInUse());
            assertEquals(stats.acquisitions(), stats.releases());
            assertEquals(4, stats.hits());
            assertEquals(8, stats.misses());
        }
    }

    @Test
    void shouldAnswerStatisticsAfterCloseWithoutTouchingTheFreedBlocks() throws Exception {
        MemoryPool pool = MemoryPool.create("closed", PoolConfig.defaults().withThreadCacheBlocks(8));
        runOnNewThread(Thread.ofPlatform(), () -> pool.acquire(64).close());
        pool.close(); // frees the block the ended thread's cache still lists
        PoolStatistics stats = pool.statistics();
        assertEquals(1, stats.acquisitions());
        assertEquals(1, stats.releases());
        assertEquals(0, stats.bytesReserved());
    }
}
