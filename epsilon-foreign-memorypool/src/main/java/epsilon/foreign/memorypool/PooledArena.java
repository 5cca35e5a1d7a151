package epsilon.foreign.memorypool;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SegmentAllocator} over a {@link MemoryPool}: every segment it allocates is a pooled lease, and closing
 * it releases them all, so it plugs into any Panama API that takes an allocator. Confined to one thread at a
 * time, like a confined arena.
 *
 * {@snippet :
 * try (PooledArena arena = pool.newArena()) {
 *     MemorySegment text = arena.allocateFrom("hello");      // any SegmentAllocator method works
 *     MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, 64);
 * }                                                          // both back in the pool
 * }
 */
public final class PooledArena implements SegmentAllocator, AutoCloseable {
    private final MemoryPool pool;
    private final List<Lease> leases = new ArrayList<>();
    private boolean closed;

    PooledArena(MemoryPool pool) {
        this.pool = pool;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (closed) {
            throw new PoolMisuseException("pooled arena of pool '" + pool.name() + "' is closed");
        }
        Lease lease = pool.acquire(Math.max(byteSize, 1), byteAlignment);
        leases.add(lease);
        return byteSize == 0 ? lease.segment().asSlice(0, 0) : lease.segment();
    }

    /** Releases every segment this arena handed out; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Lease lease : leases) {
            pool.release(lease);
        }
        leases.clear();
    }
}
