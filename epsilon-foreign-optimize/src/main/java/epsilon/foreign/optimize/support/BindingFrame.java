package epsilon.foreign.optimize.support;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Scratch memory for one call of a generated binding: a per-thread 64 KiB block with a bump pointer, reset when the
 * call's frame closes, nested for calls made while another is running (a callback calling C again), and spilling
 * into a confined arena of its own when a call needs more. Generated code opens it with try-with-resources:
 *
 * {@snippet :
 * try (BindingFrame frame = BindingFrame.open()) {
 *     MemorySegment text = Conversions.encode(frame, s, StandardCharsets.UTF_8, "Libc.strlen(String): parameter 0");
 *     return (long) HANDLE.invokeExact(ADDRESS, text);
 * }
 * }
 *
 * <p>A frame belongs to the thread that opened it and must be closed by it, innermost first; what it allocated is
 * invalid once it is closed (C must not keep pointers into it). Like core's frame for such calls, it also remembers
 * the out-parameters to copy back and the callbacks made for the call, which closing it copies back, then closes.
 * Public only for generated code.
 */
public final class BindingFrame implements SegmentAllocator, AutoCloseable {
    private static final long BLOCK_SIZE = 64 * 1024;
    private static final ThreadLocal<Stack> STACKS = ThreadLocal.withInitial(Stack::new);

    /** The thread's block and its bump pointer, shared by the thread's nested frames. */
    private static final class Stack {
        /** Freed by the garbage collector with the thread's stack: nothing to close when the thread ends. */
        final MemorySegment block = Arena.ofAuto().allocate(BLOCK_SIZE, 16);
        long top;
    }

    // A frame is a small object per call that the JIT scalar-replaces: its fields live in registers.
    private final Stack stack;
    private final long base;
    private Arena overflow;
    /** Out-parameters to copy back, then callbacks to close; {@code null} for the calls that have none. */
    private List<OutParameter> outParameters;
    private List<Callback> callbacks;

    /** An out-parameter: the Java value, the memory C wrote, the C type it was passed as. */
    private record OutParameter(Object value, MemorySegment carrier, CType type, String symbol, int index) {}

    private BindingFrame(Stack stack) {
        this.stack = stack;
        this.base = stack.top;
    }

    /**
     * Opens a frame on this thread's block, above any frame still open on it.
     *
     * @return the frame, to close when the call returns
     */
    public static BindingFrame open() {
        return new BindingFrame(STACKS.get());
    }

    /**
     * Room for {@code byteSize} bytes in this frame, from the block while it has room, else from the frame's own
     * arena.
     *
     * @param byteSize      the size in bytes
     * @param byteAlignment a power of two
     * @return the memory, valid until the frame closes
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        long start = (stack.top + byteAlignment - 1) & -byteAlignment;
        if (byteSize <= BLOCK_SIZE && start <= BLOCK_SIZE - byteSize) {
            stack.top = start + byteSize;
            return stack.block.asSlice(start, byteSize, byteAlignment);
        }
        if (overflow == null) {
            overflow = Arena.ofConfined();
        }
        return overflow.allocate(byteSize, byteAlignment);
    }

    /** Registers what C may write through {@code carrier} to be copied back into {@code value} when this closes. */
    void copyBackLater(Object value, MemorySegment carrier, CType type, String symbol, int index) {
        if (outParameters == null) {
            outParameters = new ArrayList<>(2);
        }
        outParameters.add(new OutParameter(value, carrier, type, symbol, index));
    }

    /** Registers a callback made for this call, closed when this closes. */
    void closeAfterCall(Callback callback) {
        if (callbacks == null) {
            callbacks = new ArrayList<>(1);
        }
        callbacks.add(callback);
    }

    /**
     * Copies the out-parameters back, closes the call's callbacks, and releases what this frame allocated, even if a
     * copy fails; the enclosing frame, if any, is current again.
     *
     * @throws epsilon.foreign.marshalling.ConversionError when C wrote a value an out-parameter cannot hold
     */
    @Override
    public void close() {
        try {
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
                stack.top = base;
                if (overflow != null) {
                    overflow.close();
                }
            }
        }
    }
}
