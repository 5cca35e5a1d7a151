package epsilon.foreign.optimize.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import epsilon.foreign.inline.InlineFunction;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The C side of {@code Optimized}: libc's {@code strnlen}, {@code memmove}, {@code memset} and {@code memcmp} as
 * {@code static final} handles made by inline's {@link InlineFunction#define}, one lazily linked holder each, all
 * {@link InlineFunction#LEAF_WITH_HEAP_ACCESS critical with heap access}, so that one handle takes native
 * segments and Java arrays alike. Callers have checked every argument: these run unchecked.
 */
public final class CriticalCalls {
    private CriticalCalls() {}

    private static final MemoryLayout SIZE_T = Linker.nativeLinker().canonicalLayouts().get("size_t");
    private static final Class<?> SEG = MemorySegment.class;

    /** Links {@code name} critical with heap access, its {@code size_t} carriers cast to Java {@code long}. */
    private static MethodHandle link(String name, MethodType javaType, FunctionDescriptor descriptor) {
        MethodHandle handle = InlineFunction.define(name, descriptor, InlineFunction.LEAF_WITH_HEAP_ACCESS).handle();
        return MethodHandles.explicitCastArguments(handle, javaType);
    }

    private static final class Strnlen {
        static final MethodHandle HANDLE = link("strnlen", MethodType.methodType(long.class, SEG, long.class),
                FunctionDescriptor.of(SIZE_T, ADDRESS, SIZE_T));
    }

    private static final class Memmove {
        static final MethodHandle HANDLE = link("memmove", MethodType.methodType(SEG, SEG, SEG, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T));
    }

    private static final class Memset {
        static final MethodHandle HANDLE = link("memset", MethodType.methodType(SEG, SEG, int.class, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, SIZE_T));
    }

    private static final class Memcmp {
        static final MethodHandle HANDLE = link("memcmp", MethodType.methodType(int.class, SEG, SEG, long.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T));
    }

    /**
     * {@return C's {@code strnlen(s + offset, maxlen)}}
     *
     * @param s      native or heap memory holding at least {@code offset + maxlen} bytes
     * @param offset where the text starts
     * @param maxlen the most bytes to read
     */
    public static long strnlen(MemorySegment s, long offset, long maxlen) {
        try {
            return (long) Strnlen.HANDLE.invokeExact(s.asSlice(offset), maxlen);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * C's {@code memmove(dst + dstOffset, src + srcOffset, n)}.
     *
     * @param dst       writable memory holding at least {@code dstOffset + n} bytes
     * @param dstOffset where to copy to
     * @param src       memory holding at least {@code srcOffset + n} bytes
     * @param srcOffset where to copy from
     * @param n         the number of bytes
     */
    public static void memmove(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long n) {
        try {
            MemorySegment ignored = (MemorySegment) Memmove.HANDLE.invokeExact(dst.asSlice(dstOffset),
                    src.asSlice(srcOffset), n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * C's {@code memset(s + offset, c, n)}.
     *
     * @param s      writable memory holding at least {@code offset + n} bytes
     * @param offset where to start
     * @param c      the byte value (its low 8 bits)
     * @param n      the number of bytes
     */
    public static void memset(MemorySegment s, long offset, int c, long n) {
        try {
            MemorySegment ignored = (MemorySegment) Memset.HANDLE.invokeExact(s.asSlice(offset), c, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@return C's {@code memcmp(a + aOffset, b + bOffset, n)}, whose sign alone is meaningful}
     *
     * @param a       memory holding at least {@code aOffset + n} bytes
     * @param aOffset where the first range starts
     * @param b       memory holding at least {@code bOffset + n} bytes
     * @param bOffset where the second range starts
     * @param n       the number of bytes
     */
    public static int memcmp(MemorySegment a, long aOffset, MemorySegment b, long bOffset, long n) {
        try {
            return (int) Memcmp.HANDLE.invokeExact(a.asSlice(aOffset), b.asSlice(bOffset), n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }
}
