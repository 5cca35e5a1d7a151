package epsilon.benchmarks;

import epsilon.benchmarks.warmup.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The first call of {@code labs} from a fresh JVM at each level: every invocation starts a new JVM
 * ({@link epsilon.benchmarks.warmup.FirstCall}) and is timed from the launch to the child's printed result, so the
 * JVM's start, class loading, library and symbol resolution, prototype parsing, class generation and linking are
 * all in it. Single-shot, one invocation per fork and many forks: the report's median is over forks.
 *
 * <p>{@code jvm=default} runs the child as a user would by default; {@code jvm=aotCache} first records a JDK 25 AOT
 * cache ({@code -XX:AOTCacheOutput}, JEP 483/514/515) with one training run of the same level, then runs the child
 * with {@code -XX:AOTCache -XX:AOTMode=on} (which fails rather than run without the cache). Each group's ratios are
 * against raw Panama's first call under the same JVM options.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class FirstCallBenchmark {
    @Param({"default", "aotCache"})
    public String jvm;

    private List<String> options = List.of();
    private Path aotDirectory;

    @Setup
    public void setUp(BenchmarkParams params) throws IOException, InterruptedException {
        if (jvm.equals("aotCache")) {
            String benchmark = params.getBenchmark();
            String level = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            aotDirectory = Files.createTempDirectory("epsilon-first-call-aot");
            Path cache = aotDirectory.resolve(level + ".aot");
            ChildJvm.train(level, cache);
            options = List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on");
        } else if (!jvm.equals("default")) {
            throw new IllegalArgumentException("jvm=" + jvm + ": expected default or aotCache");
        }
        ChildJvm.preloadProcessClasses();
    }

    @TearDown
    public void tearDown() throws IOException {
        if (aotDirectory != null) {
            ChildJvm.deleteTree(aotDirectory);
        }
    }

    @Benchmark
    public long panamaRaw() throws IOException, InterruptedException {
        return ChildJvm.firstCall("panamaRaw", options);
    }

    @Benchmark
    public long inlineLibc() throws IOException, InterruptedException {
        return ChildJvm.firstCall("inlineLibc", options);
    }

    @Benchmark
    public long jnaDirect() throws IOException, InterruptedException {
        return ChildJvm.firstCall("jnaDirect", options);
    }

    @Benchmark
    public long jnaInterface() throws IOException, InterruptedException {
        return ChildJvm.firstCall("jnaInterface", options);
    }

    @Benchmark
    public long jnrFfi() throws IOException, InterruptedException {
        return ChildJvm.firstCall("jnrFfi", options);
    }

    /** {@code Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), v)}. */
    @Benchmark
    public long epsilonSharedCall() throws IOException, InterruptedException {
        return ChildJvm.firstCall("epsilonSharedCall", options);
    }

    @Benchmark
    public long epsilonSharedCallFast() throws IOException, InterruptedException {
        return ChildJvm.firstCall("epsilonSharedCallFast", options);
    }

    /** {@code Foreign.defshared("long labs(long j)", "c").invoke(v)}. */
    @Benchmark
    public long epsilonForeignFunction() throws IOException, InterruptedException {
        return ChildJvm.firstCall("epsilonForeignFunction", options);
    }

    /** {@code Foreign.bind(Labs.class, "c").labs(v)}. */
    @Benchmark
    public long epsilonBound() throws IOException, InterruptedException {
        return ChildJvm.firstCall("epsilonBound", options);
    }

    /** {@code LabsCall_GeneratedLabsNative.bind().labs(v)}: the compile-time binding (level 2). */
    @Benchmark
    public long epsilonGenerated() throws IOException, InterruptedException {
        return ChildJvm.firstCall("epsilonGenerated", options);
    }

    /** {@code Foreign.call("labs", v)}: the types from the known prototype. */
    @Benchmark
    public long epsilonCall() throws IOException, InterruptedException {
        return ChildJvm.firstCall("epsilonCall", options);
    }
}
