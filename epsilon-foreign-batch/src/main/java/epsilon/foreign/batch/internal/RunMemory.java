package epsilon.foreign.batch.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one arena of a run: every temporary of its calls (strings, copied arrays, out-parameter cells, structs by
 * value, the errno capture) is bumped out of one block allocated when the run starts, and the whole of it is freed
 * when the run ends. A replay of many rows reuses the block, rewound between rows. A run that outgrows the block
 * takes a larger one from the same confined arena; the plan remembers the high-water mark, so the next run starts
 * with a block that fits.
 */
public final class RunMemory implements SegmentAllocator, AutoCloseable {
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final Arena arena = Arena.ofConfined();
    private MemorySegment block;
    private long top;
    /** Address ranges of every block taken, to tell a result pointing into this memory. */
    private long[] starts = new long[2];
    private long[] ends = new long[2];
    private int blocks;
    /** The most any one row used of the current block. */
    private long peak;

    /**
     * @param initialSize the first block's size in bytes, at least 64
     */
    public RunMemory(long initialSize) {
        OPEN.incrementAndGet();
        newBlock(Math.max(64, initialSize));
    }

    /** {@return how many run memories are open now, in every thread: the leak tests' counter} */
    public static int open() {
        return OPEN.get();
    }

    private void newBlock(long size) {
        block = arena.allocate(size, 16);
        top = 0;
        if (blocks == starts.length) {
            starts = java.util.Arrays.copyOf(starts, blocks * 2);
            ends = java.util.Arrays.copyOf(ends, blocks * 2);
        }
        starts[blocks] = block.address();
        ends[blocks] = block.address() + size;
        blocks++;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        long start = (top + byteAlignment - 1) & -byteAlignment;
        if (start + byteSize > block.byteSize()) {
            newBlock(Math.max(block.byteSize() * 2, byteSize + byteAlignment));
            start = 0;
        }
        top = start + byteSize;
        return block.asSlice(start, byteSize, byteAlignment);
    }

    /** Rewinds to the start of the current block, for the next row of a replay; memory handed out is reused. */
    public void rewind() {
        peak = Math.max(peak, top);
        // what a row used is zeroed again: out-parameter cells and structs start as zeros, as in a fresh block
        block.asSlice(0, top).fill((byte) 0);
        top = 0;
    }

    /** {@return the bytes this memory has given out so far, for sizing the next run's first block} */
    public long highWater() {
        return blocks > 1 ? block.byteSize() : Math.max(peak, top);
    }

    /**
     * Whether {@code address} lies in memory this run allocated.
     *
     * @param address a native address
     * @return true when a segment at that address dies with this run
     */
    public boolean contains(long address) {
        for (int i = 0; i < blocks; i++) {
            if (address >= starts[i] && address < ends[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        arena.close();
        OPEN.decrementAndGet();
    }
}
