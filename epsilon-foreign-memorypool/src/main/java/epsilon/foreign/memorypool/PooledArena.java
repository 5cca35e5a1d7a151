package epsilon.foreign.memorypool;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 *
 * <p>Checked, as the {@link SegmentAllocator} contract asks: a negative size, an alignment that is not a power of
 * two, or an element count that is negative or whose total overflows, throws {@link PoolSizeException} (an
 * {@link IllegalArgumentException}) naming the size and the limit, as does a size over
 * {@link PoolConfig#LARGEST_REQUEST} or one the system refuses; nothing is leased then. A size of 0 gives an
 * empty segment (backed by the smallest block). Allocating from a closed arena, or from an arena whose pool is
 * closed, throws {@link PoolMisuseException}. A null layout is a {@link NullPointerException} naming the
 * parameter; the {@code allocateFrom} methods inherited from {@link SegmentAllocator} keep the JDK's own null
 * checks (a {@link NullPointerException} without a name) and reach the pool through the checked methods here.
 */
public final class PooledArena implements SegmentAllocator, AutoCloseable {
    private final MemoryPool pool;
    private final List<Lease> leases = new ArrayList<>();
    private boolean closed;

    PooledArena(MemoryPool pool) {
        this.pool = pool;
    }

    /**
     * {@return a pooled segment of {@code byteSize} bytes aligned to {@code byteAlignment}, released when this
     * arena closes}
     *
     * @param byteSize      the number of bytes, from 0 to {@link PoolConfig#LARGEST_REQUEST}
     * @param byteAlignment a power of two, at most {@link PoolConfig#LARGEST_REQUEST}
     * @throws PoolSizeException   when {@code byteSize} or {@code byteAlignment} is out of range, or the system
     *                             refuses a block that large
     * @throws PoolMisuseException when this arena or its pool is closed
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (closed) {
            throw new PoolMisuseException("pooled arena of pool '" + pool.name() + "' is closed");
        }
        if (!MemoryPool.serves(byteSize, byteAlignment, 0)) {
            throw MemoryPool.refusal(describe(), byteSize, byteAlignment, 0);
        }
        Lease lease = pool.acquire(Math.max(byteSize, 1), byteAlignment);
        leases.add(lease);
        return byteSize == 0 ? lease.segment().asSlice(0, 0) : lease.segment();
    }

    /**
     * {@return a pooled segment of {@code layout}'s size and alignment, released when this arena closes}
     *
     * @param layout the layout of the memory
     * @throws NullPointerException when {@code layout} is null
     * @throws PoolSizeException    when the system refuses a block that large
     * @throws PoolMisuseException  when this arena or its pool is closed
     */
    @Override
    public MemorySegment allocate(MemoryLayout layout) {
        Objects.requireNonNull(layout, "layout");
        return allocate(layout.byteSize(), layout.byteAlignment());
    }

    /**
     * {@return a pooled segment for {@code count} elements of {@code elementLayout}, released when this arena
     * closes} Checked here rather than by {@link MemoryLayout#sequenceLayout}, so that a bad count is this
     * module's {@link PoolSizeException} naming the count, as the other sizes are.
     *
     * @param elementLayout the element layout
     * @param count         the number of elements, at least 0
     * @throws NullPointerException when {@code elementLayout} is null
     * @throws PoolSizeException    when {@code count} is negative, the total is over
     *                              {@link PoolConfig#LARGEST_REQUEST}, or the element's size is not a multiple
     *                              of its alignment (so that the elements could not all be aligned)
     * @throws PoolMisuseException  when this arena or its pool is closed
     */
    @Override
    public MemorySegment allocate(MemoryLayout elementLayout, long count) {
        Objects.requireNonNull(elementLayout, "elementLayout");
        long element = elementLayout.byteSize();
        long alignment = elementLayout.byteAlignment();
        if (count < 0) {
            throw new PoolSizeException(countRefused(count, element) + ": the count is negative");
        }
        if (element % alignment != 0) {
            throw new PoolSizeException(countRefused(count, element) + " aligned to " + alignment
                    + ": an element's size must be a multiple of its alignment");
        }
        if (element != 0 && count > PoolConfig.LARGEST_REQUEST / element) {
            throw new PoolSizeException(countRefused(count, element) + ": together over "
                    + PoolConfig.LARGEST_REQUEST + " B (PoolConfig.LARGEST_REQUEST)");
        }
        return allocate(element * count, alignment);
    }

    /**
     * Releases every segment this arena handed out; idempotent. Segments that a {@link MemoryPool#reset()} or
     * {@link MemoryPool#close()} of the pool already took back are skipped: their blocks are free already.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Lease lease : leases) {
            if (pool.isCurrent(lease.generation)) {
                pool.release(lease);
            }
        }
        leases.clear();
    }

    private String countRefused(long count, long element) {
        return describe() + " cannot serve count=" + count + " elements of " + element + " B";
    }

    private String describe() {
        return "pooled arena of pool '" + pool.name() + "'";
    }
}
