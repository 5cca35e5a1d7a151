package epsilon.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.callback.CallbackFunction;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.callback.Callbacks;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Comparator;
import java.util.Random;
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
 * libc {@code qsort} of 1000 ints calling a Java comparator about 10,000 times per sort: a raw Panama upcall (the
 * baseline, {@code panamaRaw}), an Epsilon typed callback (a {@code Comparator} lambda bound with method handles),
 * an Epsilon dynamic callback ({@code Object[]} per call), and a JNA {@code Callback}. Each sort first refills the
 * array from the same shuffled source, so every variant sorts the same input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class QsortCallbackBenchmark {
    private static final int COUNT = 1000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle QSORT = LINKER.downcallHandle(RawPanama.libc("qsort"),
            FunctionDescriptor.ofVoid(ADDRESS, LINKER.canonicalLayouts().get("size_t"),
                    LINKER.canonicalLayouts().get("size_t"), ADDRESS));

    /** The raw baseline: a static method, an upcall stub over int pointers, nothing in between. */
    private static final MemorySegment RAW_COMPARATOR;

    static {
        try {
            MethodHandle compare = MethodHandles.lookup().findStatic(QsortCallbackBenchmark.class, "compareRaw",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
            RAW_COMPARATOR = LINKER.upcallStub(compare, FunctionDescriptor.of(JAVA_INT,
                    ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT)), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static int compareRaw(MemorySegment a, MemorySegment b) {
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    /** JNA's qsort, mapped through an interface with a {@link com.sun.jna.Callback} parameter. */
    public interface JnaQsort extends Library {
        interface IntComparator extends com.sun.jna.Callback {
            int invoke(Pointer a, Pointer b);
        }

        void qsort(Pointer base, long count, long size, IntComparator comparator);
    }

    private static final JnaQsort JNA = Native.load("c", JnaQsort.class);
    private static final JnaQsort.IntComparator JNA_COMPARATOR = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));

    /** Non-final, so the JIT cannot fold the input. */
    public int[] source;

    private Arena arena;
    private MemorySegment array;
    private Memory jnaArray;
    private Callback typed;
    private Callback dynamic;

    @Setup(Level.Trial)
    public void setUp() {
        source = new Random(42).ints(COUNT).toArray();
        arena = Arena.ofConfined();
        array = arena.allocate(JAVA_INT, COUNT);
        jnaArray = new Memory(4L * COUNT);
        CPrototype ints = ((FunctionPointerType) CType.parse("int (*)(const int *, const int *)")).signature();
        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
        typed = Callbacks.of(Comparator.class, ascending, ints);
        CallbackFunction boxed = args -> Integer.compare(((MemorySegment) args[0]).get(JAVA_INT, 0),
                ((MemorySegment) args[1]).get(JAVA_INT, 0));
        dynamic = Callbacks.create(boxed, ints);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        typed.close();
        dynamic.close();
        arena.close();
    }

    private MemorySegment refill() {
        MemorySegment.copy(source, 0, array, JAVA_INT, 0, COUNT);
        return array;
    }

    @Benchmark
    public MemorySegment panamaRaw() throws Throwable {
        MemorySegment base = refill();
        QSORT.invokeExact(base, (long) COUNT, 4L, RAW_COMPARATOR);
        return base;
    }

    /** The typed path, as core will call it: pass the pointer, rethrow a comparator failure after the call. */
    @Benchmark
    public MemorySegment epsilonTyped() throws Throwable {
        MemorySegment base = refill();
        QSORT.invokeExact(base, (long) COUNT, 4L, typed.pointer());
        CallbackFailures.rethrowIfPending();
        return base;
    }

    /** The dynamic path: an Object[] per comparison. */
    @Benchmark
    public MemorySegment epsilonDynamic() throws Throwable {
        MemorySegment base = refill();
        QSORT.invokeExact(base, (long) COUNT, 4L, dynamic.pointer());
        CallbackFailures.rethrowIfPending();
        return base;
    }

    @Benchmark
    public Memory jnaCallback() {
        jnaArray.write(0, source, 0, COUNT);
        JNA.qsort(jnaArray, COUNT, 4L, JNA_COMPARATOR);
        return jnaArray;
    }
}
