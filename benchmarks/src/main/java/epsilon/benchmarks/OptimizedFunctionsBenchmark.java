package epsilon.benchmarks;

import epsilon.foreign.inline.InlineFunction;
import epsilon.foreign.inline.Libc;
import epsilon.foreign.optimize.Optimized;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code epsilon.foreign.optimize.Optimized} against the three ways it chooses between, at 16 B to 64 KiB, for
 * {@code strlen}, {@code memcpy}, {@code memset} and {@code memcmp}: the raw non-critical Panama handle
 * ({@code raw*}, each function's baseline), inline's critical and checked {@code Libc} ({@code inline*}) and Java's
 * own ({@code java*}: {@code MemorySegment.copy}, {@code fill}, {@code mismatch}, and for {@code strlen} a search
 * eight bytes at a time). The {@code *Heap} rows do the same on Java arrays, where C is reached by a handle
 * critical with heap access ({@code critical*Heap}). The crossover constants of {@code Optimized} are read from
 * where the {@code inline*} and {@code java*} rows cross. {@code *MallocFree} sets a malloc + free pair of each
 * kind against a confined arena's allocate + close.
 *
 * <p>The text for {@code strlen} is {@code size} bytes with its NUL last; {@code memcmp} compares equal buffers, so
 * every byte is read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class OptimizedFunctionsBenchmark {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor COPY = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor SET = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor COMPARE = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor LENGTH = FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    private static final MethodHandle MEMCPY = LINKER.downcallHandle(RawPanama.libc("memcpy"), COPY);
    private static final MethodHandle MEMSET = LINKER.downcallHandle(RawPanama.libc("memset"), SET);
    private static final MethodHandle MEMCMP = LINKER.downcallHandle(RawPanama.libc("memcmp"), COMPARE);
    private static final MethodHandle MALLOC = LINKER.downcallHandle(RawPanama.libc("malloc"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(RawPanama.libc("free"),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle MEMMOVE_HEAP = InlineFunction.define("memmove", COPY,
            InlineFunction.LEAF_WITH_HEAP_ACCESS).handle();
    private static final MethodHandle MEMSET_HEAP = InlineFunction.define("memset", SET,
            InlineFunction.LEAF_WITH_HEAP_ACCESS).handle();
    private static final MethodHandle MEMCMP_HEAP = InlineFunction.define("memcmp", COMPARE,
            InlineFunction.LEAF_WITH_HEAP_ACCESS).handle();
    private static final MethodHandle STRNLEN_HEAP = InlineFunction.define("strnlen", LENGTH,
            InlineFunction.LEAF_WITH_HEAP_ACCESS).handle();
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Param({"16", "64", "256", "1024", "4096", "65536"})
    public int size;

    private Arena arena;
    private MemorySegment source;
    private MemorySegment target;
    private MemorySegment text;
    private MemorySegment sourceHeap;
    private MemorySegment targetHeap;
    private MemorySegment textHeap;

    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofConfined();
        source = arena.allocate(size, 16);
        target = arena.allocate(size, 16);
        source.fill((byte) 7);
        target.fill((byte) 7);
        text = arena.allocate(size);
        text.fill((byte) 'a');
        text.set(ValueLayout.JAVA_BYTE, size - 1, (byte) 0);
        sourceHeap = MemorySegment.ofArray(new byte[size]);
        targetHeap = MemorySegment.ofArray(new byte[size]);
        sourceHeap.fill((byte) 7);
        targetHeap.fill((byte) 7);
        textHeap = MemorySegment.ofArray(new byte[size]);
        textHeap.fill((byte) 'a');
        textHeap.set(ValueLayout.JAVA_BYTE, size - 1, (byte) 0);
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    /** Pure Java strlen, the same search {@code Optimized} runs on its Java path, over the whole segment. */
    private static long javaStrlen(MemorySegment s) {
        long limit = s.byteSize();
        long i = 0;
        for (; i <= limit - Long.BYTES; i += Long.BYTES) {
            long v = s.get(WORD, i);
            long zeros = (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (s.get(ValueLayout.JAVA_BYTE, i) == 0) {
                return i;
            }
        }
        return -1;
    }

    // ---- strlen ----------------------------------------------------------------------------------------

    @Benchmark
    public long rawStrlen() throws Throwable {
        return (long) RawPanama.STRLEN.invokeExact(text);
    }

    @Benchmark
    public long inlineStrlen() {
        return Libc.strlen(text);
    }

    @Benchmark
    public long javaStrlen() {
        return javaStrlen(text);
    }

    @Benchmark
    public long optimizedStrlen() {
        return Optimized.strlenOptimized(text);
    }

    @Benchmark
    public long javaStrlenHeap() {
        return javaStrlen(textHeap);
    }

    @Benchmark
    public long criticalStrlenHeap() throws Throwable {
        return (long) STRNLEN_HEAP.invokeExact(textHeap, (long) size);
    }

    @Benchmark
    public long optimizedStrlenHeap() {
        return Optimized.strlenOptimized(textHeap);
    }

    // ---- memcpy ----------------------------------------------------------------------------------------

    @Benchmark
    public MemorySegment rawMemcpy() throws Throwable {
        return (MemorySegment) MEMCPY.invokeExact(target, source, (long) size);
    }

    @Benchmark
    public MemorySegment inlineMemcpy() {
        return Libc.memcpy(target, source, size);
    }

    @Benchmark
    public MemorySegment javaMemcpy() {
        MemorySegment.copy(source, 0, target, 0, size);
        return target;
    }

    @Benchmark
    public MemorySegment optimizedMemcpy() {
        return Optimized.memcpyOptimized(target, source, size);
    }

    @Benchmark
    public MemorySegment javaMemcpyHeap() {
        MemorySegment.copy(sourceHeap, 0, targetHeap, 0, size);
        return targetHeap;
    }

    @Benchmark
    public MemorySegment criticalMemcpyHeap() throws Throwable {
        return (MemorySegment) MEMMOVE_HEAP.invokeExact(targetHeap, sourceHeap, (long) size);
    }

    @Benchmark
    public MemorySegment optimizedMemcpyHeap() {
        return Optimized.memcpyOptimized(targetHeap, sourceHeap, size);
    }

    // ---- memset ----------------------------------------------------------------------------------------

    @Benchmark
    public MemorySegment rawMemset() throws Throwable {
        return (MemorySegment) MEMSET.invokeExact(target, 7, (long) size);
    }

    @Benchmark
    public MemorySegment inlineMemset() {
        return Libc.memset(target, 7, size);
    }

    @Benchmark
    public MemorySegment javaMemset() {
        return target.fill((byte) 7);
    }

    @Benchmark
    public MemorySegment optimizedMemset() {
        return Optimized.memsetOptimized(target, 7, size);
    }

    @Benchmark
    public MemorySegment javaMemsetHeap() {
        return targetHeap.fill((byte) 7);
    }

    @Benchmark
    public MemorySegment criticalMemsetHeap() throws Throwable {
        return (MemorySegment) MEMSET_HEAP.invokeExact(targetHeap, 7, (long) size);
    }

    @Benchmark
    public MemorySegment optimizedMemsetHeap() {
        return Optimized.memsetOptimized(targetHeap, 7, size);
    }

    // ---- memcmp ----------------------------------------------------------------------------------------

    @Benchmark
    public int rawMemcmp() throws Throwable {
        return (int) MEMCMP.invokeExact(target, source, (long) size);
    }

    @Benchmark
    public int inlineMemcmp() {
        return Libc.memcmp(target, source, size);
    }

    @Benchmark
    public long javaMemcmp() {
        return MemorySegment.mismatch(target, 0, size, source, 0, size);
    }

    @Benchmark
    public int optimizedMemcmp() {
        return Optimized.memcmpOptimized(target, source, size);
    }

    @Benchmark
    public long javaMemcmpHeap() {
        return MemorySegment.mismatch(targetHeap, 0, size, sourceHeap, 0, size);
    }

    @Benchmark
    public int criticalMemcmpHeap() throws Throwable {
        return (int) MEMCMP_HEAP.invokeExact(targetHeap, sourceHeap, (long) size);
    }

    @Benchmark
    public int optimizedMemcmpHeap() {
        return Optimized.memcmpOptimized(targetHeap, sourceHeap, size);
    }

    // ---- malloc + free ---------------------------------------------------------------------------------

    @Benchmark
    public long rawMallocFree() throws Throwable {
        MemorySegment block = (MemorySegment) MALLOC.invokeExact((long) size);
        FREE.invokeExact(block);
        return block.address();
    }

    @Benchmark
    public long optimizedMallocFree() {
        MemorySegment block = Optimized.mallocOptimized(size);
        Optimized.freeOptimized(block);
        return block.address();
    }

    @Benchmark
    public long arenaMallocFree() {
        try (Arena confined = Arena.ofConfined()) {
            return confined.allocate(size).address();
        }
    }
}
