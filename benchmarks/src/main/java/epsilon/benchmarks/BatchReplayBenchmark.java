package epsilon.benchmarks;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.batch.BatchPlan;
import epsilon.foreign.batch.BatchResults;
import epsilon.foreign.batch.OnError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A plan of two calls ({@code strlen(String)}, {@code labs(long)}) replayed over 10^6 rows, one run memory rewound
 * between rows, each row's results handed over as it ends ({@code epsilonPlanReplay}) or all kept
 * ({@code epsilonPlanReplayAll}); against a Java loop making the same calls
 * through two {@code ForeignFunction}s ({@code epsilonForeignFunctionLoop}) and the raw Panama loop
 * ({@code panamaRaw}, one confined arena per row for its string).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class BatchReplayBenchmark {
    static final int ROWS = 1_000_000;
    private static final ForeignFunction STRLEN = Foreign.defshared("size_t strlen(const char *s)", "c");
    private static final ForeignFunction LABS = Foreign.defshared("long labs(long j)", "c");
    private static final BatchPlan PLAN = BatchPlan.builder().call(STRLEN).call(LABS).build();

    public List<Object[]> rows;

    @Setup(Level.Trial)
    public void values() {
        rows = new ArrayList<>(ROWS);
        String[] texts = new String[64];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "row text " + i;
        }
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Object[] {texts[i & 63], (long) -i});
        }
    }

    @Benchmark
    public long panamaRaw() throws Throwable {
        long sum = 0;
        for (Object[] row : rows) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment text = arena.allocateFrom((String) row[0]);
                sum += (long) RawPanama.STRLEN.invokeExact(text);
            }
            sum += (long) RawPanama.LABS.invokeExact((long) (Long) row[1]);
        }
        return sum;
    }

    @Benchmark
    public long epsilonForeignFunctionLoop() {
        long sum = 0;
        for (Object[] row : rows) {
            sum += (long) STRLEN.invoke(row[0]);
            sum += (long) LABS.invoke(row[1]);
        }
        return sum;
    }

    @Benchmark
    public long epsilonPlanReplay() {
        long[] sum = {0};
        PLAN.runEach(rows, OnError.STOP, results -> sum[0] += results.getLong(0) + results.getLong(1));
        return sum[0];
    }

    /** The same replay keeping every row's results until the end, as {@code runAll} returns them. */
    @Benchmark
    public long epsilonPlanReplayAll() {
        long sum = 0;
        for (BatchResults results : PLAN.runAll(rows, OnError.STOP)) {
            sum += results.getLong(0) + results.getLong(1);
        }
        return sum;
    }
}
