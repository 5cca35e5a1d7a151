package epsilon.benchmarks.report;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A performance target: rows whose group and method match must have a ratio to the group's baseline at most
 * {@code maxRatio}, or, for a target made with {@link #versus}, a ratio to another row of the same group (the batch
 * targets compare a batch with the separate calls it replaces). The list below is the one place the targets
 * are written down; extend it as benchmarks are added.
 *
 * @param groupPattern  regex on the group (class simple name and parameters)
 * @param methodPattern regex on the method name
 * @param maxRatio      the largest ratio to the baseline (or to the {@code versus} row) that passes
 * @param label         how the target reads in the report
 * @param versus        the method of the same group the ratio is taken to, or null for the group's baseline
 */
record Target(Pattern groupPattern, Pattern methodPattern, double maxRatio, String label, String versus) {

    static Target of(String group, String method, double maxRatio, String label) {
        return new Target(Pattern.compile(group), Pattern.compile(method), maxRatio, label, null);
    }

    /** A target on the ratio of a row to the row {@code reference} of the same group, not to the baseline. */
    static Target versus(String group, String method, String reference, double maxRatio, String label) {
        return new Target(Pattern.compile(group), Pattern.compile(method), maxRatio, label, reference);
    }

    /**
     * The targets of the call benchmarks, as ratios to raw Panama in the same run: issue 13's for the dynamic levels
     * (which replaced issue 3's 4x, 2x and 3x), issue 3's for the others.
     */
    static final List<Target> TARGETS = List.of(
            of("(Labs|Getpid)Benchmark", "epsilonSharedCall", 2.0, "sharedCall <= 2x"),
            of("StrlenBenchmark", "epsilonSharedCallSegment", 2.0, "sharedCall <= 2x"),
            of("(Labs|Getpid)Benchmark", "epsilonSharedCallFast", 1.5, "sharedCallFast <= 1.5x"),
            of("(Labs|Getpid)Benchmark", "epsilonForeignFunction(Int)?", 1.2, "ForeignFunction <= 1.2x"),
            of("StrlenBenchmark", "epsilonForeignFunctionSegment", 1.2, "ForeignFunction <= 1.2x"),
            of("(Labs|Getpid|Strlen)Benchmark", "epsilonBound(Segment)?", 1.1, "bound interface <= 1.1x"),
            of("(Labs|Getpid|Strlen)Benchmark", "panamaCritical", 0.75, "critical <= 0.75x"),
            of("StrlenBenchmark", "epsilon(ForeignFunction|SharedCall)String", 2.5, "String <= 2.5x raw segment"),
            of("StrlenBenchmark", "epsilonBoundString", 3.0, "String <= 3x raw segment"),
            of("BoundInterfaceBenchmark", "boundLabs|boundGetpid|boundStrlenSegment", 1.1, "bound interface <= 1.1x"),
            of("QsortCallbackBenchmark.*", "epsilon.*Typed.*|epsilonCallback", 1.2, "callback <= 1.2x raw upcall"),
            of("StructBenchmark", "epsilonAccessor", 1.1, "view accessor <= 1.1x raw VarHandle"),
            of("(Labs|Getpid|Strlen)Benchmark", "inlineLibc", 0.75, "inline leaf <= 0.75x raw"),
            // Where the call, not the work, dominates; at larger sizes every row tends to the work itself.
            of("InlineBenchmark size=16", "inline.*", 0.75, "inline leaf <= 0.75x raw"),
            of("MemoryPoolBenchmark.*size=256.*", "pool.*", 0.25, "pool 256 B <= 0.25x arena"),
            // Compile-time bindings (issue 14): 1.02 is noise around 1.0.
            of("GeneratedBindingBenchmark", "generatedLabs|generatedStrlenSegment", 1.02, "generated binding <= 1.0x"),
            of("GeneratedBindingBenchmark", "generatedStrlenString", 2.0, "generated String <= 2x raw segment"),
            // Optimized (issue 14 item 6) on native memory. Up to 256 B the native transition is most of a raw
            // Panama call and Optimized skips it (Java's own code, or a critical call), so it must show a clear gain;
            // from 1 KiB the bytes dominate and every way tends to libc's own speed, so the target is never to be
            // slower than raw Panama beyond noise. The *Heap rows (Java arrays, which raw Panama cannot take) and
            // the java*/inline*/critical* rows are reported without a target.
            of("OptimizedFunctionsBenchmark size=(16|64|256)", "optimized(Strlen|Memcpy|Memset|Memcmp)", 0.9,
                    "optimized <= 0.9x raw (call dominates)"),
            of("OptimizedFunctionsBenchmark size=(1024|4096|65536)", "optimized(Strlen|Memcpy|Memset|Memcmp)", 1.05,
                    "optimized <= 1.05x raw (work dominates)"),
            of("OptimizedFunctionsBenchmark.*", "optimizedMallocFree", 1.1, "malloc+free <= 1.1x raw"),
            // Issue 15: a batch of 200 calls against the same calls made one by one, each form against its like
            // (calls named every time; functions resolved once). Ratios to those rows, not to raw Panama.
            versus("BatchBenchmark", "epsilonBatch", "epsilonSharedCall", 0.3, "batch <= 0.3x separate sharedCalls"),
            versus("BatchBenchmark", "epsilonBatchPlan", "epsilonForeignFunction", 0.8,
                    "plan <= 0.8x separate ForeignFunction calls"),
            // Issue 13: from a fresh JVM as a user starts it, launch to the first result, against raw Panama's. The
            // jvm=aotCache group is shown beside it without a target: the cache helps raw Panama most.
            of("FirstCallBenchmark jvm=default", "epsilon.*", 1.3, "first call <= 1.3x raw Panama's"),
            // Issue 13: the ratio is the slice ending after 1 s of calls over the level's own steady state
            // (WarmupSection), not a ratio to raw Panama.
            of(WarmupSection.GROUP, "epsilon.*", 1.5, "after 1 s <= 1.5x own steady state"));

    static Optional<Target> forRow(String group, String method) {
        return TARGETS.stream()
                .filter(t -> t.groupPattern().matcher(group).matches() && t.methodPattern().matcher(method).matches())
                .findFirst();
    }
}
