package epsilon.foreign.memorypool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated sizes, alignments, counts and sequences of calls against every public entry point of
 * {@link MemoryPool}, {@link Lease} and {@link PooledArena}: each call either gives the right answer (a segment of
 * exactly the size asked for, aligned as asked, writable to its last byte, zeroed when asked, statistics that add
 * up) or throws the documented exception with the documented message; never another throwable.
 *
 * <p>The sizes a pool may serve are drawn from two ranges only: up to a few hundred KiB, which any machine serves,
 * and from 2<sup>47</sup> B, which none can (it is a 64-bit process's whole address space on x86-64), so the
 * expected answer never depends on how much memory this machine has free. Sizes in between are covered by the
 * exact examples of {@link MemoryPoolTest}.
 */
class MemoryPoolPropertiesTest {
    private static final long LIMIT = PoolConfig.LARGEST_REQUEST;
    private static final long UNSERVABLE = 1L << 47;

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 300_000),
                Arbitraries.longs().between(1, 64),
                Arbitraries.of(0L, 1L, 16L, 17L, 65_535L, 65_536L, 65_537L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                        LIMIT, LIMIT + 1, UNSERVABLE, 1L << 50, Long.MAX_VALUE - 15),
                Arbitraries.longs().between(Long.MIN_VALUE, -1),
                Arbitraries.longs().between(UNSERVABLE, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> alignments() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 20).map(shift -> 1L << shift),
                Arbitraries.integers().between(47, 62).map(shift -> 1L << shift),
                Arbitraries.of(0L, -1L, -16L, 3L, 24L, 48L, Long.MIN_VALUE, Long.MAX_VALUE),
                // any long but the powers of two between 1 MiB and 2^47, which a machine may or may not serve
                Arbitraries.longs().filter(a -> Long.bitCount(a) != 1 || a <= 1 << 20 || a >= UNSERVABLE));
    }

    /**
     * What {@code who} says when it refuses a request to pool {@code 'p'}, or null when it serves it; a request
     * within the limits that no system serves is refused by the pool itself.
     */
    private static String refusal(String who, long size, long alignment, long smallest) {
        if (size < smallest || size > LIMIT) {
            return who + " cannot serve size=" + size + " B: sizes run from " + smallest + " B to " + LIMIT
                    + " B (PoolConfig.LARGEST_REQUEST)";
        }
        if (alignment <= 0 || alignment > LIMIT || Long.bitCount(alignment) != 1) {
            return who + " cannot serve alignment=" + alignment + ": alignments are powers of two from 1 to "
                    + LIMIT + " (PoolConfig.LARGEST_REQUEST)";
        }
        if (size >= UNSERVABLE || alignment >= UNSERVABLE) {
            return "pool 'p' cannot serve size=" + Math.max(size, 1) + " B aligned to " + alignment
                    + ": the system refused a block that large (requests over 65536 B are allocated on their own)";
        }
        return null;
    }

    /** The segment is exactly what was asked for, and all of it can be written and read back. */
    private static void checkServed(MemorySegment segment, long size, long alignment, boolean zeroed) {
        assertEquals(size, segment.byteSize());
        assertEquals(0, segment.address() % alignment, "address 0x" + Long.toHexString(segment.address()));
        if (size == 0) {
            return;
        }
        if (zeroed) {
            assertEquals(-1, segment.mismatch(MemorySegment.ofArray(new byte[(int) size])), "not zeroed");
        }
        segment.fill((byte) 0x5A);
        assertEquals((byte) 0x5A, segment.get(ValueLayout.JAVA_BYTE, 0));
        assertEquals((byte) 0x5A, segment.get(ValueLayout.JAVA_BYTE, size - 1));
    }

    private static void expectRefusal(String expected, Runnable call) {
        PoolSizeException e = assertThrows(PoolSizeException.class, call::run);
        assertEquals(expected, e.getMessage());
    }

    @Property(tries = 400)
    void shouldServeOrRefuseEveryAcquisitionAsDocumented(@ForAll("sizes") long size,
                                                         @ForAll("alignments") long alignment,
                                                         @ForAll @IntRange(max = 5) int form) {
        try (MemoryPool pool = MemoryPool.create("p", PoolConfig.defaults().withThreadCacheBlocks(form))) {
            String who = "pool 'p'";
            switch (form) {
                case 0 -> {
                    String expected = refusal(who, size, 16, 1);
                    if (expected != null) {
                        expectRefusal(expected, () -> pool.acquire(size));
                    } else {
                        try (Lease lease = pool.acquire(size)) {
                            assertEquals(size, lease.byteSize());
                            checkServed(lease.segment(), size, 16, false);
                        }
                    }
                }
                case 1 -> {
                    String expected = refusal(who, size, alignment, 1);
                    if (expected != null) {
                        expectRefusal(expected, () -> pool.acquire(size, alignment));
                    } else {
                        try (Lease lease = pool.acquire(size, alignment)) {
                            checkServed(lease.segment(), size, alignment, false);
                        }
                    }
                }
                case 2 -> {
                    String expected = refusal(who, size, 16, 1);
                    if (expected != null) {
                        expectRefusal(expected, () -> pool.acquireZeroed(size));
                    } else {
                        // dirty a block of the same class first, so that zeroing has something to do
                        pool.withPooledMemory(size, segment -> segment.fill((byte) 7));
                        try (Lease lease = pool.acquireZeroed(size)) {
                            checkServed(lease.segment(), size, 16, true);
                        }
                    }
                }
                case 3 -> {
                    String expected = refusal(who, size, 16, 1);
                    if (expected != null) {
                        expectRefusal(expected, () -> pool.withPooledMemory(size, segment -> fail("ran")));
                        expectRefusal(expected, () -> pool.applyWithPooledMemory(size, segment -> fail("ran")));
                    } else {
                        long answer = pool.applyWithPooledMemory(size, segment -> {
                            checkServed(segment, size, 16, false);
                            return segment.byteSize();
                        });
                        assertEquals(size, answer);
                    }
                }
                case 4 -> {
                    String expected = refusal("pooled arena of pool 'p'", size, alignment, 0);
                    try (PooledArena arena = pool.newArena()) {
                        if (expected != null) {
                            expectRefusal(expected, () -> arena.allocate(size, alignment));
                        } else {
                            checkServed(arena.allocate(size, alignment), size, alignment, false);
                        }
                    }
                }
                default -> {
                    if (size < 1 || size > LIMIT) { // it allocates nothing: every size within the limit has an answer
                        expectRefusal("MemoryPool.blockSizeFor cannot serve size=" + size + " B: sizes run from 1 B"
                                + " to " + LIMIT + " B (PoolConfig.LARGEST_REQUEST)", () -> MemoryPool.blockSizeFor(size));
                    } else {
                        long powerOfTwo = Math.max(16, Long.highestOneBit(size - 1) << 1); // the least >= size
                        assertEquals(size <= 65_536 ? powerOfTwo : size, MemoryPool.blockSizeFor(size));
                    }
                }
            }
            PoolStatistics stats = pool.statistics();
            assertEquals(0, stats.outstanding(), stats.toString());
            assertEquals(0, stats.bytesInUse(), stats.toString());
            assertEquals(stats.acquisitions(), stats.hits() + stats.misses() + stats.bypasses(), stats.toString());
        }
    }

    @Property(tries = 300)
    void shouldServeOrRefuseEveryArrayAllocationOfAPooledArena(@ForAll @IntRange(min = -3, max = 3) int shape,
                                                               @ForAll("counts") long drawn) {
        MemoryLayout element = switch (shape) {
            case -3 -> ValueLayout.JAVA_INT.withByteAlignment(8); // size not a multiple of its alignment
            case -2 -> MemoryLayout.structLayout(); // 0 bytes
            case -1 -> MemoryLayout.structLayout(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
            case 0 -> ValueLayout.JAVA_BYTE;
            case 1 -> ValueLayout.JAVA_SHORT;
            case 2 -> ValueLayout.JAVA_INT;
            default -> ValueLayout.JAVA_DOUBLE;
        };
        long bytes = element.byteSize();
        // a total between a few MiB and 2^47 B may or may not be served by this machine: fold it to a small one
        long total = bytes * drawn;
        long count = drawn > 0 && bytes > 0 && drawn <= LIMIT / bytes && total > 1 << 20 && total < UNSERVABLE
                ? drawn % 40_000 : drawn;
        try (MemoryPool pool = MemoryPool.create("p"); PooledArena arena = pool.newArena()) {
            String what = "pooled arena of pool 'p' cannot serve count=" + count + " elements of " + bytes + " B";
            String expected;
            if (count < 0) {
                expected = what + ": the count is negative";
            } else if (bytes % element.byteAlignment() != 0) {
                expected = what + " aligned to " + element.byteAlignment()
                        + ": an element's size must be a multiple of its alignment";
            } else if (bytes != 0 && count > LIMIT / bytes) {
                expected = what + ": together over " + LIMIT + " B (PoolConfig.LARGEST_REQUEST)";
            } else {
                expected = refusal("pooled arena of pool 'p'", bytes * count, element.byteAlignment(), 0);
            }
            if (expected != null) {
                expectRefusal(expected, () -> arena.allocate(element, count));
                assertEquals(0, pool.statistics().acquisitions());
            } else {
                checkServed(arena.allocate(element, count), bytes * count, element.byteAlignment(), false);
            }
        }
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 40_000), Arbitraries.longs(),
                Arbitraries.of(-1L, 0L, 1L, LIMIT / 8, LIMIT / 8 + 1, LIMIT / 16, Long.MAX_VALUE, Long.MIN_VALUE,
                        UNSERVABLE / 8));
    }

    @Property(tries = 200)
    void shouldCopyTextAndArraysIntoAPooledArenaThroughTheInheritedMethods(
            @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 0x7f) Integer> codes,
            @ForAll @Size(max = 40) List<Long> longs) {
        StringBuilder text = new StringBuilder();
        codes.forEach(text::appendCodePoint);
        long[] values = longs.stream().mapToLong(Long::longValue).toArray();
        try (MemoryPool pool = MemoryPool.create("p")) {
            try (PooledArena arena = pool.newArena()) {
                MemorySegment string = arena.allocateFrom(text.toString());
                assertEquals(text.toString(), string.getString(0));
                assertEquals(text.toString().getBytes(StandardCharsets.UTF_8).length + 1, string.byteSize());
                MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_LONG, values);
                assertEquals(values.length * 8L, array.byteSize());
                for (int i = 0; i < values.length; i++) {
                    assertEquals(values[i], array.getAtIndex(ValueLayout.JAVA_LONG, i));
                }
                assertEquals(2, pool.statistics().outstanding());
            }
            assertEquals(0, pool.statistics().outstanding());
        }
    }

    // ---- sequences of calls, against a model ----------------------------------------------------------------

    /** One step of a lease's life, applied to the lease numbered {@code target} modulo those taken so far. */
    enum Step { ACQUIRE, ACQUIRE_LARGE, RELEASE, USE, RELEASE_ELSEWHERE, RESET, TRIM, ARENA_ALLOCATE, ARENA_CLOSE }

    record Action(Step step, int target, long size) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> action = net.jqwik.api.Combinators.combine(Arbitraries.of(Step.class),
                Arbitraries.integers().between(0, 1000), Arbitraries.longs().between(1, 5000))
                .as(Action::new);
        return action.list().ofMaxSize(40);
    }

    /** What the model knows of a lease: whether it is released, and in which generation it was taken. */
    private static final class Held {
        final Lease lease;
        final long size;
        final int generation;
        boolean released;
        MemorySegment kept;

        Held(Lease lease, long size, int generation) {
            this.lease = lease;
            this.size = size;
            this.generation = generation;
        }
    }

    @Property(tries = 150)
    void shouldAnswerEverySequenceOfCallsAsTheModelSays(@ForAll("actions") List<Action> actions,
                                                        @ForAll boolean debug) {
        List<Held> held = new ArrayList<>();
        int generation = 0;
        PooledArena arena = null;
        int arenaGeneration = 0;
        int arenaSegments = 0;
        try (MemoryPool pool = MemoryPool.create("seq", PoolConfig.defaults().withDebug(debug).withThreadCacheBlocks(2));
             MemoryPool other = MemoryPool.create("other")) {
            for (Action action : actions) {
                Held target = held.isEmpty() ? null : held.get(action.target() % held.size());
                switch (action.step()) {
                    case ACQUIRE, ACQUIRE_LARGE -> {
                        long size = action.step() == Step.ACQUIRE ? action.size() : 65_536 + action.size();
                        Held fresh = new Held(pool.acquire(size), size, generation);
                        fresh.kept = fresh.lease.segment();
                        checkServed(fresh.kept, size, 16, false);
                        held.add(fresh);
                    }
                    case RELEASE -> {
                        if (target == null) {
                            continue;
                        }
                        if (target.released) {
                            assertMisuse("lease " + describe(target) + " of pool 'seq' released twice",
                                    target.lease::close);
                        } else if (target.generation != generation) {
                            assertMisuse("cannot release lease " + describe(target)
                                    + ": pool 'seq' was reset after it was acquired", target.lease::close);
                        } else {
                            target.lease.close();
                            target.released = true;
                            if (target.size > 65_536) { // its own memory went back to the system at once
                                MemorySegment gone = target.kept;
                                assertThrows(IllegalStateException.class, () -> gone.get(ValueLayout.JAVA_BYTE, 0));
                            }
                        }
                    }
                    case USE -> {
                        if (target == null) {
                            continue;
                        }
                        if (target.released) {
                            assertMisuse("lease " + describe(target) + " of pool 'seq' was already released",
                                    target.lease::segment);
                        } else if (target.generation != generation) {
                            assertMisuse("cannot use lease " + describe(target)
                                    + ": pool 'seq' was reset after it was acquired", target.lease::segment);
                            MemorySegment stale = target.kept; // and the JDK refuses the segment kept from before
                            assertThrows(IllegalStateException.class, () -> stale.get(ValueLayout.JAVA_BYTE, 0));
                        } else {
                            checkServed(target.lease.segment(), target.size, 16, false);
                        }
                    }
                    case RELEASE_ELSEWHERE -> {
                        if (target != null) {
                            assertMisuse("lease " + describe(target) + " belongs to pool 'seq', not to pool 'other'",
                                    () -> other.release(target.lease));
                        }
                    }
                    case RESET -> {
                        pool.reset();
                        generation++;
                    }
                    case TRIM -> pool.trim();
                    case ARENA_ALLOCATE -> {
                        if (arena == null) {
                            arena = pool.newArena();
                            arenaGeneration = generation;
                            arenaSegments = 0;
                        }
                        checkServed(arena.allocate(action.size(), 8), action.size(), 8, false);
                        arenaSegments++;
                    }
                    case ARENA_CLOSE -> {
                        if (arena != null) {
                            arena.close();
                            arena.close(); // idempotent
                            PooledArena closed = arena;
                            assertMisuse("pooled arena of pool 'seq' is closed", () -> closed.allocate(8));
                            arena = null;
                        }
                    }
                }
                // the statistics add up after every step: exactly the model's unreleased current leases are out
                int now = generation;
                long out = held.stream().filter(h -> !h.released && h.generation == now).count();
                if (arena != null && arenaGeneration == generation) {
                    out += arenaSegments;
                }
                PoolStatistics stats = pool.statistics();
                assertEquals(out, stats.outstanding(), "after " + action + ": " + stats);
                assertEquals(stats.acquisitions(), stats.hits() + stats.misses() + stats.bypasses(), stats.toString());
                assertTrue(stats.bytesReserved() <= stats.peakBytesReserved(), stats.toString());
                if (arena != null && arenaGeneration != generation) {
                    arenaSegments = 0; // taken back by the reset; the arena's close skips them
                    arenaGeneration = generation;
                }
            }
            if (arena != null) {
                arena.close();
            }
            pool.close();
            for (Held h : held) { // everything is refused after close, with the pool's own exception
                if (h.released) {
                    assertMisuse("lease " + describe(h) + " of pool 'seq' was already released", h.lease::segment);
                } else {
                    assertMisuse("cannot use lease " + describe(h) + ": pool 'seq' is closed", h.lease::segment);
                }
            }
            assertMisuse("pool 'seq' is closed: cannot acquire 16 B", () -> pool.acquire(16));
            assertMisuse("pool 'seq' is closed: cannot reset", pool::reset);
            assertMisuse("pool 'seq' is closed: cannot trim", pool::trim);
        }
    }

    // ---- threads that end --------------------------------------------------------------------------------

    /**
     * What one short-lived thread does: acquires {@code sizes}, releases what the previous thread handed over,
     * then releases its own leases but the last {@code handOver}, which it hands to the next.
     */
    record Shift(List<Long> sizes, int handOver, boolean virtual) {}

    @Provide
    Arbitrary<List<Shift>> shifts() {
        Arbitrary<Long> size = Arbitraries.oneOf(Arbitraries.longs().between(1, 4096),
                Arbitraries.of(16L, 64L, 65_536L, 65_537L, 100_000L));
        Arbitrary<Shift> shift = net.jqwik.api.Combinators.combine(size.list().ofMaxSize(40),
                Arbitraries.integers().between(0, 40), Arbitraries.of(false, true)).as(Shift::new);
        return shift.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Long> retained() {
        return Arbitraries.of(0L, 256L, 4096L, 1L << 20, PoolConfig.defaults().maxRetainedBytes());
    }

    @Property(tries = 60)
    void shouldGiveBackTheFreeBlocksOfEveryThreadThatHasEnded(@ForAll("shifts") List<Shift> shifts,
                                                             @ForAll @IntRange(max = 8) int cacheBlocks,
                                                             @ForAll("retained") long retained) throws Exception {
        PoolConfig config = PoolConfig.defaults().withThreadCacheBlocks(cacheBlocks).withMaxRetainedBytes(retained);
        long acquisitions = shifts.stream().mapToLong(shift -> shift.sizes().size()).sum();
        long unpooled = shifts.stream().flatMap(shift -> shift.sizes().stream()).filter(s -> s > 65_536).count();
        try (MemoryPool pool = MemoryPool.create("shifts", config)) {
            List<Lease> handed = new ArrayList<>(); // passed from thread to thread through the joins
            for (Shift shift : shifts) {
                runOnNewThread(shift.virtual() ? Thread.ofVirtual() : Thread.ofPlatform(), () -> {
                    Set<Long> held = new HashSet<>();
                    handed.forEach(lease -> held.add(lease.segment().address()));
                    List<Lease> own = new ArrayList<>();
                    for (long size : shift.sizes()) {
                        Lease lease = pool.acquire(size);
                        checkServed(lease.segment(), size, 16, false);
                        assertTrue(held.add(lease.segment().address()), "block handed to two holders: " + lease);
                        own.add(lease);
                    }
                    handed.forEach(Lease::close);
                    handed.clear();
                    int keep = Math.min(shift.handOver(), own.size());
                    own.subList(0, own.size() - keep).forEach(Lease::close);
                    handed.addAll(own.subList(own.size() - keep, own.size()));
                });
            }
            runOnNewThread(Thread.ofPlatform(), () -> handed.forEach(Lease::close));
            // every thread has ended: their counts are in the totals and their free blocks in the depots
            PoolStatistics stats = pool.statistics();
            assertEquals(acquisitions, stats.acquisitions(), stats.toString());
            assertEquals(acquisitions, stats.releases(), stats.toString());
            assertEquals(unpooled, stats.bypasses(), stats.toString());
            assertEquals(acquisitions, stats.hits() + stats.misses() + stats.bypasses(), stats.toString());
            assertEquals(0, stats.bytesInUse(), stats.toString());
            assertTrue(stats.bytesReserved() <= retained, "over " + retained + " B retained: " + stats);
            pool.trim();
            assertEquals(0, pool.statistics().bytesReserved(), pool.statistics().toString());
        }
    }

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

    private static String describe(Held held) {
        return held.lease.describe();
    }

    private static void assertMisuse(String expected, Runnable call) {
        assertEquals(expected, assertThrows(PoolMisuseException.class, call::run).getMessage());
    }
}
