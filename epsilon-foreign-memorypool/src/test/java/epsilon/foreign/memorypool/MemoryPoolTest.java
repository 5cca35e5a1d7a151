package epsilon.foreign.memorypool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryPoolTest {

    @Test
    void shouldReuseAReleasedBlockOfTheSameClass() {
        try (MemoryPool pool = MemoryPool.create("reuse")) {
            long first;
            try (Lease lease = pool.acquire(200)) {
                assertEquals(200, lease.byteSize());
                first = lease.segment().address();
            }
            try (Lease again = pool.acquire(256)) {
                assertEquals(first, again.segment().address()); // same 256 B class, same block
            }
            PoolStatistics stats = pool.statistics();
            assertEquals(2, stats.acquisitions());
            assertEquals(1, stats.hits());
            assertEquals(1, stats.misses());
            assertEquals(2, stats.releases());
            assertEquals(0.5, stats.reuseRatio());
            assertEquals(0, stats.bytesInUse());
            assertEquals(256, stats.peakBytesReserved());
            assertEquals(256, stats.bytesReserved());
        }
    }

    @Test
    void shouldUsePowerOfTwoClassesAndBypassLargeRequests() {
        assertEquals(16, MemoryPool.blockSizeFor(1));
        assertEquals(16, MemoryPool.blockSizeFor(16));
        assertEquals(32, MemoryPool.blockSizeFor(17));
        assertEquals(65536, MemoryPool.blockSizeFor(65536));
        assertEquals(65537, MemoryPool.blockSizeFor(65537));
        try (MemoryPool pool = MemoryPool.create("large")) {
            try (Lease big = pool.acquire(100_000)) {
                big.segment().set(ValueLayout.JAVA_BYTE, 99_999, (byte) 1);
                assertEquals(100_000, pool.statistics().bytesInUse());
            }
            PoolStatistics stats = pool.statistics();
            assertEquals(1, stats.bypasses());
            assertEquals(0, stats.misses());
            assertEquals(0, stats.bytesReserved());
        }
    }

    @Test
    void shouldHonourAlignmentAndZeroing() {
        try (MemoryPool pool = MemoryPool.create("aligned", PoolConfig.defaults().withZeroOnAcquire(true))) {
            try (Lease dirty = pool.acquire(64)) {
                dirty.segment().fill((byte) 7);
            }
            try (Lease lease = pool.acquire(64, 64)) {
                assertEquals(0, lease.segment().address() % 64);
                assertEquals(-1, lease.segment().mismatch(MemorySegment.ofArray(new byte[64])));
            }
        }
        try (MemoryPool pool = MemoryPool.create("zeroed-on-request")) {
            try (Lease dirty = pool.acquire(32)) {
                dirty.segment().fill((byte) 9);
            }
            try (Lease zeroed = pool.acquireZeroed(32)) {
                assertEquals(0L, zeroed.segment().get(ValueLayout.JAVA_LONG, 0));
            }
            try (Lease page = pool.acquire(100, 4096)) {
                assertEquals(0, page.segment().address() % 4096);
            }
        }
    }

    @Test
    void shouldOfferScopedFormsAndASegmentAllocator() {
        try (MemoryPool pool = MemoryPool.create("scoped")) {
            pool.withPooledMemory(128, segment -> segment.fill((byte) 1));
            long sum = pool.applyWithPooledMemory(8, segment -> {
                segment.set(ValueLayout.JAVA_LONG, 0, 41L);
                return segment.get(ValueLayout.JAVA_LONG, 0) + 1;
            });
            assertEquals(42L, sum);
            try (PooledArena arena = pool.newArena()) {
                MemorySegment text = arena.allocateFrom("hello");
                MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, 10);
                assertEquals("hello", text.getString(0));
                assertEquals(40, ints.byteSize());
                assertEquals(2, pool.statistics().outstanding());
            }
            assertEquals(0, pool.statistics().outstanding());
        }
    }

    @Test
    void shouldKeepRetentionWithinItsLimitsAndTrim() {
        PoolConfig tight = PoolConfig.defaults().withMaxRetainedPerClass(2).withThreadCacheBlocks(0);
        try (MemoryPool pool = MemoryPool.create("tight", tight)) {
            List<Lease> leases = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                leases.add(pool.acquire(1024));
            }
            assertEquals(5 * 1024, pool.statistics().bytesReserved());
            leases.forEach(Lease::close);
            assertEquals(2 * 1024, pool.statistics().bytesReserved()); // 3 returned to the system
            assertEquals(5 * 1024, pool.statistics().peakBytesReserved());
            assertTrue(pool.efficiencyReport().contains("1024 B blocks: 2 free in the depot"), pool.efficiencyReport());
            try (Lease first = pool.acquire(1000); Lease second = pool.acquire(1000)) {
                // without a thread cache, the depot's two blocks serve the caller directly
                assertNotEquals(first.segment().address(), second.segment().address());
                assertEquals(2, pool.statistics().hits());
                assertEquals(2 * 1024, pool.statistics().bytesInUse());
            }
            assertEquals(2 * 1024, pool.statistics().bytesReserved());
            pool.trim();
            assertEquals(0, pool.statistics().bytesReserved());
        }
    }

    @Test
    void shouldNeverHandOneBlockToTwoHoldersAcrossThreads() throws Exception {
        int threads = 4;
        int cycles = 10_000;
        ConcurrentHashMap<Long, Long> held = new ConcurrentHashMap<>();
        try (MemoryPool pool = MemoryPool.create("threads", PoolConfig.defaults().withThreadCacheBlocks(4))) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long id = t;
                futures.add(executor.submit(() -> {
                    List<Lease> kept = new ArrayList<>();
                    for (int i = 0; i < cycles; i++) {
                        Lease lease = pool.acquire(16L << (i % 5));
                        MemorySegment segment = lease.segment();
                        long stamp = (id << 32) | i;
                        assertNull(held.put(segment.address(), stamp), "block handed to two holders");
                        segment.set(ValueLayout.JAVA_LONG, 0, stamp);
                        kept.add(lease);
                        if (kept.size() == 3 || i == cycles - 1) {
                            for (Lease k : kept) { // release, sometimes out of order
                                assertEquals(held.get(k.segment().address()),
                                        k.segment().get(ValueLayout.JAVA_LONG, 0), "block overwritten by another");
                                held.remove(k.segment().address());
                                k.close();
                            }
                            kept.clear();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
            PoolStatistics stats = pool.statistics();
            assertEquals((long) threads * cycles, stats.acquisitions());
            assertEquals(stats.acquisitions(), stats.releases());
            assertEquals(stats.acquisitions(), stats.hits() + stats.misses() + stats.bypasses());
            assertEquals(0, stats.bytesInUse());
            assertTrue(stats.reuseRatio() > 0.9, stats.toString());
        }
    }

    @Test
    void shouldTakeBackLeasesReleasedOnAnotherThread() throws Exception {
        try (MemoryPool pool = MemoryPool.create("handover", PoolConfig.defaults().withThreadCacheBlocks(8))) {
            List<Lease> leases = new ArrayList<>();
            for (int i = 0; i < 20; i++) { // acquired on this thread, the pool's first
                leases.add(pool.acquire(64));
            }
            List<Long> reused = new ArrayList<>();
            Thread other = new Thread(() -> {
                leases.forEach(Lease::close); // released into the other thread's cache and the depot
                for (int i = 0; i < 20; i++) {
                    try (Lease lease = pool.acquire(64)) {
                        reused.add(lease.segment().address());
                    }
                }
            });
            other.start();
            other.join();
            assertTrue(leases.stream().map(lease -> lease.address).toList().containsAll(reused), reused.toString());
            PoolStatistics stats = pool.statistics();
            assertEquals(40, stats.acquisitions());
            assertEquals(40, stats.releases());
            assertEquals(20, stats.misses());
            assertEquals(20, stats.hits());
            assertEquals(0, stats.bytesInUse());
            assertEquals(20 * 64, stats.bytesReserved());
        }
    }

    // ---- misuse ------------------------------------------------------------------------------------------

    @Test
    void shouldRejectReleasingTwice() {
        try (MemoryPool pool = MemoryPool.create("twice")) {
            Lease lease = pool.acquire(64);
            lease.close();
            PoolMisuseException e = assertThrows(PoolMisuseException.class, lease::close);
            assertTrue(e.getMessage().matches("lease 64 B at 0x[0-9a-f]+ of pool 'twice' released twice"),
                    e.getMessage());
            assertThrows(PoolMisuseException.class, lease::segment);
        }
    }

    @Test
    void shouldRejectReleasingToAnotherPool() {
        try (MemoryPool a = MemoryPool.create("a"); MemoryPool b = MemoryPool.create("b")) {
            Lease lease = a.acquire(32);
            PoolMisuseException e = assertThrows(PoolMisuseException.class, () -> b.release(lease));
            assertTrue(e.getMessage().endsWith("belongs to pool 'a', not to pool 'b'"), e.getMessage());
            a.release(lease); // still releasable where it belongs
        }
    }

    @Test
    void shouldInvalidateLeasesAndTheirSegmentsOnReset() {
        try (MemoryPool pool = MemoryPool.create("reset")) {
            Lease lease = pool.acquire(128);
            MemorySegment kept = lease.segment();
            pool.reset();
            PoolMisuseException e = assertThrows(PoolMisuseException.class, lease::segment);
            assertTrue(e.getMessage().endsWith("pool 'reset' was reset after it was acquired"), e.getMessage());
            assertThrows(PoolMisuseException.class, lease::close);
            assertThrows(IllegalStateException.class, () -> kept.get(ValueLayout.JAVA_BYTE, 0)); // the JDK refuses
            assertEquals(0, pool.statistics().bytesInUse());
            try (Lease after = pool.acquire(128)) {
                assertEquals(lease.address, after.segment().address()); // the block is free again
            }
        }
    }

    @Test
    void shouldCountUnpooledLeasesAsReturnedByAReset() {
        try (MemoryPool pool = MemoryPool.create("reset-unpooled")) {
            pool.acquire(100_000);
            pool.acquire(64);
            pool.reset();
            PoolStatistics stats = pool.statistics();
            assertEquals(0, stats.outstanding(), stats.toString()); // the unpooled lease stayed outstanding forever
            assertEquals(2, stats.releases(), stats.toString());
            assertEquals(0, stats.bytesInUse(), stats.toString());
        }
    }

    @Test
    void shouldLeaveALeaseAsItWasWhenItsReleaseIsRefused() {
        try (MemoryPool pool = MemoryPool.create("refused")) {
            Lease stale = pool.acquire(32);
            pool.reset();
            String reset = "cannot release lease " + stale.describe() + ": pool 'refused' was reset after it was acquired";
            assertEquals(reset, assertThrows(PoolMisuseException.class, stale::close).getMessage());
            // the refused release did not mark it released: asked again, the answer is the same, not "twice"
            assertEquals(reset, assertThrows(PoolMisuseException.class, stale::close).getMessage());
            assertEquals("cannot use lease " + stale.describe() + ": pool 'refused' was reset after it was acquired",
                    assertThrows(PoolMisuseException.class, stale::segment).getMessage());
            try (MemoryPool other = MemoryPool.create("other")) {
                Lease lease = pool.acquire(32);
                assertThrows(PoolMisuseException.class, () -> other.release(lease));
                lease.close(); // still releasable where it belongs
            }
        }
    }

    @Test
    void shouldRefuseEverythingAfterClose() {
        MemoryPool pool = MemoryPool.create("closed");
        Lease lease = pool.acquire(16);
        MemorySegment kept = lease.segment();
        pool.close();
        pool.close(); // idempotent
        assertTrue(pool.isClosed());
        assertEquals("pool 'closed' is closed: cannot acquire 16 B",
                assertThrows(PoolMisuseException.class, () -> pool.acquire(16)).getMessage());
        assertThrows(IllegalStateException.class, () -> kept.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(PoolMisuseException.class, lease::segment);
    }

    private static final String SIZES = " B to 281474976710656 B (PoolConfig.LARGEST_REQUEST)";
    private static final String ALIGNMENTS = ": alignments are powers of two from 1 to 281474976710656"
            + " (PoolConfig.LARGEST_REQUEST)";

    @Test
    void shouldRejectInvalidRequests() {
        try (MemoryPool pool = MemoryPool.create("invalid")) {
            assertEquals("pool 'invalid' cannot serve size=0 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.acquire(0)).getMessage());
            assertEquals("pool 'invalid' cannot serve alignment=3" + ALIGNMENTS,
                    assertThrows(PoolSizeException.class, () -> pool.acquire(8, 3)).getMessage());
        }
        assertEquals("pool limits must not be negative: maxRetainedBytes=-1 maxRetainedPerClass=1024"
                        + " threadCacheBlocks=32",
                assertThrows(IllegalArgumentException.class, () -> PoolConfig.defaults().withMaxRetainedBytes(-1))
                        .getMessage());
        // each thread holds an array of this many addresses per class: Integer.MAX_VALUE was an OutOfMemoryError
        assertEquals("threadCacheBlocks=2147483647 is over the largest thread cache, 4096 blocks per size class"
                        + " (PoolConfig.LARGEST_THREAD_CACHE)",
                assertThrows(IllegalArgumentException.class,
                        () -> PoolConfig.defaults().withThreadCacheBlocks(Integer.MAX_VALUE)).getMessage());
    }

    @Test
    void shouldRefuseSizesThePoolCannotServeWithItsOwnException() {
        try (MemoryPool pool = MemoryPool.create("huge")) {
            assertEquals("pool 'huge' cannot serve size=-1 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.acquire(-1)).getMessage());
            assertEquals("pool 'huge' cannot serve size=-9223372036854775808 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.acquire(Long.MIN_VALUE)).getMessage());
            // past the limit: refused before any rounding (Long.MAX_VALUE + 15 overflowed in the JDK's arena)
            assertEquals("pool 'huge' cannot serve size=1125899906842624 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.acquire(1L << 50)).getMessage());
            assertEquals("pool 'huge' cannot serve size=9223372036854775807 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.acquire(Long.MAX_VALUE)).getMessage());
            assertEquals("pool 'huge' cannot serve size=281474976710657 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class,
                            () -> pool.acquireZeroed(PoolConfig.LARGEST_REQUEST + 1)).getMessage());
            // within the limit, but no system has 256 TiB to give: the same exception, not an OutOfMemoryError
            assertEquals("pool 'huge' cannot serve size=281474976710656 B aligned to 16: the system refused a block"
                            + " that large (requests over 65536 B are allocated on their own)",
                    assertThrows(PoolSizeException.class, () -> pool.acquire(PoolConfig.LARGEST_REQUEST))
                            .getMessage());
            assertEquals("pool 'huge' cannot serve size=64 B aligned to 140737488355328: the system refused a"
                            + " block that large (requests over 65536 B are allocated on their own)",
                    assertThrows(PoolSizeException.class, () -> pool.acquire(64, 1L << 47)).getMessage());
            for (long alignment : new long[] {0, -16, 3, 24, Long.MIN_VALUE, 1L << 49, Long.MAX_VALUE}) {
                assertEquals("pool 'huge' cannot serve alignment=" + alignment + ALIGNMENTS,
                        assertThrows(PoolSizeException.class, () -> pool.acquire(64, alignment)).getMessage());
            }
            assertEquals("pool 'huge' cannot serve size=-1 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.withPooledMemory(-1, segment -> { }))
                            .getMessage());
            assertEquals("pool 'huge' cannot serve size=0 B: sizes run from 1" + SIZES,
                    assertThrows(PoolSizeException.class, () -> pool.applyWithPooledMemory(0, segment -> 1))
                            .getMessage());
            PoolStatistics stats = pool.statistics(); // nothing was leased, reserved or counted
            assertEquals(0, stats.acquisitions());
            assertEquals(0, stats.bytesReserved());
            assertEquals(0, stats.peakBytesReserved());
            try (Lease after = pool.acquire(100_000)) { // and the pool still serves
                assertEquals(100_000, after.segment().byteSize());
            }
        }
        assertEquals("MemoryPool.blockSizeFor cannot serve size=-5 B: sizes run from 1" + SIZES,
                assertThrows(PoolSizeException.class, () -> MemoryPool.blockSizeFor(-5)).getMessage());
        assertEquals("MemoryPool.blockSizeFor cannot serve size=9223372036854775807 B: sizes run from 1" + SIZES,
                assertThrows(PoolSizeException.class, () -> MemoryPool.blockSizeFor(Long.MAX_VALUE)).getMessage());
        assertEquals(PoolConfig.LARGEST_REQUEST, MemoryPool.blockSizeFor(PoolConfig.LARGEST_REQUEST));
        // the SegmentAllocator contract: a negative size or a bad alignment is an IllegalArgumentException
        assertTrue(IllegalArgumentException.class.isAssignableFrom(PoolSizeException.class));
    }

    @Test
    void shouldRefuseNegativeSizesAlignmentsAndCountsInAPooledArena() {
        try (MemoryPool pool = MemoryPool.create("arena"); PooledArena arena = pool.newArena()) {
            String refused = "pooled arena of pool 'arena' cannot serve ";
            // allocate(-5) was a 1-byte segment
            assertEquals(refused + "size=-5 B: sizes run from 0" + SIZES,
                    assertThrows(PoolSizeException.class, () -> arena.allocate(-5)).getMessage());
            assertEquals(refused + "size=-1 B: sizes run from 0" + SIZES,
                    assertThrows(PoolSizeException.class, () -> arena.allocate(-1, 8)).getMessage());
            assertEquals(refused + "size=9223372036854775807 B: sizes run from 0" + SIZES,
                    assertThrows(PoolSizeException.class, () -> arena.allocate(Long.MAX_VALUE)).getMessage());
            assertEquals(refused + "alignment=-8" + ALIGNMENTS,
                    assertThrows(PoolSizeException.class, () -> arena.allocate(8, -8)).getMessage());
            assertEquals(refused + "alignment=0" + ALIGNMENTS,
                    assertThrows(PoolSizeException.class, () -> arena.allocate(8, 0)).getMessage());
            assertEquals(refused + "alignment=12" + ALIGNMENTS,
                    assertThrows(PoolSizeException.class, () -> arena.allocate(8, 12)).getMessage());
            assertEquals(refused + "count=-1 elements of 4 B: the count is negative",
                    assertThrows(PoolSizeException.class, () -> arena.allocate(ValueLayout.JAVA_INT, -1))
                            .getMessage());
            // 8 * (2^62) overflows a long: the JDK's sequence layout said so with a bare IllegalArgumentException
            assertEquals(refused + "count=4611686018427387904 elements of 8 B: together over 281474976710656 B"
                            + " (PoolConfig.LARGEST_REQUEST)",
                    assertThrows(PoolSizeException.class, () -> arena.allocate(ValueLayout.JAVA_LONG, 1L << 62))
                            .getMessage());
            assertEquals(refused + "count=2 elements of 4 B aligned to 8: an element's size must be a multiple of"
                            + " its alignment",
                    assertThrows(PoolSizeException.class,
                            () -> arena.allocate(ValueLayout.JAVA_INT.withByteAlignment(8), 2)).getMessage());
            assertEquals("elementLayout", assertThrows(NullPointerException.class,
                    () -> arena.allocate((java.lang.foreign.MemoryLayout) null, 1)).getMessage());
            assertEquals(0, pool.statistics().acquisitions()); // nothing leased by a refusal
            MemorySegment empty = arena.allocate(0);
            assertEquals(0, empty.byteSize());
            MemorySegment none = arena.allocate(ValueLayout.JAVA_LONG, 0);
            assertEquals(0, none.byteSize());
            assertEquals(24, arena.allocate(ValueLayout.JAVA_LONG, 3).byteSize());
        }
    }

    @Test
    void shouldReleaseWhatItCanWhenAnArenaOutlivesAReset() {
        try (MemoryPool pool = MemoryPool.create("arena-reset")) {
            PooledArena arena = pool.newArena();
            arena.allocate(32);
            pool.reset(); // took the first segment back
            arena.allocate(64);
            arena.close(); // releases the second, skips the first: it used to throw and leak the second
            assertEquals(0, pool.statistics().bytesInUse());
            assertEquals("pooled arena of pool 'arena-reset' is closed",
                    assertThrows(PoolMisuseException.class, () -> arena.allocate(8)).getMessage());
            PooledArena orphan = pool.newArena();
            orphan.allocate(16);
            pool.close();
            orphan.close(); // the pool took everything back already
            assertEquals("pool 'arena-reset' is closed: cannot acquire 8 B",
                    assertThrows(PoolMisuseException.class, () -> pool.newArena().allocate(8)).getMessage());
        }
    }

    @Test
    void shouldNameTheNullParameter() {
        assertEquals("name", assertThrows(NullPointerException.class, () -> MemoryPool.create(null)).getMessage());
        assertEquals("config", assertThrows(NullPointerException.class, () -> MemoryPool.create("x", null))
                .getMessage());
        try (MemoryPool pool = MemoryPool.create("nulls")) {
            assertEquals("lease", assertThrows(NullPointerException.class, () -> pool.release(null)).getMessage());
            assertEquals("body", assertThrows(NullPointerException.class, () -> pool.withPooledMemory(16, null))
                    .getMessage());
            assertEquals("body", assertThrows(NullPointerException.class, () -> pool.applyWithPooledMemory(16, null))
                    .getMessage());
            try (PooledArena arena = pool.newArena()) {
                assertEquals("layout", assertThrows(NullPointerException.class,
                        () -> arena.allocate((java.lang.foreign.MemoryLayout) null)).getMessage());
            }
            assertEquals(0, pool.statistics().acquisitions()); // refused before acquiring anything
        }
        assertEquals("name", assertThrows(NullPointerException.class,
                () -> new PoolStatistics(null, 0, 0, 0, 0, 0, 0, 0, 0)).getMessage());
    }

    @Test
    void shouldZeroUnpooledBlocksOnlyWhenAsked() {
        try (MemoryPool pool = MemoryPool.create("unpooled-zero")) {
            try (Lease zeroed = pool.acquireZeroed(200_000)) {
                MemorySegment segment = zeroed.segment();
                assertEquals(-1, segment.mismatch(MemorySegment.ofArray(new byte[200_000])));
                segment.fill((byte) 5); // dirty it for a later block from the same place, if the system reuses it
            }
            try (Lease aligned = pool.acquire(70_000, 1 << 20)) {
                assertEquals(0, aligned.segment().address() % (1 << 20));
                aligned.segment().set(ValueLayout.JAVA_BYTE, 69_999, (byte) 1);
            }
        }
    }

    @Test
    void shouldNotCloseTheSharedDefaultPool() {
        MemoryPool shared = MemoryPool.defaultPool();
        shared.withPooledMemory(64, segment -> segment.fill((byte) 0));
        assertEquals("the default pool is shared and cannot be closed; reset() it instead",
                assertThrows(PoolMisuseException.class, shared::close).getMessage());
    }

    @Test
    void shouldPoisonReleasedBlocksAndReportLeaksInDebugMode() {
        MemoryPool pool = MemoryPool.create("debug", PoolConfig.defaults().withDebug(true));
        Lease lease = pool.acquire(32);
        long address = lease.segment().address();
        lease.close();
        MemorySegment raw = MemorySegment.ofAddress(address).reinterpret(32);
        assertEquals((byte) 0xDE, raw.get(ValueLayout.JAVA_BYTE, 0));
        assertEquals((byte) 0xDE, raw.get(ValueLayout.JAVA_BYTE, 31));
        Lease leaked = acquireAndForget(pool);
        String report = pool.leakReport();
        assertTrue(report.startsWith("pool 'debug': 1 lease(s) never released:"), report);
        assertTrue(report.contains("acquireAndForget"), report);
        assertNotEquals(0, leaked.address);
        pool.close();
    }

    private static Lease acquireAndForget(MemoryPool pool) {
        return pool.acquire(48);
    }

    @Test
    void shouldReportNoLeaksWithoutDebugOrWhenAllIsReleased() {
        try (MemoryPool pool = MemoryPool.create("quiet", PoolConfig.defaults().withDebug(true))) {
            pool.acquire(16).close();
            assertEquals("", pool.leakReport());
            assertTrue(pool.statistics().toString().startsWith("pool 'quiet': 1 acquisitions (0 reused, 1 new,"));
            pool.logStatistics();
        }
    }
}
