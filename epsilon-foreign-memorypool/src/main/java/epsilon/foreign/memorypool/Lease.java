package epsilon.foreign.memorypool;

import epsilon.foreign.memorypool.internal.ThreadCache;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A block of pooled memory held until {@link #close()}: use it with try-with-resources.
 *
 * {@snippet :
 * try (Lease lease = pool.acquire(256)) {
 *     MemorySegment buffer = lease.segment();
 *     // ... hand buffer to C ...
 * }                                   // back in the pool, ready for the next acquire
 * }
 *
 * <p>What is detected: releasing twice, releasing to another pool, and {@link #segment()} after release or after
 * the pool was reset or closed all throw {@link PoolMisuseException}. A segment obtained earlier and kept past
 * a reset or close is refused by the JDK itself ({@link IllegalStateException}), because each pool generation
 * scopes its segments to an arena that the reset or close ends. A segment of a lease over 64 KiB kept past its
 * release is refused the same way (its block has an arena of its own, ended by the release); one of a pooled
 * lease kept past its release is not detected (the block may already serve another holder), and debug mode
 * poisons released blocks with {@code 0xDE} so such use shows.
 */
public final class Lease implements AutoCloseable {
    final MemoryPool pool;
    final long address;
    final int sizeClass;
    final int generation;
    final Arena ownArena;
    final Throwable acquiredAt;
    /** The cache of the acquiring thread, for a release on that same thread. */
    final ThreadCache owner;
    /** What {@link #segment} is a slice of: all memory, scoped to the pool generation, or an unpooled arena's. */
    private final MemorySegment memory;
    private final long size;
    /** Made on first use rather than at acquisition, which keeps the pool's inlined acquire path short. */
    private MemorySegment segment;
    // Plain, like a confined arena's state: a lease is used by one thread at a time, and handing it to another
    // thread (through a queue, a lock, a join) orders the accesses. Two threads releasing it at once is a race the
    // pool does not promise to catch.
    private boolean released;

    Lease(MemoryPool pool, MemorySegment memory, long address, long size, int sizeClass, int generation,
          Arena ownArena, ThreadCache owner, Throwable acquiredAt) {
        this.pool = pool;
        this.memory = memory;
        this.address = address;
        this.size = size;
        this.sizeClass = sizeClass;
        this.generation = generation;
        this.ownArena = ownArena;
        this.owner = owner;
        this.acquiredAt = acquiredAt;
    }

    /**
     * {@return the memory: exactly the size asked for, aligned as asked}
     *
     * @throws PoolMisuseException after release, reset or close
     */
    public MemorySegment segment() {
        if (released || !pool.isCurrent(generation)) {
            throw refused();
        }
        MemorySegment view = segment;
        if (view == null) {
            view = segment = memory.asSlice(address - memory.address(), size);
        }
        return view;
    }

    private PoolMisuseException refused() {
        if (released) {
            return new PoolMisuseException("lease " + describe() + " of pool '" + pool.name()
                    + "' was already released");
        }
        return pool.stale(this, "use");
    }

    /** {@return the size asked for, in bytes} */
    public long byteSize() {
        return size;
    }

    /** Gives the block back to its pool; the same as {@code pool.release(this)}. */
    @Override
    public void close() {
        pool.release(this);
    }

    /** Marks the lease released; false when it already was. */
    boolean markReleased() {
        if (released) {
            return false;
        }
        released = true;
        return true;
    }

    boolean isReleased() {
        return released;
    }

    /** {@code 256 B at 0x7f...}: how messages name a block. */
    String describe() {
        return size + " B at 0x" + Long.toHexString(address);
    }

    @Override
    public String toString() {
        return "Lease[" + describe() + " of pool '" + pool.name() + "'" + (released ? ", released" : "") + "]";
    }
}
