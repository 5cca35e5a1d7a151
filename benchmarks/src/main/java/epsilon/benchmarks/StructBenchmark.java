package epsilon.benchmarks;

import com.sun.jna.Structure;
import epsilon.foreign.struct.StructField;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * Writing then reading the second field of a {@code struct timeval}: raw {@code VarHandle} ({@code panamaRaw}),
 * an Epsilon precompiled accessor ({@code epsilonAccessor}, target at most 1.1x), the view by field name
 * ({@code epsilonByName}), and JNA's {@code Structure} as a user writes it (set, write; read, get).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StructBenchmark {
    private static final StructType TIMEVAL = StructType.struct("struct timeval")
            .field("tv_sec", "time_t").field("tv_usec", "suseconds_t").build();
    private static final StructField TV_USEC = StructField.of(TIMEVAL, "tv_usec");
    private static final VarHandle RAW_TV_USEC = MethodHandles.insertCoordinates(
            MemoryLayout.structLayout(ValueLayout.JAVA_LONG.withName("tv_sec"), ValueLayout.JAVA_LONG.withName("tv_usec"))
                    .varHandle(MemoryLayout.PathElement.groupElement("tv_usec")), 1, 0L);

    /** JNA's view of the same struct. */
    public static class JnaTimeval extends Structure {
        public long tv_sec;
        public long tv_usec;

        @Override
        protected java.util.List<String> getFieldOrder() {
            return java.util.List.of("tv_sec", "tv_usec");
        }
    }

    public long value = 123_456;
    private Arena arena;
    private MemorySegment segment;
    private StructView view;
    private JnaTimeval jna;

    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofConfined();
        view = StructView.allocate(TIMEVAL, arena);
        segment = view.segment();
        jna = new JnaTimeval();
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    @Benchmark
    public long panamaRaw() {
        RAW_TV_USEC.set(segment, value);
        return (long) RAW_TV_USEC.get(segment);
    }

    @Benchmark
    public long epsilonAccessor() {
        TV_USEC.setLong(segment, value);
        return TV_USEC.getLong(segment);
    }

    @Benchmark
    public Object epsilonByName() {
        view.set("tv_usec", value);
        return view.get("tv_usec");
    }

    @Benchmark
    public long jnaStructure() {
        jna.tv_usec = value;
        jna.write();
        jna.read();
        return jna.tv_usec;
    }
}
