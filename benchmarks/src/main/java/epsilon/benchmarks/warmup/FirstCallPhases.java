package epsilon.benchmarks.warmup;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.KnownPrototypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the first call's time goes, phase by phase, through the public API only: in fresh JVMs, each phase is
 * timed and the classes it loaded counted, in the order a program that calls {@code labs} every way meets them (the
 * JDK's own linker first, as raw Panama pays it, so that what follows is Epsilon's own cost). Prints, per phase, the
 * median over the JVMs. A diagnostic for WARMUP.md, not a benchmark the report reads.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar epsilon.benchmarks.warmup.FirstCallPhases [JVMS] [JVM options...]
 * </pre>
 */
public final class FirstCallPhases {
    /** The phases, in the order they run. */
    static final List<String> PHASES = List.of(
            "raw Panama: nativeLinker, defaultLookup, downcallHandle, first invokeExact",
            "CType.LONG (marshalling's type vocabulary and native layouts)",
            "Foreign.libOpen(\"c\") (library naming, candidates, SymbolLookup)",
            "KnownPrototypes.lookup(\"labs\") (the index, and the C front end on a prototype of base types)",
            "CPrototype.parse(\"size_t f(size_t n)\") (the built-in typedefs: builtin-types.h preprocessed and parsed)",
            "Foreign.defshared(\"long labs(long j)\", \"c\") (resolution, dynamic function, trampoline)",
            "ForeignFunction.invoke, first call",
            "Foreign.sharedCall(\"labs\", \"c\", CType.LONG, [LONG]), first call",
            "Foreign.bind(Labs.class, \"c\") and its first call (the interface's generated class)",
            "Foreign.call(\"labs\"), first call");

    private FirstCallPhases() {}

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("--child")) {
            child();
            return;
        }
        int jvms = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> options = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        List<List<double[]>> samples = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            samples.add(runChild(options));
        }
        System.out.printf(Locale.ROOT, "%-110s %9s %8s%n", "phase (median of " + jvms + " fresh JVMs" + (options
                .isEmpty() ? "" : ", " + String.join(" ", options)) + ")", "ms", "classes");
        for (int p = 0; p < PHASES.size(); p++) {
            int phase = p;
            System.out.printf(Locale.ROOT, "%-110s %9.1f %8.0f%n", PHASES.get(p),
                    median(samples.stream().map(s -> s.get(phase)[0]).toList()),
                    median(samples.stream().map(s -> s.get(phase)[1]).toList()));
        }
    }

    private static List<double[]> runChild(List<String> options) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ChildJvm.command(options, FirstCallPhases.class, List.of("--child")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<double[]> phases = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("phase")) {
                    phases.add(new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])});
                }
            }
        }
        if (process.waitFor() != 0 || phases.size() != PHASES.size()) {
            throw new IllegalStateException("a child printed " + phases.size() + " of " + PHASES.size() + " phases");
        }
        return phases;
    }

    /** In the fresh JVM: every phase in order, each printed as {@code phase <ms> <classes loaded>}. */
    private static void child() throws Throwable {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        Map<String, Long> sink = new LinkedHashMap<>();
        Clock clock = new Clock(classes);
        MethodHandle raw = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("labs").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        sink.put("raw", (long) raw.invokeExact(-7L));
        clock.phase();
        sink.put("type", (long) CType.LONG.byteSize());
        clock.phase();
        Foreign.libOpen("c");
        clock.phase();
        sink.put("known", (long) KnownPrototypes.lookup("labs").orElseThrow().arity());
        clock.phase();
        sink.put("builtins", (long) CPrototype.parse("size_t f(size_t n)").arity());
        clock.phase();
        ForeignFunction labs = Foreign.defshared("long labs(long j)", "c");
        clock.phase();
        sink.put("invoke", (long) labs.invoke(-7L));
        clock.phase();
        sink.put("sharedCall", (long) Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), -7L));
        clock.phase();
        sink.put("bind", Foreign.bind(LabsCall.Labs.class, "c").labs(-7));
        clock.phase();
        sink.put("call", (long) Foreign.call("labs", -7L));
        clock.phase();
        if (sink.containsValue(null)) {
            throw new AssertionError(sink); // uses every result, so that no phase is dropped as dead code
        }
    }

    /** Times phases and counts the classes each loaded. */
    private static final class Clock {
        private final ClassLoadingMXBean classes;
        private long start = System.nanoTime();
        private long loaded;

        Clock(ClassLoadingMXBean classes) {
            this.classes = classes;
            this.loaded = classes.getTotalLoadedClassCount();
            this.start = System.nanoTime();
        }

        void phase() {
            long now = System.nanoTime();
            long count = classes.getTotalLoadedClassCount();
            System.out.printf(Locale.ROOT, "phase %.3f %d%n", (now - start) / 1e6, count - loaded);
            loaded = classes.getTotalLoadedClassCount();
            start = System.nanoTime();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
