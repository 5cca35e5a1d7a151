package epsilon.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ratios, targets and the JNR-FFI comparison for measurements grouped by benchmark class and parameters.
 *
 * <p>Naming convention the report relies on: a group's baseline is its method {@code panamaRaw}; a class that
 * measures several functions instead names one baseline per function {@code raw<Function>...}, and each method
 * is compared with the {@code raw*} method sharing the most leading words with it ({@code boundLabs} with
 * {@code rawLabs}). Epsilon rows start with {@code epsilon} (level 0 with {@code level0}), JNR-FFI rows with
 * {@code jnr}; an Epsilon row is compared with the JNR-FFI row of the same suffix ({@code ...String},
 * {@code ...Segment} or none).
 */
final class Analysis {
    private Analysis() {}

    static Map<String, List<Row>> analyse(List<Measurement> measurements) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            groups.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
        }
        Map<String, List<Row>> out = new LinkedHashMap<>();
        groups.forEach((group, members) -> {
            List<Row> rows = new ArrayList<>();
            for (Measurement m : members) {
                Measurement baseline = baselineOf(m, members);
                double ratio = baseline == null ? Double.NaN : m.median() / baseline.median();
                Optional<Target> target = Target.forRow(group, m.method());
                double targetRatio = target.map(t -> t.versus() == null ? ratio : members.stream()
                        .filter(other -> other.method().equals(t.versus())).findFirst()
                        .map(other -> m.median() / other.median()).orElse(Double.NaN)).orElse(ratio);
                rows.add(new Row(m, baseline == null ? null : baseline.method(), ratio, target, Optional.empty(),
                        targetRatio));
            }
            out.put(group, withJnrVerdicts(rows));
        });
        return out;
    }

    static Measurement baselineOf(Measurement m, List<Measurement> members) {
        for (Measurement candidate : members) {
            if (candidate.method().equals("panamaRaw")) {
                return candidate;
            }
        }
        Measurement best = null;
        int bestShared = 0;
        List<String> words = words(m.method());
        for (Measurement candidate : members) {
            if (!candidate.method().startsWith("raw")) {
                continue;
            }
            List<String> theirs = words(candidate.method());
            int shared = 0;
            while (shared < Math.min(words.size(), theirs.size()) && words.get(shared).equals(theirs.get(shared))) {
                shared++;
            }
            if (shared > bestShared || (shared == bestShared && best != null
                    && candidate.method().length() < best.method().length())) {
                best = candidate;
                bestShared = shared;
            }
        }
        return bestShared > 0 ? best : null;
    }

    /** {@code boundStrlenString} -> [Strlen, String]: the words after the leading lower-case one. */
    static List<String> words(String method) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < method.length(); i++) {
            if (Character.isUpperCase(method.charAt(i))) {
                if (start >= 0) {
                    words.add(method.substring(start, i));
                }
                start = i;
            }
        }
        if (start >= 0) {
            words.add(method.substring(start));
        }
        return words;
    }

    private static List<Row> withJnrVerdicts(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            String method = row.measurement().method();
            Optional<Boolean> verdict = Optional.empty();
            if (method.startsWith("epsilon") && !Double.isNaN(row.ratio())) {
                String suffix = method.endsWith("String") ? "String" : method.endsWith("Segment") ? "Segment" : "";
                verdict = rows.stream()
                        .filter(r -> r.measurement().method().startsWith("jnr")
                                && r.measurement().method().endsWith(suffix)
                                && (suffix.isEmpty() ? !r.measurement().method().endsWith("String")
                                    && !r.measurement().method().endsWith("Segment") : true))
                        .findFirst()
                        .map(jnr -> row.ratio() < jnr.ratio());
            }
            out.add(new Row(row.measurement(), row.baseline(), row.ratio(), row.target(), verdict, row.targetRatio()));
        }
        return out;
    }
}
