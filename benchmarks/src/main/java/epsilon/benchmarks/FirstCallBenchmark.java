package epsilon.benchmarks;

import com.sun.jna.Native;
import epsilon.foreign.Foreign;
import epsilon.foreign.optimize.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first call from a fresh JVM: binding (or linking) {@code labs} and calling it once, each fork a new JVM that
 * measures exactly one invocation ({@code SingleShotTime}, no warmup), so class loading, linking and the first
 * interpretation are all in the figure. Rows: raw Panama (look up, link, {@code invokeExact}), the compile-time
 * binding ({@code <Interface>Native.bind()}), {@code Foreign.bind} (plans and writes a hidden class at run time) and
 * JNA's interface mapping. The report's median over forks is the figure; use many forks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
@Fork(value = 10, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FirstCallBenchmark {

    /** labs as a user declares it for both binders. */
    @NativeLibrary("c")
    public interface Labs {
        long labs(long value);
    }

    public long value = -42;

    @Benchmark
    public long panamaRaw() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle labs = linker.downcallHandle(linker.defaultLookup().find("labs").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        return (long) labs.invokeExact(value);
    }

    @Benchmark
    public long epsilonGenerated() {
        return FirstCallBenchmark_LabsNative.bind().labs(value);
    }

    @Benchmark
    public long epsilonBind() {
        return Foreign.bind(Labs.class, "c").labs(value);
    }

    @Benchmark
    public long jnaInterface() {
        return Native.load("c", Peers.JnaLibc.class).labs(value);
    }
}
