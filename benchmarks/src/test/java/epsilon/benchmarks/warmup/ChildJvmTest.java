package epsilon.benchmarks.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The children the first-call benchmark and the warm-up curves start, run for real (no timing is asserted). */
class ChildJvmTest {
    @Test
    void shouldCallEachLevelOnceInAFreshJvm() throws IOException, InterruptedException {
        for (String level : List.of("panamaRaw", "epsilonCall")) {
            assertTrue(ChildJvm.firstCall(level, List.of()) > 0, level);
        }
    }

    @Test
    void shouldReturnOneFigurePerSlice() throws IOException, InterruptedException {
        List<Double> curve = ChildJvm.curve("epsilonBound", List.of(), 0.3, 100);
        assertEquals(3, curve.size());
        assertTrue(curve.stream().allMatch(ns -> ns > 0), curve.toString());
    }

    @Test
    void shouldSayWhatAChildThatFailedPrinted() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChildJvm.firstCall("epsilonFast", List.of()));
        assertEquals("the first call of epsilonFast with [] printed 'null' and exited with 1; expected 'first"
                + " epsilonFast 7 <nanos>'", e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownLevel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabsCall.forLevel("fast"));
        assertEquals("unknown level 'fast'; levels: " + LabsCall.LEVELS, e.getMessage());
    }

    @Test
    void shouldCallEveryLevelInThisJvm() {
        for (String level : LabsCall.LEVELS) {
            assertEquals(7, LabsCall.forLevel(level).labs(-7), level);
        }
    }
}
