package epsilon.foreign.internal.binding;

import epsilon.foreign.internal.CallFrame;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Arrays;

/**
 * A {@link CallFrame} that also remembers which native copies stand for which Java arrays, and copies C's writes
 * back into the arrays when it closes. Used only by calls with a non-{@code const} array parameter; every other
 * call uses a plain {@code CallFrame}, so this bookkeeping costs nothing elsewhere.
 */
final class CopyBackFrame implements SegmentAllocator, AutoCloseable {
    private final CallFrame frame;
    /** Pairs of (native copy, heap segment over the Java array), in registration order. */
    private MemorySegment[] pairs = new MemorySegment[4];
    private int size;

    private CopyBackFrame(CallFrame frame) {
        this.frame = frame;
    }

    static CopyBackFrame open() {
        return new CopyBackFrame(CallFrame.open());
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return frame.allocate(byteSize, byteAlignment);
    }

    void copyBackLater(MemorySegment copy, MemorySegment array) {
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        pairs[size++] = copy;
        pairs[size++] = array;
    }

    /** Copies every registered array back, then releases the frame's memory even if a copy fails. */
    @Override
    public void close() {
        try {
            for (int i = 0; i < size; i += 2) {
                pairs[i + 1].copyFrom(pairs[i]);
            }
        } finally {
            frame.close();
        }
    }
}
