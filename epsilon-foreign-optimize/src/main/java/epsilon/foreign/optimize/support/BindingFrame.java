package epsilon.foreign.optimize.support;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Arrays;

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
 * invalid once it is closed (C must not keep pointers into it). Public only for generated code.
 */
public final class BindingFrame implements SegmentAllocator, AutoCloseable {
    private static final long BLOCK_SIZE = 64 * 1024;
    private static final ThreadLocal<BindingFrame> FRAMES = ThreadLocal.withInitial(BindingFrame::new);

    /** Freed by the garbage collector with the thread's frame: nothing to close when the thread ends. */
    private final MemorySegment block = Arena.ofAuto().allocate(BLOCK_SIZE, 16);
    private long top;
    private long[] marks = new long[8];
    private Arena[] overflow = new Arena[8];
    private int depth;

    private BindingFrame() {}

    /**
     * Opens a frame on this thread's block, nested inside any frame still open on it.
     *
     * @return this thread's frame, to close when the call returns
     */
    public static BindingFrame open() {
        BindingFrame frame = FRAMES.get();
        frame.push();
        return frame;
    }

    private void push() {
        if (depth == marks.length) {
            marks = Arrays.copyOf(marks, depth * 2);
            overflow = Arrays.copyOf(overflow, depth * 2);
        }
        marks[depth++] = top;
    }

    /**
     * Room for {@code byteSize} bytes in this frame, from the block while it has room, else from the frame's own
     * arena.
     *
     * @param byteSize      the size in bytes
     * @param byteAlignment a power of two
     * @return the memory, valid until the frame closes
     * @throws IllegalStateException when no frame is open on this thread
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (depth == 0) {
            throw new IllegalStateException("no binding frame is open on " + Thread.currentThread());
        }
        long start = (top + byteAlignment - 1) & -byteAlignment;
        if (byteSize <= BLOCK_SIZE && start <= BLOCK_SIZE - byteSize) {
            top = start + byteSize;
            return block.asSlice(start, byteSize, byteAlignment);
        }
        Arena arena = overflow[depth - 1];
        if (arena == null) {
            arena = Arena.ofConfined();
            overflow[depth - 1] = arena;
        }
        return arena.allocate(byteSize, byteAlignment);
    }

    /** Releases what this frame allocated; the enclosing frame, if any, is current again. */
    @Override
    public void close() {
        depth--;
        top = marks[depth];
        Arena arena = overflow[depth];
        if (arena != null) {
            overflow[depth] = null;
            arena.close();
        }
    }
}
