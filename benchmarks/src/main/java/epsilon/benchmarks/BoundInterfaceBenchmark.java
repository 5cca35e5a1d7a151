package epsilon.benchmarks;

import epsilon.foreign.CFunction;
import epsilon.foreign.Foreign;
import epsilon.foreign.NativeType;
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
 * A bound interface ({@code Foreign.bind}) against raw Panama: the same functions through {@code static final}
 * downcall handles called with {@code invokeExact}. Targets: bound / raw at most 1.1 for {@code labs},
 * {@code getpid} and {@code strlen(MemorySegment)}; {@code strlen(String)} at most 3 times the raw segment call.
 * The {@code proxy*} methods measure the reference {@code java.lang.reflect.Proxy} implementation over the same
 * handles, and {@code rawLabsThroughLibraryArena} what every call would cost if bound methods called through the
 * library arena's address instead of the JVM's own (an acquire and release of the shared arena per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BoundInterfaceBenchmark {

    /** The functions as a user declares them. */
    public interface Libc {
        @NativeType("long")
        long labs(@NativeType("long") long value);

        @NativeType("pid_t")
        int getpid();

        @NativeType("size_t")
        long strlen(@NativeType("const char *") MemorySegment text);

        @CFunction("strlen")
        @NativeType("size_t")
        long strlenOfString(String text);
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle LABS = LINKER.downcallHandle(LINKER.defaultLookup().find("labs").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle LABS_THROUGH_LIBRARY_ARENA = LINKER.downcallHandle(
            Foreign.libOpen("c").function("labs"),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle GETPID = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getpid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle STRLEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strlen").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

    private static final Libc BOUND = bind("generated");
    private static final Libc PROXY = bind("proxy");

    private static Libc bind(String mode) {
        String before = System.getProperty("epsilon.bind.mode");
        System.setProperty("epsilon.bind.mode", mode);
        try {
            return Foreign.bind(Libc.class, "c");
        } finally {
            if (before == null) {
                System.clearProperty("epsilon.bind.mode");
            } else {
                System.setProperty("epsilon.bind.mode", before);
            }
        }
    }

    public long value = -42;
    public String text = "hello, world";
    public MemorySegment segment;
    private Arena arena;

    @Setup(Level.Trial)
    public void setUp() {
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
    public long boundLabs() {
        return BOUND.labs(value);
    }

    @Benchmark
    public long proxyLabs() {
        return PROXY.labs(value);
    }

    @Benchmark
    public long rawLabsThroughLibraryArena() throws Throwable {
        return (long) LABS_THROUGH_LIBRARY_ARENA.invokeExact(value);
    }

    @Benchmark
    public int rawGetpid() throws Throwable {
        return (int) GETPID.invokeExact();
    }

    @Benchmark
    public int boundGetpid() {
        return BOUND.getpid();
    }

    @Benchmark
    public long rawStrlenSegment() throws Throwable {
        return (long) STRLEN.invokeExact(segment);
    }

    @Benchmark
    public long boundStrlenSegment() {
        return BOUND.strlen(segment);
    }

    @Benchmark
    public long proxyStrlenSegment() {
        return PROXY.strlen(segment);
    }

    /** What a raw Panama user writes for a String: a confined arena per call. */
    @Benchmark
    public long rawStrlenStringInArena() throws Throwable {
        try (Arena call = Arena.ofConfined()) {
            return (long) STRLEN.invokeExact(call.allocateFrom(text));
        }
    }

    @Benchmark
    public long boundStrlenString() {
        return BOUND.strlenOfString(text);
    }
}
