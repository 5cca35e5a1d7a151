package epsilon.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * One entry of a JMH JSON result file ({@code -rf json}): the fields the report reads, as JMH names them. Fields
 * a file lacks are null (or 0); fields the report does not need are ignored.
 *
 * @param jmhVersion            the JMH that ran it
 * @param benchmark             the fully qualified method, e.g. {@code epsilon.benchmarks.LabsBenchmark.panamaRaw}
 * @param mode                  e.g. {@code avgt}
 * @param threads               threads per fork
 * @param forks                 forks run
 * @param jvm                   the {@code java} executable the forks ran on
 * @param jdkVersion            e.g. {@code 25.0.3}
 * @param vmName                e.g. {@code OpenJDK 64-Bit Server VM}
 * @param vmVersion             e.g. {@code 25.0.3+9-LTS}
 * @param warmupIterations      warm-up iterations per fork
 * @param warmupTime            the length of one, e.g. {@code 1 s}
 * @param measurementIterations measured iterations per fork
 * @param measurementTime       the length of one
 * @param params                the {@code @Param} values, or null
 * @param primaryMetric         the score
 * @param secondaryMetrics      the profilers' metrics by name (with {@code -prof gc}: {@code gc.alloc.rate.norm}, bytes
 *                              allocated per operation), or null
 */
record JmhResult(String jmhVersion, String benchmark, String mode, int threads, int forks, String jvm,
                 String jdkVersion, String vmName, String vmVersion, int warmupIterations, String warmupTime,
                 int measurementIterations, String measurementTime, Map<String, String> params,
                 Metric primaryMetric, Map<String, Metric> secondaryMetrics) {

    /** JMH's gc profiler's bytes allocated per operation. */
    static final String ALLOCATED_BYTES = "gc.alloc.rate.norm";

    /**
     * A metric of one benchmark.
     *
     * @param score      the mean over every measured iteration
     * @param scoreError the 99.9% confidence half-width (JMH writes "NaN" when there are too few samples)
     * @param scoreUnit  e.g. {@code ns/op}
     * @param rawData    per fork, the score of each measured iteration
     */
    record Metric(double score, double scoreError, String scoreUnit, List<List<Double>> rawData) {}
}
