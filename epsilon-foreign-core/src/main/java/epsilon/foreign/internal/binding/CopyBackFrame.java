package epsilon.foreign.internal.binding;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.internal.CallFrame;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link CallFrame} that also remembers what to do when the call is over: copy C's writes back into the Java
 * arrays and out-parameters (holders, object arrays) the call's memory stood for, and close the callbacks made for
 * the call. Used only by calls that need it; every other call uses a plain {@code CallFrame}, so this bookkeeping
 * costs nothing elsewhere.
 */
final class CopyBackFrame implements SegmentAllocator, AutoCloseable {
    /** An out-parameter to copy back: the Java value, the memory C wrote, the C type it was passed as. */
    private record OutParameter(Object value, MemorySegment carrier, CType type, String symbol, int index) {}

    private final CallFrame frame;
    /** Pairs of (native copy, heap segment over the Java array), in registration order. */
    private MemorySegment[] pairs = new MemorySegment[4];
    private int size;
    private List<OutParameter> outParameters;
    private List<Callback> callbacks;

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

    void copyBackLater(Object value, MemorySegment carrier, CType type, String symbol, int index) {
        if (outParameters == null) {
            outParameters = new ArrayList<>(2);
        }
        outParameters.add(new OutParameter(value, carrier, type, symbol, index));
    }

    void closeAfterCall(Callback callback) {
        if (callbacks == null) {
            callbacks = new ArrayList<>(1);
        }
        callbacks.add(callback);
    }

    /**
     * Copies every registered array and out-parameter back, then closes the call's callbacks and releases the
     * frame's memory, even if a copy fails.
     */
    @Override
    public void close() {
        try {
            for (int i = 0; i < size; i += 2) {
                pairs[i + 1].copyFrom(pairs[i]);
            }
            if (outParameters != null) {
                for (OutParameter out : outParameters) {
                    OutParameters.copyBack(out.value(), out.carrier(), out.type(), out.symbol(), out.index());
                }
            }
        } finally {
            try {
                if (callbacks != null) {
                    callbacks.forEach(Callback::close);
                }
            } finally {
                frame.close();
            }
        }
    }
}
