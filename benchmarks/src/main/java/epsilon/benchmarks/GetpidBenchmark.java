package epsilon.benchmarks;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.marshalling.CType;
import java.util.List;
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

/** {@code pid_t getpid(void)}: no arguments, so it measures pure call overhead at every level. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class GetpidBenchmark {
    public interface Libc {
        int getpid();
    }

    private static final ForeignFunction GETPID = Foreign.defshared("int getpid(void)", "c");
    private static final Libc BOUND = Foreign.bind(Libc.class, "c");

    @Benchmark
    public int panamaRaw() throws Throwable {
        return (int) RawPanama.GETPID.invokeExact();
    }

    @Benchmark
    public int panamaCritical() throws Throwable {
        return (int) RawPanama.GETPID_CRITICAL.invokeExact();
    }

    /** Level 3: epsilon.foreign.inline's static-final critical handle. */
    @Benchmark
    public int inlineLibc() {
        return epsilon.foreign.inline.Libc.getpid();
    }

    @Benchmark
    public Object level0InvokeWithArguments() throws Throwable {
        return RawPanama.GETPID.invokeWithArguments();
    }

    @Benchmark
    public Object epsilonSharedCall() {
        return Foreign.sharedCall("getpid", "c", CType.INT, List.of());
    }

    @Benchmark
    public Object epsilonSharedCallFast() {
        return Foreign.sharedCallFast("getpid", "c", CType.INT, List.of());
    }

    @Benchmark
    public Object epsilonForeignFunction() {
        return GETPID.invoke();
    }

    /** The same call with the result unboxed: a pid above 127 is not in the Integer cache, so invoke boxes it. */
    @Benchmark
    public int epsilonForeignFunctionInt() {
        return GETPID.invokeInt();
    }

    @Benchmark
    public int epsilonBound() {
        return BOUND.getpid();
    }

    @Benchmark
    public int jnaInterface() {
        return Peers.JNA.getpid();
    }

    @Benchmark
    public int jnaDirect() {
        return Peers.JnaDirect.getpid();
    }

    @Benchmark
    public int jnrFfi() {
        return Peers.JNR.getpid();
    }
}
