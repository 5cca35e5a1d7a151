package epsilon.benchmarks;

import epsilon.foreign.inline.Libc;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code epsilon.foreign.inline.Libc} (critical, checked) against the raw non-critical handle ({@code raw*}, the
 * baseline of each function) and, for the memory functions, against Java's own {@code MemorySegment.copy},
 * {@code fill} and {@code mismatch} ({@code java*}), at several sizes. The scalar functions ({@code labs},
 * {@code getpid}) are measured in their own benchmarks as {@code inlineLibc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class InlineBenchmark {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MEMCPY = LINKER.downcallHandle(RawPanama.libc("memcpy"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle MEMSET = LINKER.downcallHandle(RawPanama.libc("memset"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle MEMCMP = LINKER.downcallHandle(RawPanama.libc("memcmp"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    @Param({"16", "256", "4096", "65536"})
    public int size;

    private Arena arena;
    private MemorySegment source;
    private MemorySegment target;
    private MemorySegment text;

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
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

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
    public int rawMemcmp() throws Throwable {
        return (int) MEMCMP.invokeExact(target, source, (long) size);
    }

    @Benchmark
    public int inlineMemcmp() {
        return Libc.memcmp(target, source, size);
    }

    @Benchmark
    public long javaMemcmp() {
        return source.mismatch(target);
    }

    @Benchmark
    public long rawStrlen() throws Throwable {
        return (long) RawPanama.STRLEN.invokeExact(text);
    }

    @Benchmark
    public long inlineStrlen() {
        return Libc.strlen(text);
    }

}
