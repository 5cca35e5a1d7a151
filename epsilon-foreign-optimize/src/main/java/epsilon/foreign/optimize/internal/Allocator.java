package epsilon.foreign.optimize.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;

import epsilon.foreign.inline.InlineFunction;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * C's {@code malloc} by a {@code static final} handle (inline's {@link InlineFunction#define}), not critical: the
 * allocator may take a lock or enter the kernel. The block is sized as a slice of one all-memory segment made once,
 * so that an allocation makes no restricted call ({@code reinterpret} checks its caller's native access on every
 * call; the memory pool sizes its blocks the same way).
 */
public final class Allocator {
    private Allocator() {}

    /** Every address, in the global scope: its slices are blocks C's allocator owns and frees. */
    private static final MemorySegment ALL_MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final MethodHandle MALLOC = MethodHandles.explicitCastArguments(
            InlineFunction.define("malloc", FunctionDescriptor.of(ADDRESS,
                    Linker.nativeLinker().canonicalLayouts().get("size_t"))).handle(),
            MethodType.methodType(MemorySegment.class, long.class));

    /**
     * {@return {@code size} bytes from C's {@code malloc} as a segment of that size, or {@link MemorySegment#NULL}
     * when it returned NULL}
     *
     * @param size the number of bytes, at least 1
     */
    public static MemorySegment malloc(long size) {
        long address;
        try {
            address = ((MemorySegment) MALLOC.invokeExact(size)).address();
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
        return address == 0 ? MemorySegment.NULL : ALL_MEMORY.asSlice(address, size);
    }
}
