package epsilon.foreign.optimize.support;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

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

    /** Releases what this frame allocated; the enclosing frame, if any, is current again. */
    @Override
    public void close() {
        stack.top = base;
        if (overflow != null) {
            overflow.close();
        }
    }
}
