package epsilon.foreign.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Per-thread scratch memory for the temporaries of one call (strings, copied arrays, struct returns):
 * a bump pointer over a block owned by the thread, reset when the call returns. Frames nest, so a
 * callback that makes another call while the first is in progress gets memory above the first's.
 * A temporary larger than what is left of the block comes from a confined arena closed with the frame.
 *
 * <p>This is what makes {@code strlen("hello")} cost an encode and a copy rather than an arena per call.
 */
public final class CallFrame implements SegmentAllocator, AutoCloseable {
    private static final long BLOCK_SIZE = 64 * 1024;
    private static final ThreadLocal<Stack> STACKS = ThreadLocal.withInitial(Stack::new);

    /** The thread's block and its bump pointer, shared by the thread's nested frames. */
    private static final class Stack {
        // An automatic arena: the block lives while the thread's stack is reachable and is freed after.
        final MemorySegment block = Arena.ofAuto().allocate(BLOCK_SIZE, 16);
        long top;
    }

    private final Stack stack;
    private final long base;
    private Arena overflow;

    private CallFrame(Stack stack) {
        this.stack = stack;
        this.base = stack.top;
    }

    /** Opens a frame on the current thread; close it in the same thread, in LIFO order (try-with-resources). */
    public static CallFrame open() {
        return new CallFrame(STACKS.get());
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        long start = (stack.top + byteAlignment - 1) & -byteAlignment;
        if (byteSize <= BLOCK_SIZE && start + byteSize <= BLOCK_SIZE) {
            stack.top = start + byteSize;
            return stack.block.asSlice(start, byteSize, byteAlignment);
        }
        if (overflow == null) {
            overflow = Arena.ofConfined();
        }
        return overflow.allocate(byteSize, byteAlignment);
    }

    @Override
    public void close() {
        stack.top = base;
        if (overflow != null) {
            overflow.close();
        }
    }
}
