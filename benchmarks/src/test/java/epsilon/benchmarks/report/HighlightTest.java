package epsilon.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

class HighlightTest {
    /** A renamed benchmark method would otherwise make the summary refuse every full run. */
    @Test
    void shouldNameOnlyBenchmarkMethodsThatExist() throws Exception {
        for (Highlight highlight : Highlight.ALL) {
            Class<?> type = Class.forName("epsilon.benchmarks." + highlight.group(), false,
                    HighlightTest.class.getClassLoader());
            for (String method : highlight.methods()) {
                if (method != null) {
                    assertTrue(type.getMethod(method).isAnnotationPresent(Benchmark.class),
                            highlight.group() + "." + method + " is not a @Benchmark method");
                }
            }
        }
    }
}
