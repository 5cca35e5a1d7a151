package epsilon.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark method's results with one set of parameters, gathered over every run and fork given to the
 * report: {@code samples} holds one score per fork (the mean of its measurement iterations).
 *
 * @param group     the benchmark class's simple name plus its parameters, e.g. {@code StrlenBenchmark} or
 *                  {@code InlineBenchmark size=256}: ratios compare methods within a group
 * @param method    the benchmark method, e.g. {@code epsilonBound}
 * @param unit      the score unit, e.g. {@code ns/op}
 * @param samples   one score per fork, over every run
 */
record Measurement(String group, String method, String unit, List<Double> samples) {

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

    /** Reads the fork scores of every entry of one JMH JSON result (as written by {@code -rf json}). */
    @SuppressWarnings("unchecked")
    static List<Measurement> fromJmh(String json) {
        List<Measurement> out = new ArrayList<>();
        for (Object entry : (List<Object>) Json.parse(json)) {
            Map<String, Object> result = (Map<String, Object>) entry;
            String benchmark = (String) result.get("benchmark");
            int dot = benchmark.lastIndexOf('.');
            String method = benchmark.substring(dot + 1);
            // The class without its package: the segments from the first capitalised one, so that a nested
            // class reads "MemoryPoolBenchmark.Threaded".
            String[] segments = benchmark.substring(0, dot).split("\\.");
            int first = 0;
            while (first < segments.length - 1 && !Character.isUpperCase(segments[first].charAt(0))) {
                first++;
            }
            String className = String.join(".", java.util.Arrays.copyOfRange(segments, first, segments.length));
            StringBuilder group = new StringBuilder(className);
            Object params = result.get("params");
            if (params instanceof Map<?, ?> map) {
                new TreeMap<>(map).forEach((k, v) -> group.append(' ').append(k).append('=').append(v));
            }
            Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
            List<Double> samples = new ArrayList<>();
            Object raw = metric.get("rawData");
            if (raw instanceof List<?> forks && !forks.isEmpty()) {
                for (Object fork : forks) {
                    samples.add(((List<Double>) fork).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
                }
            } else {
                samples.add((Double) metric.get("score"));
            }
            out.add(new Measurement(group.toString(), method, (String) metric.get("scoreUnit"), samples));
        }
        return out;
    }

    /** Joins the samples of the same (group, method) from several runs. */
    static List<Measurement> merge(List<Measurement> all) {
        Map<String, Measurement> byKey = new java.util.LinkedHashMap<>();
        for (Measurement m : all) {
            byKey.merge(m.group() + "#" + m.method(), m, (a, b) -> {
                List<Double> joined = new ArrayList<>(a.samples());
                joined.addAll(b.samples());
                return new Measurement(a.group(), a.method(), a.unit(), joined);
            });
        }
        return new ArrayList<>(byKey.values());
    }
}
