package epsilon.foreign.memorypool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
 * scopes its segments to an arena that the reset or close ends. A segment kept past its own release is not
 * detected (the block may already serve another holder); debug mode poisons released blocks with {@code 0xDE}
 * so such use shows.
 */
public final class Lease implements AutoCloseable {
    private static final VarHandle RELEASED;

    static {
        try {
            RELEASED = MethodHandles.lookup().findVarHandle(Lease.class, "released", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemoryPool pool;
    final long address;
    final int sizeClass;
    final int generation;
    final Arena ownArena;
    final Throwable acquiredAt;
    private final MemorySegment segment;
    @SuppressWarnings("unused") // written through RELEASED
    private volatile boolean released;

    Lease(MemoryPool pool, long address, int sizeClass, int generation, MemorySegment segment, Arena ownArena,
          Throwable acquiredAt) {
        this.pool = pool;
        this.address = address;
        this.sizeClass = sizeClass;
        this.generation = generation;
        this.segment = segment;
        this.ownArena = ownArena;
        this.acquiredAt = acquiredAt;
    }

    /**
     * The memory: exactly the size asked for, aligned as asked.
     *
     * @throws PoolMisuseException after release, reset or close
     */
    public MemorySegment segment() {
        if (released) {
            throw new PoolMisuseException("lease " + describe() + " of pool '" + pool.name()
                    + "' was already released");
        }
        pool.checkCurrent(this, "use");
        return segment;
    }

    /** The size asked for. */
    public long byteSize() {
        return segment.byteSize();
    }

    /** Gives the block back to its pool; the same as {@code pool.release(this)}. */
    @Override
    public void close() {
        pool.release(this);
    }

    /** Marks the lease released; false when it already was. */
    boolean markReleased() {
        return RELEASED.compareAndSet(this, false, true);
    }

    boolean isReleased() {
        return released;
    }

    /** {@code 256 B at 0x7f...}: how messages name a block. */
    String describe() {
        return segment.byteSize() + " B at 0x" + Long.toHexString(address);
    }

    @Override
    public String toString() {
        return "Lease[" + describe() + " of pool '" + pool.name() + "'" + (released ? ", released" : "") + "]";
    }
}
