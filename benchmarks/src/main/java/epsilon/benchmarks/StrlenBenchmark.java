package epsilon.benchmarks;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.NativeType;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code size_t strlen(const char *)} from a native segment ({@code ...Segment}) and from a Java {@code String}
 * ({@code ...String}: the string is encoded to native memory on every call). The baseline {@code panamaRaw} is
 * the raw call on a segment, so the String rows show the whole cost of passing Java text to C.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StrlenBenchmark {
    public interface Libc {
        @NativeType("size_t")
        long strlen(String text);
    }

    public interface LibcSegments {
        @NativeType("size_t")
        long strlen(MemorySegment text);
    }

    private static final List<CType> STRING_ARGUMENT = List.of(CType.STRING);
    private static final ForeignFunction STRLEN = Foreign.defshared("size_t strlen(const char *s)", "c");
    private static final Libc BOUND = Foreign.bind(Libc.class, "c");
    private static final LibcSegments BOUND_SEGMENTS = Foreign.bind(LibcSegments.class, "c");

    public String text = "hello, native world";
    public MemorySegment segment;
    private MemorySegment stringBuffer;
    public com.sun.jna.Memory jnaMemory;
    public jnr.ffi.Pointer jnrMemory;
    private Arena arena;

    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofConfined();
        segment = arena.allocateFrom(text);
        stringBuffer = arena.allocate(256);
        jnaMemory = new com.sun.jna.Memory(text.length() + 1);
        jnaMemory.setString(0, text);
        jnrMemory = jnr.ffi.Memory.allocateDirect(jnr.ffi.Runtime.getRuntime(Peers.JNR), text.length() + 1);
        jnrMemory.putString(0, text, text.length() + 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
        jnaMemory.close();
    }

    @Benchmark
    public long panamaRaw() throws Throwable {
        return (long) RawPanama.STRLEN.invokeExact(segment);
    }

    @Benchmark
    public long panamaCritical() throws Throwable {
        return (long) RawPanama.STRLEN_CRITICAL.invokeExact(segment);
    }

    /** What a raw Panama user writes for a String: a confined arena per call. */
    @Benchmark
    public long panamaRawString() throws Throwable {
        try (Arena call = Arena.ofConfined()) {
            return (long) RawPanama.STRLEN.invokeExact(call.allocateFrom(text));
        }
    }

    /**
     * The floor of any String path through the JDK's own string writer: raw Panama with a buffer kept for reuse,
     * {@code MemorySegment.setString} into it, then the call; no arena, no checks, nothing a library must do.
     */
    @Benchmark
    public long panamaRawStringInBuffer() throws Throwable {
        stringBuffer.setString(0, text);
        return (long) RawPanama.STRLEN.invokeExact(stringBuffer);
    }

    /**
     * {@link #panamaRawStringInBuffer} in a JVM whose C2 inlines 25 calls deep instead of 15 ({@code MaxInlineLevel}):
     * the JDK's own string writer nests deeper than C2 inlines by default ({@code -XX:+PrintInlining} shows
     * {@code Unsafe::copyMemory failed to inline: inlining too deep} under {@code setString}), and this row shows
     * what that depth costs. Evidence for the String rows' floor, not a setting Epsilon asks for.
     */
    @Benchmark
    @Fork(jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=25"})
    public long panamaRawStringInBufferInlinedDeeper() throws Throwable {
        stringBuffer.setString(0, text);
        return (long) RawPanama.STRLEN.invokeExact(stringBuffer);
    }

    /**
     * {@link #panamaRawStringInBuffer} plus the one check a library must add to it: a String holding {@code '\0'}
     * is refused (C would see it cut short), found with {@code String.indexOf}, the JDK's vectorized scan. The
     * floor of a String call that never gives a silent wrong answer; the Epsilon rows add their dispatch to it.
     */
    @Benchmark
    public long panamaRawStringInBufferChecked() throws Throwable {
        String s = text;
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string contains a NUL character");
        }
        stringBuffer.setString(0, s);
        return (long) RawPanama.STRLEN.invokeExact(stringBuffer);
    }

    /** Level 3: epsilon.foreign.inline's static-final critical handle. */
    @Benchmark
    public long inlineLibc() {
        return epsilon.foreign.inline.Libc.strlen(segment);
    }

    @Benchmark
    public Object level0InvokeWithArguments() throws Throwable {
        return RawPanama.STRLEN.invokeWithArguments(segment);
    }

    @Benchmark
    public Object epsilonSharedCallString() {
        return Foreign.sharedCall("strlen", "c", CType.SIZE_T, STRING_ARGUMENT, text);
    }

    @Benchmark
    public Object epsilonSharedCallSegment() {
        return Foreign.sharedCall("strlen", "c", CType.SIZE_T, STRING_ARGUMENT, segment);
    }

    @Benchmark
    public Object epsilonForeignFunctionString() {
        return STRLEN.invoke(text);
    }

    @Benchmark
    public Object epsilonForeignFunctionSegment() {
        return STRLEN.invoke(segment);
    }

    @Benchmark
    public long epsilonBoundString() {
        return BOUND.strlen(text);
    }

    @Benchmark
    public long epsilonBoundSegment() {
        return BOUND_SEGMENTS.strlen(segment);
    }

    @Benchmark
    public long jnaInterfaceString() {
        return Peers.JNA.strlen(text);
    }

    @Benchmark
    public long jnaInterfaceSegment() {
        return Peers.JNA.strlen(jnaMemory);
    }

    @Benchmark
    public long jnaDirectString() {
        return Peers.JnaDirect.strlen(text);
    }

    @Benchmark
    public long jnaDirectSegment() {
        return Peers.JnaDirect.strlen(jnaMemory);
    }

    @Benchmark
    public long jnrFfiString() {
        return Peers.JNR.strlen(text);
    }

    @Benchmark
    public long jnrFfiSegment() {
        return Peers.JNR.strlen(jnrMemory);
    }
}
