package epsilon.benchmarks;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.batch.Batch;
import epsilon.foreign.batch.BatchPlan;
import epsilon.foreign.batch.BatchResults;
import epsilon.foreign.batch.internal.CompiledPlan;
import epsilon.foreign.marshalling.CType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * One batch of 200 calls: 100 {@code strlen(String)} and 100 {@code labs(long)}, interleaved. Every row makes the
 * same 200 calls with the same Java values (the strings are encoded to native memory on every call, in every row):
 * <ul>
 *   <li>{@code panamaRaw}: the baseline, a raw Panama loop that encodes each string into one confined arena;</li>
 *   <li>{@code epsilonSharedCall}: 200 separate {@code Foreign.sharedCall}s;</li>
 *   <li>{@code epsilonForeignFunction}: 200 calls of two resolved {@code ForeignFunction}s;</li>
 *   <li>{@code epsilonBatchPlan}: one run of a compiled plan with the 200 arguments as its row (the generated
 *       class); {@code epsilonBatchPlanInterpreted} the same plan run by the loop over its step handles;</li>
 *   <li>{@code epsilonBatch}: a {@code Batch} built with 200 {@code add}s and run, which finds its plan by shape.</li>
 * </ul>
 * The targets compare the batch with the separate calls: see the report's batch targets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BatchBenchmark {
    static final int PAIRS = 100;
    private static final List<CType> ONE_STRING = List.of(CType.STRING);
    private static final List<CType> ONE_LONG = List.of(CType.LONG);
    private static final ForeignFunction STRLEN = Foreign.defshared("size_t strlen(const char *s)", "c");
    private static final ForeignFunction LABS = Foreign.defshared("long labs(long j)", "c");
    private static final BatchPlan PLAN = plan();
    private static final CompiledPlan INTERPRETED = interpreted();

    public String[] texts;
    public Long[] numbers;
    public Object[] row;

    private static BatchPlan plan() {
        BatchPlan.Builder builder = BatchPlan.builder();
        for (int i = 0; i < PAIRS; i++) {
            builder.call(STRLEN).call(LABS);
        }
        return builder.build();
    }

    /** The same plan run by the reference loop, for the comparison that chose generated code. */
    private static CompiledPlan interpreted() {
        String before = System.getProperty(CompiledPlan.MODE_PROPERTY);
        System.setProperty(CompiledPlan.MODE_PROPERTY, "interpreted");
        try {
            List<ForeignFunction> functions = PLAN.functions();
            return CompiledPlan.compile(functions, functions.stream().map(f -> List.<CType>of()).toList(), false);
        } finally {
            if (before == null) {
                System.clearProperty(CompiledPlan.MODE_PROPERTY);
            } else {
                System.setProperty(CompiledPlan.MODE_PROPERTY, before);
            }
        }
    }

    @Setup(Level.Trial)
    public void values() {
        texts = new String[PAIRS];
        numbers = new Long[PAIRS];
        row = new Object[2 * PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            texts[i] = "hello, native world " + i;
            numbers[i] = (long) -i * 1000;
            row[2 * i] = texts[i];
            row[2 * i + 1] = numbers[i];
        }
    }

    @Benchmark
    public long panamaRaw() throws Throwable {
        long sum = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < PAIRS; i++) {
                MemorySegment text = arena.allocateFrom(texts[i]);
                sum += (long) RawPanama.STRLEN.invokeExact(text);
                sum += (long) RawPanama.LABS.invokeExact((long) numbers[i]);
            }
        }
        return sum;
    }

    @Benchmark
    public long epsilonSharedCall() {
        long sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            sum += (long) Foreign.sharedCall("strlen", "c", CType.SIZE_T, ONE_STRING, texts[i]);
            sum += (long) Foreign.sharedCall("labs", "c", CType.LONG, ONE_LONG, numbers[i]);
        }
        return sum;
    }

    @Benchmark
    public long epsilonForeignFunction() {
        long sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            sum += (long) STRLEN.invoke(texts[i]);
            sum += (long) LABS.invoke(numbers[i]);
        }
        return sum;
    }

    @Benchmark
    public long epsilonBatchPlan() {
        return sum(PLAN.run(row));
    }

    @Benchmark
    public long epsilonBatchPlanInterpreted() {
        return sum(INTERPRETED.run(row, true));
    }

    @Benchmark
    public long epsilonBatch() {
        Batch batch = Batch.create();
        for (int i = 0; i < PAIRS; i++) {
            batch.add("strlen", "c", CType.SIZE_T, ONE_STRING, texts[i]);
            batch.add("labs", "c", CType.LONG, ONE_LONG, numbers[i]);
        }
        return sum(batch.run());
    }

    private static long sum(BatchResults results) {
        long sum = 0;
        for (int i = 0; i < results.size(); i++) {
            sum += results.getLong(i);
        }
        return sum;
    }
}
