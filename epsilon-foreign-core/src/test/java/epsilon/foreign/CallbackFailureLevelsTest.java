package epsilon.foreign;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.CallbackError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each call level rethrows the failure of the callbacks C called during its own call, and only that: the call
 * after it, at the same level, with a good callback, returns normally. qsort with a comparator that throws.
 */
class CallbackFailureLevelsTest {
    private static final String QSORT = "void qsort(void *base, size_t n, size_t size,"
            + " int (*compare)(const void *, const void *))";
    private static final String COMPARATOR = "int (*)(const void *, const void *)";

    /** qsort bound in an interface. */
    public interface Sorting {
        void qsort(MemorySegment base, long count, long size, @NativeType(COMPARATOR) Callback compare);
    }

    @Test
    void shouldReportTheFailureOfABoundCallToThatCallOnly() {
        Sorting sorting = Foreign.bind(Sorting.class, "c");
        assertOwnFailureOnly((array, compare) -> sorting.qsort(array, 3, 4, compare));
    }

    @Test
    void shouldReportTheFailureOfAForeignFunctionCallToThatCallOnly() {
        ForeignFunction qsort = Foreign.defshared(QSORT, "c");
        assertOwnFailureOnly((array, compare) -> qsort.invoke(array, 3L, 4L, compare));
    }

    @Test
    void shouldReportTheFailureOfASharedCallToThatCallOnly() {
        assertOwnFailureOnly((array, compare) -> Foreign.sharedCall(QSORT, "c", array, 3L, 4L, compare));
    }

    @Test
    void shouldReportTheFailureOfACallByNameToThatCallOnly() {
        assertOwnFailureOnly((array, compare) -> Foreign.call("qsort", array, 3L, 4L, compare));
    }

    /** A sort with a throwing comparator fails with its CallbackError; the next sort, with a good one, does not. */
    private static void assertOwnFailureOnly(Sort level) {
        try (Arena arena = Arena.ofConfined();
             Callback failing = comparator(a -> {
                 throw new IllegalStateException("comparator broke");
             });
             Callback ascending = comparator(a -> { })) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 3, 1, 2);
            CallbackError e = assertThrows(CallbackError.class, () -> level.sort(array, failing));
            assertEquals("a callback threw during the call to qsort: java.lang.IllegalStateException: comparator"
                    + " broke", e.getMessage());
            assertEquals("qsort", e.functionName().orElseThrow());
            level.sort(array, ascending); // must not throw the earlier failure
            assertArrayEquals(new int[] {1, 2, 3}, array.toArray(JAVA_INT));
            assertEquals(5L, Foreign.call("labs", -5L)); // nor may an unrelated call
        }
    }

    private static Callback comparator(Consumer<Object[]> before) {
        return Callbacks.create(args -> {
            before.accept(args);
            int a = ((MemorySegment) args[0]).reinterpret(4).get(JAVA_INT, 0);
            int b = ((MemorySegment) args[1]).reinterpret(4).get(JAVA_INT, 0);
            return Integer.compare(a, b);
        }, COMPARATOR);
    }

    @FunctionalInterface
    private interface Sort {
        void sort(MemorySegment array, Callback compare);
    }
}
