package epsilon.benchmarks;

import epsilon.foreign.CFunction;
import epsilon.foreign.Foreign;
import epsilon.foreign.NativeType;
import epsilon.foreign.optimize.NativeLibrary;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A compile-time binding (level 2 written by javac: {@code @NativeLibrary}, the generated
 * {@code GeneratedBindingBenchmark_LibcNative}) against raw Panama, with {@code Foreign.bind}'s hidden class of the
 * same interface beside it. Targets: generated / raw at most 1.0 (1.02 is noise) for {@code labs} and
 * {@code strlen(MemorySegment)}; {@code strlen(String)} at most 2 times the raw segment call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class GeneratedBindingBenchmark {

    /** The functions as a user declares them, bound both at compile time and by Foreign.bind. */
    @NativeLibrary("c")
    public interface Libc {
        long labs(long value);

        @NativeType("size_t")
        long strlen(@NativeType("const char *") MemorySegment text);

        @CFunction("strlen")
        @NativeType("size_t")
        long strlenOfString(String text);
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle LABS = LINKER.downcallHandle(LINKER.defaultLookup().find("labs").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle STRLEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strlen").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

    private static final Libc GENERATED = GeneratedBindingBenchmark_LibcNative.bind();
    private static final Libc BOUND = Foreign.bind(Libc.class, "c");

    public long value = -42;
    public String text = "hello, world";
    public MemorySegment segment;
    private Arena arena;

    @Setup(Level.Trial)
    public void setUp() {
        if (!GENERATED.getClass().getSimpleName().endsWith("Native")) {
            throw new IllegalStateException("the generated binding is switched off (-Depsilon.optimize=false)");
        }
        arena = Arena.ofConfined();
        segment = arena.allocateFrom(text);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long rawLabs() throws Throwable {
        return (long) LABS.invokeExact(value);
    }

    @Benchmark
    public long generatedLabs() {
        return GENERATED.labs(value);
    }

    @Benchmark
    public long boundLabs() {
        return BOUND.labs(value);
    }

    @Benchmark
    public long rawStrlenSegment() throws Throwable {
        return (long) STRLEN.invokeExact(segment);
    }

    @Benchmark
    public long generatedStrlenSegment() {
        return GENERATED.strlen(segment);
    }

    @Benchmark
    public long boundStrlenSegment() {
        return BOUND.strlen(segment);
    }

    @Benchmark
    public long generatedStrlenString() {
        return GENERATED.strlenOfString(text);
    }

    @Benchmark
    public long boundStrlenString() {
        return BOUND.strlenOfString(text);
    }
}
