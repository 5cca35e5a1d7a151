package epsilon.benchmarks;

import epsilon.foreign.memorypool.Lease;
import epsilon.foreign.memorypool.MemoryPool;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Getting and giving back a block of native memory: the pool's acquire + release against what a Panama user
 * writes without it ({@code panamaRaw}: a confined arena, allocate, close) and against malloc + free through
 * Panama. Each writes one byte so no variant can skip touching its memory. {@link Threaded} runs the same with
 * two threads sharing the pool. Target: 256 B at most 0.25x the arena.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MemoryPoolBenchmark {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(RawPanama.libc("malloc"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(RawPanama.libc("free"),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    @Param({"16", "256", "4096"})
    public long size;

    private MemoryPool pool;

    @Setup(Level.Trial)
    public void createPool() {
        pool = MemoryPool.create("benchmark");
    }

    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }

    @Benchmark
    public byte panamaRaw() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(size);
            segment.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            return segment.get(ValueLayout.JAVA_BYTE, 0);
        }
    }

    @Benchmark
    public byte poolAcquireRelease() {
        try (Lease lease = pool.acquire(size)) {
            MemorySegment segment = lease.segment();
            segment.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            return segment.get(ValueLayout.JAVA_BYTE, 0);
        }
    }

    @Benchmark
    public byte mallocFree() throws Throwable {
        MemorySegment segment = ((MemorySegment) MALLOC.invokeExact(size)).reinterpret(size);
        segment.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        byte value = segment.get(ValueLayout.JAVA_BYTE, 0);
        FREE.invokeExact(segment);
        return value;
    }

    /** The same with two threads sharing one pool (and the C allocator). */
    @Threads(2)
    public static class Threaded extends MemoryPoolBenchmark {
    }
}
