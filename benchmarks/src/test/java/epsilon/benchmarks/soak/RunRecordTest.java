package epsilon.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts, on hand-made figures: what passes, what fails, and the words of each failure. */
class RunRecordTest {
    private static final long LIMIT = 16 * 1024;

    private static RunRecord.Level level(long... rssKiB) {
        List<RunRecord.Sample> samples = new java.util.ArrayList<>();
        for (int k = 0; k < rssKiB.length; k++) {
            samples.add(new RunRecord.Sample(k * 1000L, k * 100_000L, rssKiB[k]));
        }
        return new RunRecord.Level("labs", "Foreign.call(\"labs\", long)", 1000L * (rssKiB.length - 1), 0, 0, null,
                samples);
    }

    @Test
    void shouldPassGrowthBelowTheLimitAndFailGrowthThatReachesIt() {
        assertEquals(List.of(), level(100_000, 100_000 + LIMIT + 500, 100_000 + LIMIT - 1).problems(LIMIT));
        assertEquals(List.of("soak labs: RSS grew +16.0 MiB over 2000 calls (limit 16.0 MiB)"),
                level(100_000, 100_000, 100_000 + LIMIT).problems(LIMIT));
    }

    @Test
    void shouldFailOnTheGrowthOverAllLevelsFromTheBaseline() {
        RunRecord.Soak soak = new RunRecord.Soak(10, LIMIT, 90_000, 100_000, List.of(
                level(100_000, 100_000 + LIMIT / 2), level(100_000 + LIMIT / 2, 100_000 + LIMIT)));

        assertEquals(List.of("soak: RSS grew +16.0 MiB from the baseline over all levels (limit 16.0 MiB)"),
                soak.problems());
    }

    @Test
    void shouldFailOnAWrongResultAndNameTheFirst() {
        RunRecord.Level level = new RunRecord.Level("div", "div", 10, 2, 1, "div(7, 2) returned #<div_t quot=0>",
                level(1, 1).samples());

        assertEquals(List.of("soak div: 2 wrong result(s) and 1 exception(s) in 10 calls; first: div(7, 2) returned"
                + " #<div_t quot=0>"), level.problems(LIMIT));
    }

    @Test
    void shouldTakeTheMedianOfTheIntervalsNanosecondsPerCall() {
        List<RunRecord.Sample> samples = List.of(new RunRecord.Sample(0, 0, 1), new RunRecord.Sample(10, 1000, 1),
                new RunRecord.Sample(20, 1500, 1), new RunRecord.Sample(30, 4500, 1));

        assertEquals(100.0, new RunRecord.Level("x", "x", 30, 0, 0, null, samples).medianNanosPerCall());
    }

    private static RunRecord.Worker worker(String name, long upcalls, long handedOff, long received,
                                           long acquisitions) {
        return new RunRecord.Worker(name, 5, List.of(new RunRecord.OpCount("LOOKUP", 5, 5, 0, 0)), upcalls, 7, 7,
                acquisitions, handedOff, received, List.of());
    }

    private static RunRecord.Stress stress(List<RunRecord.Worker> workers, long upcallsShared, long drained,
                                           RunRecord.Pool pool) {
        return new RunRecord.Stress(1, true, workers, upcallsShared, drained, 3, List.of(), List.of(), pool, 0, 0, 1,
                1);
    }

    @Test
    void shouldPassAStressWhoseCountsAgree() {
        RunRecord.Pool pool = new RunRecord.Pool(30, 20, 10, 0, 30, 0, 4096, 8192);

        assertEquals(List.of(), stress(List.of(worker("a", 40, 3, 2, 10), worker("b", 2, 4, 4, 20)), 42, 1, pool)
                .problems());
    }

    @Test
    void shouldFailAStressThatLostSomething() {
        RunRecord.Pool pool = new RunRecord.Pool(30, 20, 10, 0, 29, 64, 4096, 8192);
        RunRecord.Worker stuck = new RunRecord.Worker("b", 0, List.of(new RunRecord.OpCount("HANDOFF", 3, 1, 0, 1)),
                2, 7, 8, 20, 4, 4, List.of("HANDOFF threw java.lang.IllegalStateException: boom"));

        assertEquals(List.of(
                "stress: b finished no iteration",
                "stress: b HANDOFF: 3 attempted, 1 ok, 0 documented errors, 1 unexpected",
                "stress: b: HANDOFF threw java.lang.IllegalStateException: boom",
                "stress: b: checksums of C 7 and of Java 8 differ",
                "stress: the threads counted 42 comparator calls, the comparator 41",
                "stress: 7 leases handed off, 6 received and 0 drained",
                "stress: pool counted 30 acquisitions and 29 releases; the threads took 30 leases",
                "stress: pool has 64 B still in use after every lease was released"),
                stress(List.of(worker("a", 40, 3, 2, 10), stuck), 41, 0, pool).problems());
    }
}
