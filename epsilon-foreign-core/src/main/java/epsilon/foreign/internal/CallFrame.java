package epsilon.foreign.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Per-thread scratch memory for the temporaries of one call (strings, copied arrays, struct returns):
 * a bump pointer over a block owned by the thread, reset when the call returns. Frames nest, so a
 * callback that makes another call while the first is in progress gets memory above the first's.
 * A temporary larger than what is left of the block comes from a confined arena closed with the frame.
 *
 * <p>This is what makes {@code strlen("hello")} cost an encode and a copy rather than an arena per call.
 * Two ways in: a {@code CallFrame} object for try-with-resources (the bound interfaces' handles, whose
 * compiled code keeps it off the heap), and {@link #stack()} with {@link Stack#mark()} and
 * {@link Stack#release(long)} for the dynamic path, which allocates no object per call at all.
 */
public final class CallFrame implements SegmentAllocator, AutoCloseable {
    private static final long BLOCK_SIZE = 64 * 1024;
    private static final ThreadLocal<Stack> STACKS = new Stacks();

    /** Each thread's stack, made on its first call: a class rather than withInitial's lambda, spun on a first call. */
    private static final class Stacks extends ThreadLocal<Stack> {
        @Override
        protected Stack initialValue() {
            return new Stack();
        }
    }

    /** The thread's block, its bump pointer and its frame depth, shared by the thread's nested frames. */
    public static final class Stack implements SegmentAllocator {
        // An automatic arena: the block lives while the thread's stack is reachable and is freed after.
        private final MemorySegment block = Arena.ofAuto().allocate(BLOCK_SIZE, 16);
        private long top;
        private int depth;
        /** The arena of the innermost frame that overflowed the block, and that frame's depth. */
        private Arena overflow;
        private int overflowDepth;
        /** Overflow arenas of outer frames, kept while an inner frame has its own: rare, so a deque is fine. */
        private ArrayDeque<Arena> outerOverflows;
        private ArrayDeque<Integer> outerOverflowDepths;

        private static final int REUSED_DEPTHS = 8;
        private static final int REUSED_ARITIES = 8;
        /** Per frame depth and arity, an argument array to reuse for the carriers of a call (see {@link #carriers}). */
        private final Object[][] carrierArrays = new Object[REUSED_DEPTHS * REUSED_ARITIES][];

        private Stack() {}

        /**
         * A copy of {@code arguments} in an array that belongs to the current frame, so that converting a call's
         * arguments allocates no array: a nested call (from a callback) is a deeper frame and gets another. Clear it
         * with {@link #clearCarriers} when the call returns, so that it keeps nothing reachable.
         */
        public Object[] carriers(Object[] arguments) {
            int n = arguments.length;
            if (depth >= REUSED_DEPTHS || n >= REUSED_ARITIES) {
                return arguments.clone();
            }
            int slot = depth * REUSED_ARITIES + n;
            Object[] array = carrierArrays[slot];
            if (array == null) {
                array = new Object[n];
                carrierArrays[slot] = array;
            }
            System.arraycopy(arguments, 0, array, 0, n);
            return array;
        }

        /** Drops the references {@link #carriers} copied, once the call is over. */
        public static void clearCarriers(Object[] carriers) {
            java.util.Arrays.fill(carriers, null);
        }

        /** Opens a frame: returns the mark to give {@link #release(long)} when the call returns. */
        public long mark() {
            depth++;
            return top;
        }

        /** Closes the frame {@code mark} opened: its memory is reused by the next call, its overflow freed. */
        public void release(long mark) {
            top = mark;
            if (overflow != null && overflowDepth == depth) {
                overflow.close();
                if (outerOverflows != null && !outerOverflows.isEmpty()) {
                    overflow = outerOverflows.pop();
                    overflowDepth = outerOverflowDepths.pop();
                } else {
                    overflow = null;
                }
            }
            depth--;
        }

        /**
         * {@code text} as a NUL-terminated string on this stack; in UTF-8 (what {@code allocateFrom(String)} asks
         * for too) written straight into the block, and the first string of a frame opened on an empty stack starts
         * the block, which is then itself the pointer returned: no segment object per call. Marshalling's
         * {@code NativeStrings.toNative}, which checks the text first, calls this for a UTF-8 {@code char *}.
         *
         * <p>The write is the JDK's {@code SegmentAllocator.allocateFrom(String, Charset)} over {@link #free}, not
         * {@code MemorySegment.setString}: both end in {@code Unsafe.copyMemory}, but {@code setString} reaches it
         * four calls deeper (13 calls against 9 in JDK 25), and C2 inlines at most 15 deep ({@code MaxInlineLevel}):
         * from the generated String call, a few calls above this, the copy and its checks stayed calls of their own
         * ({@code -XX:+LogCompilation}: {@code Unsafe::copyMemory: inlining too deep}).
         */
        @Override
        public MemorySegment allocateFrom(String text, Charset charset) {
            long start = top;
            long bound = text.length() * 3L + 1; // UTF-8 never takes more than three bytes per char
            if (charset != StandardCharsets.UTF_8 || start + bound > BLOCK_SIZE) {
                return SegmentAllocator.super.allocateFrom(text, charset);
            }
            MemorySegment written = free.allocateFrom(text, StandardCharsets.UTF_8);
            top = start + bound;
            return written;
        }

        /**
         * The block from its first free byte, given whole to one writer that knows its own length (a string whose
         * bound {@link #allocateFrom(String, Charset)} has checked): the block itself when the stack is empty, so
         * that no segment object is made.
         */
        private final class FreeSpace implements SegmentAllocator {
            @Override
            public MemorySegment allocate(long byteSize, long byteAlignment) {
                return top == 0 ? block : block.asSlice(top);
            }
        }

        private final FreeSpace free = new FreeSpace();

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            long start = (top + byteAlignment - 1) & -byteAlignment;
            if (byteSize <= BLOCK_SIZE && start + byteSize <= BLOCK_SIZE) {
                top = start + byteSize;
                return block.asSlice(start, byteSize, byteAlignment);
            }
            return overflowArena().allocate(byteSize, byteAlignment);
        }

        private Arena overflowArena() {
            if (overflow != null && overflowDepth == depth) {
                return overflow;
            }
            if (overflow != null) {
                if (outerOverflows == null) {
                    outerOverflows = new ArrayDeque<>();
                    outerOverflowDepths = new ArrayDeque<>();
                }
                outerOverflows.push(overflow);
                outerOverflowDepths.push(overflowDepth);
            }
            overflow = Arena.ofConfined();
            overflowDepth = depth;
            return overflow;
        }
    }

    private final Stack stack;
    private final long base;

    private CallFrame(Stack stack) {
        this.stack = stack;
        this.base = stack.mark();
    }

    /** Opens a frame on the current thread; close it in the same thread, in LIFO order (try-with-resources). */
    public static CallFrame open() {
        return new CallFrame(STACKS.get());
    }

    /** The current thread's stack of frames, to {@link Stack#mark() mark} and {@link Stack#release release}. */
    public static Stack stack() {
        return STACKS.get();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return stack.allocate(byteSize, byteAlignment);
    }

    @Override
    public void close() {
        stack.release(base);
    }
}
