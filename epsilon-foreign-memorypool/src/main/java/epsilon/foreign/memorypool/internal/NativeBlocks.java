package epsilon.foreign.memorypool.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Blocks from the C allocator, each freed on its own: {@code aligned_alloc} and {@code free}. An arena could
 * only give memory back all at once, and a pool must be able to return what it no longer keeps.
 */
public final class NativeBlocks {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");
    private static final MethodHandle ALIGNED_ALLOC = MethodHandles.explicitCastArguments(LINKER.downcallHandle(
            LINKER.defaultLookup().find("aligned_alloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, SIZE_T, SIZE_T)),
            MethodType.methodType(MemorySegment.class, long.class, long.class));
    private static final MethodHandle FREE = LINKER.downcallHandle(LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    private NativeBlocks() {}

    /** A block of {@code size} bytes aligned to {@code alignment} (both powers of two), or 0 when the system refuses. */
    public static long allocate(long size, long alignment) {
        try {
            return ((MemorySegment) ALIGNED_ALLOC.invokeExact(alignment, size)).address();
        } catch (Throwable t) {
            throw new IllegalStateException("aligned_alloc failed", t);
        }
    }

    /** Frees the block at {@code block}'s address: the cleanup of an unpooled lease's arena. */
    public static void free(MemorySegment block) {
        free(block.address());
    }

    public static void free(long address) {
        try {
            FREE.invokeExact(MemorySegment.ofAddress(address));
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }
}
