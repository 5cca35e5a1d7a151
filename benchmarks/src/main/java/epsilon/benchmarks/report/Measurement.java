package epsilon.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark method's results with one set of parameters in one run: {@code samples} holds one score per fork
 * (the mean of its measured iterations).
 *
 * @param group   the benchmark class's simple name plus its parameters, e.g. {@code StrlenBenchmark} or
 *                {@code InlineBenchmark size=256}: ratios compare methods within a group
 * @param method  the benchmark method, e.g. {@code epsilonBound}
 * @param unit    the score unit, e.g. {@code ns/op}
 * @param samples one score per fork
 */
record Measurement(String group, String method, String unit, List<Double> samples, double bytesPerOp) {

    /** A measurement without the gc profiler's figure. */
    Measurement(String group, String method, String unit, List<Double> samples) {
        this(group, method, unit, samples, Double.NaN);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The fork scores of every entry of one run's JMH results. */
    static List<Measurement> fromJmh(List<JmhResult> results) {
        List<Measurement> out = new ArrayList<>();
        for (JmhResult result : results) {
            JmhResult.Metric allocated = result.secondaryMetrics() == null ? null
                    : result.secondaryMetrics().get(JmhResult.ALLOCATED_BYTES);
            out.add(new Measurement(groupOf(result), methodOf(result.benchmark()), result.primaryMetric().scoreUnit(),
                    forkScores(result.primaryMetric()), allocated == null ? Double.NaN : allocated.score()));
        }
        return out;
    }

    static String methodOf(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * The class without its package (the segments from the first capitalised one, so that a nested class reads
     * {@code MemoryPoolBenchmark.Threaded}), then each parameter as {@code name=value}, sorted by name.
     */
    static String groupOf(JmhResult result) {
        String benchmark = result.benchmark();
        String[] segments = benchmark.substring(0, benchmark.lastIndexOf('.')).split("\\.");
        int first = 0;
        while (first < segments.length - 1 && !Character.isUpperCase(segments[first].charAt(0))) {
            first++;
        }
        StringBuilder group = new StringBuilder(String.join(".", Arrays.copyOfRange(segments, first, segments.length)));
        Map<String, String> params = result.params();
        if (params != null) {
            new TreeMap<>(params).forEach((k, v) -> group.append(' ').append(k).append('=').append(v));
        }
        return group.toString();
    }

    private static List<Double> forkScores(JmhResult.Metric metric) {
        List<Double> samples = new ArrayList<>();
        if (metric.rawData() != null && !metric.rawData().isEmpty()) {
            for (List<Double> fork : metric.rawData()) {
                samples.add(fork.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        } else {
            samples.add(metric.score());
        }
        return samples;
    }
}
