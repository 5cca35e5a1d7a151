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

/**
 * {@code long labs(long)} at every level: raw Panama (the baseline, {@code panamaRaw}), Panama critical, the
 * level-0 {@code invokeWithArguments} path, each Epsilon level, JNA (interface and direct) and JNR-FFI.
 * Method names are the report's row names: {@code panama*}, {@code level0*}, {@code epsilon*}, {@code jna*},
 * {@code jnr*}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class LabsBenchmark {
    public interface Libc {
        long labs(long value);
    }

    private static final List<CType> LONG_ARGUMENT = List.of(CType.LONG);
    private static final ForeignFunction LABS = Foreign.defshared("long labs(long j)", "c");
    private static final Libc BOUND = Foreign.bind(Libc.class, "c");

    /** Non-final, so the JIT cannot fold the argument. */
    public long value = -42;

    @Benchmark
    public long panamaRaw() throws Throwable {
        return (long) RawPanama.LABS.invokeExact(value);
    }

    @Benchmark
    public long panamaCritical() throws Throwable {
        return (long) RawPanama.LABS_CRITICAL.invokeExact(value);
    }

    /** Level 3: epsilon.foreign.inline's static-final critical handle. */
    @Benchmark
    public long inlineLibc() {
        return epsilon.foreign.inline.Libc.labs(value);
    }

    @Benchmark
    public Object level0InvokeWithArguments() throws Throwable {
        return RawPanama.LABS.invokeWithArguments(value);
    }

    @Benchmark
    public Object epsilonSharedCall() {
        return Foreign.sharedCall("labs", "c", CType.LONG, LONG_ARGUMENT, value);
    }

    @Benchmark
    public Object epsilonSharedCallFast() {
        return Foreign.sharedCallFast("labs", "c", CType.LONG, LONG_ARGUMENT, value);
    }

    @Benchmark
    public Object epsilonForeignFunction() {
        return LABS.invoke(value);
    }

    @Benchmark
    public long epsilonBound() {
        return BOUND.labs(value);
    }

    @Benchmark
    public long jnaInterface() {
        return Peers.JNA.labs(value);
    }

    @Benchmark
    public long jnaDirect() {
        return Peers.JnaDirect.labs(value);
    }

    @Benchmark
    public long jnrFfi() {
        return Peers.JNR.labs(value);
    }
}
