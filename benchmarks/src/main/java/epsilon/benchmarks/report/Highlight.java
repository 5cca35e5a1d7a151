package epsilon.benchmarks.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A row of the report's summary table: one call at each level, as ratios to raw Panama in the same run. The
 * table README quotes comes from these rows and nowhere else.
 *
 * @param call    how the row reads
 * @param group   the benchmark group that measures it
 * @param methods per level of {@link #LEVELS}, the benchmark method, or null where the level does not apply
 */
record Highlight(String call, String group, List<String> methods) {

    /** The columns: Epsilon's levels, then the peers. */
    static final List<String> LEVELS = List.of("sharedCall", "ForeignFunction", "bound interface", "inline",
            "JNA direct", "JNR-FFI");

    static final List<Highlight> ALL = List.of(
            of("`labs(long)`", "LabsBenchmark",
                    "epsilonSharedCall", "epsilonForeignFunction", "epsilonBound", "inlineLibc", "jnaDirect", "jnrFfi"),
            of("`strlen(segment)`", "StrlenBenchmark", "epsilonSharedCallSegment", "epsilonForeignFunctionSegment",
                    "epsilonBoundSegment", "inlineLibc", "jnaDirectSegment", "jnrFfiSegment"),
            of("`strlen(String)` (vs raw segment call)", "StrlenBenchmark", "epsilonSharedCallString",
                    "epsilonForeignFunctionString", "epsilonBoundString", null, "jnaDirectString", "jnrFfiString"),
            of("`getpid()` (a system call)", "GetpidBenchmark",
                    "epsilonSharedCall", "epsilonForeignFunction", "epsilonBound", "inlineLibc", "jnaDirect", "jnrFfi"),
            of("qsort of 1000 ints, Java comparator", "QsortCallbackBenchmark",
                    null, null, "epsilonTyped", null, "jnaCallback", null),
            of("struct field write+read", "StructBenchmark",
                    null, null, "epsilonAccessor", null, "jnaStructure", null));

    private static Highlight of(String call, String group, String... methods) {
        if (methods.length != LEVELS.size()) {
            throw new IllegalArgumentException(call + ": " + methods.length + " methods for " + LEVELS.size()
                    + " levels");
        }
        return new Highlight(call, group, Collections.unmodifiableList(Arrays.asList(methods)));
    }
}
