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
 * critical: {@link InlineFunction#LEAF} for native segments, and {@link InlineFunction#LEAF_WITH_HEAP_ACCESS} when
 * a Java array is involved (the smoke runs of {@code OptimizedFunctionsBenchmark} found the heap-access handle
 * slower on native memory at small sizes, so it is used only where it is needed). Callers have checked every
 * argument: these run unchecked.
 */
public final class CriticalCalls {
    private CriticalCalls() {}

    private static final MemoryLayout SIZE_T = Linker.nativeLinker().canonicalLayouts().get("size_t");
    private static final Class<?> SEG = MemorySegment.class;

    /** Links {@code name} with {@code option}, its {@code size_t} carriers cast to Java {@code long}. */
    private static MethodHandle link(String name, MethodType javaType, FunctionDescriptor descriptor,
                                     Linker.Option option) {
        MethodHandle handle = InlineFunction.define(name, descriptor, option).handle();
        return MethodHandles.explicitCastArguments(handle, javaType);
    }

    private static final class Strnlen {
        static final MethodHandle NATIVE = link("strnlen", MethodType.methodType(long.class, SEG, long.class),
                FunctionDescriptor.of(SIZE_T, ADDRESS, SIZE_T), InlineFunction.LEAF);
        static final MethodHandle HEAP = link("strnlen", MethodType.methodType(long.class, SEG, long.class),
                FunctionDescriptor.of(SIZE_T, ADDRESS, SIZE_T), InlineFunction.LEAF_WITH_HEAP_ACCESS);
    }

    private static final class Memmove {
        static final MethodHandle NATIVE = link("memmove", MethodType.methodType(SEG, SEG, SEG, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T), InlineFunction.LEAF);
    }

    private static final class Memset {
        static final MethodHandle NATIVE = link("memset", MethodType.methodType(SEG, SEG, int.class, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, SIZE_T), InlineFunction.LEAF);
        static final MethodHandle HEAP = link("memset", MethodType.methodType(SEG, SEG, int.class, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, SIZE_T), InlineFunction.LEAF_WITH_HEAP_ACCESS);
    }

    private static final class Memcmp {
        static final MethodHandle NATIVE = link("memcmp", MethodType.methodType(int.class, SEG, SEG, long.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T), InlineFunction.LEAF);
        static final MethodHandle HEAP = link("memcmp", MethodType.methodType(int.class, SEG, SEG, long.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T), InlineFunction.LEAF_WITH_HEAP_ACCESS);
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
            MemorySegment text = s.asSlice(offset);
            return s.isNative() ? (long) Strnlen.NATIVE.invokeExact(text, maxlen)
                    : (long) Strnlen.HEAP.invokeExact(text, maxlen);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * C's {@code memmove(dst + dstOffset, src + srcOffset, n)}, native memory only (a copy involving a Java array
     * stays in Java, which was as fast).
     *
     * @param dst       writable native memory holding at least {@code dstOffset + n} bytes
     * @param dstOffset where to copy to
     * @param src       native memory holding at least {@code srcOffset + n} bytes
     * @param srcOffset where to copy from
     * @param n         the number of bytes
     */
    public static void memmove(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long n) {
        try {
            MemorySegment to = dst.asSlice(dstOffset);
            MemorySegment from = src.asSlice(srcOffset);
            MemorySegment ignored = (MemorySegment) Memmove.NATIVE.invokeExact(to, from, n);
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
            MemorySegment start = s.asSlice(offset);
            MemorySegment ignored = s.isNative() ? (MemorySegment) Memset.NATIVE.invokeExact(start, c, n)
                    : (MemorySegment) Memset.HEAP.invokeExact(start, c, n);
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
            MemorySegment left = a.asSlice(aOffset);
            MemorySegment right = b.asSlice(bOffset);
            return a.isNative() && b.isNative() ? (int) Memcmp.NATIVE.invokeExact(left, right, n)
                    : (int) Memcmp.HEAP.invokeExact(left, right, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }
}
