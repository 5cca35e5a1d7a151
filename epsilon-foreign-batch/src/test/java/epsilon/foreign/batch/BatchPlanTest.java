package epsilon.foreign.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CallOption;
import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.Library;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.UnknownLibraryError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Plans: compiled once, replayed with new rows, on one thread, in a pool, and from many threads at once. */
class BatchPlanTest {
    private static final BatchPlan LENGTH_AND_ABS = BatchPlan.builder()
            .call("size_t strlen(const char *s)", "c")
            .call("labs", "c", CType.LONG, List.of(CType.LONG))
            .build();

    @AfterEach
    void noRunMemoryIsLeftOpen() {
        assertEquals(0, Batch.liveRunMemories(), "a run's memory was not freed");
    }

    private static List<Object[]> rows(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {"x".repeat(i % 50), (long) -i});
        }
        return rows;
    }

    @Test
    void shouldReplayRowsInOrderInOneMemory() {
        assertEquals(2, LENGTH_AND_ABS.arity());
        List<BatchResults> results = LENGTH_AND_ABS.runAll(rows(1000), OnError.STOP);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 50, results.get(i).getLong(0));
            assertEquals(i, results.get(i).getLong(1));
        }
    }

    @Test
    void shouldHandEachRowsResultsOverInOrderWithoutKeepingThem() {
        long[] seen = {0, 0};
        LENGTH_AND_ABS.runEach(rows(300), OnError.STOP, r -> {
            assertEquals(seen[0] % 50, r.getLong(0));
            seen[1] += r.getLong(1);
            seen[0]++;
        });
        assertEquals(300, seen[0]);
        assertEquals(299L * 300 / 2, seen[1]);
    }

    @Test
    void shouldRunRowsInParallelWithResultsInRowOrder() {
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            List<BatchResults> results = LENGTH_AND_ABS.runParallel(rows(5000), pool, OnError.STOP);
            for (int i = 0; i < 5000; i++) {
                assertEquals(i % 50, results.get(i).getLong(0));
                assertEquals(i, results.get(i).getLong(1));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldServeManyThreadsWithOnePlan() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                sums.add(threads.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 2000; i++) {
                        BatchResults r = LENGTH_AND_ABS.run("y".repeat((i + seed) % 30), (long) -seed);
                        sum += r.getLong(0) + r.getLong(1);
                    }
                    return sum;
                }));
            }
            for (int t = 0; t < 4; t++) {
                long expected = 0;
                for (int i = 0; i < 2000; i++) {
                    expected += (i + t) % 30 + t;
                }
                assertEquals(expected, sums.get(t).get());
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void shouldNameTheRowAndCallThatFailedInAReplay() {
        List<Object[]> rows = rows(10);
        rows.set(6, new Object[] {"fine", "not a long"});
        BatchError e = assertThrows(BatchError.class, () -> LENGTH_AND_ABS.runAll(rows, OnError.STOP));
        assertEquals(6, e.row());
        assertEquals(1, e.index());
        assertTrue(e.getMessage().startsWith("call 1 of 2 of row 6 (labs) failed: "), e.getMessage());
        List<BatchResults> kept = LENGTH_AND_ABS.runAll(rows, OnError.CONTINUE);
        assertEquals(List.of(1), kept.get(6).failed());
        assertEquals(4L, kept.get(6).getLong(0));
        assertEquals(7L, kept.get(7).getLong(1));
    }

    @Test
    void shouldStopAParallelReplayAtAFailureWithoutLeaking() {
        List<Object[]> rows = rows(400);
        rows.set(123, new Object[] {null, 1L});
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            BatchError e = assertThrows(BatchError.class, () -> LENGTH_AND_ABS.runParallel(rows, pool, OnError.STOP));
            assertEquals(123, e.row());
            assertInstanceOf(epsilon.foreign.marshalling.ForeignError.class, e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldRefuseARowOfTheWrongLengthNamingThePerCallCounts() {
        ArityError e = assertThrows(ArityError.class, () -> LENGTH_AND_ABS.run("one"));
        assertEquals("the batch takes 2 arguments in all, per call [1, 1], got 1", e.getMessage());
        ArityError inReplay = assertThrows(ArityError.class, () -> LENGTH_AND_ABS.runAll(
                List.of(new Object[] {"a", 1L}, new Object[] {"b"}), OnError.STOP));
        assertTrue(inReplay.getMessage().endsWith("got 1 (row 1)"), inReplay.getMessage());
    }

    @Test
    void shouldRunCriticallyWhenEveryFunctionIsALeaf() {
        ForeignFunction labs = Foreign.defshared("long labs(long j)", "c", CallOption.critical());
        ForeignFunction strlen = Foreign.defshared("size_t strlen(const char *s)", "c", CallOption.critical());
        BatchPlan leaf = BatchPlan.builder().call(labs).call(strlen).build();
        assertTrue(leaf.isCritical());
        assertFalse(LENGTH_AND_ABS.isCritical());
        BatchResults r = leaf.run(-4L, "four");
        assertEquals(4L, r.getLong(0));
        assertEquals(4L, r.getLong(1));
        assertTrue(leaf.toString().endsWith("; critical]"), leaf.toString());
    }

    @Test
    void shouldRefuseVariadicTypesForAFixedArityFunction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.builder().call("long labs(long j)", "c", CType.INT));
        assertEquals("labs is not variadic (long labs(long j)), but 1 variadic types were given", e.getMessage());
    }

    @Test
    void shouldRunAPlanOfMoreStepsThanOneGeneratedMethodHolds() {
        BatchPlan.Builder builder = BatchPlan.builder();
        Object[] row = new Object[250];
        for (int i = 0; i < 250; i++) {
            builder.call("long labs(long j)", "c");
            row[i] = (long) -i;
        }
        BatchPlan big = builder.build();
        BatchResults r = big.run(row);
        assertEquals(249L, r.getLong(249));
        row[201] = "bad";
        BatchError e = assertThrows(BatchError.class, () -> big.run(row));
        assertEquals(201, e.index());
        assertEquals(201, e.completed());
        assertInstanceOf(ArgumentTypeError.class, e.getCause());
    }

    @Test
    void shouldRefuseARunAfterALibraryOfThePlanWasClosed() {
        Library z;
        try {
            z = Foreign.libOpen("z");
        } catch (UnknownLibraryError missing) {
            Assumptions.abort("zlib is not installed: " + missing.getMessage());
            return;
        }
        ForeignFunction bound = Foreign.defshared("unsigned long compressBound(unsigned long n)", "z");
        long expected = (long) bound.invoke(1000L);
        BatchPlan plan = BatchPlan.builder().call(bound).build();
        assertEquals(expected, plan.run(1000L).getLong(0));
        z.close();
        ClosedLibraryError e = assertThrows(ClosedLibraryError.class, () -> plan.run(1000L));
        assertTrue(e.getMessage().contains("which has been closed"), e.getMessage());
    }
}
