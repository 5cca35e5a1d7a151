package epsilon.foreign;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ForeignError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** Callbacks passed through core's dynamic calls: qsort and bsearch from libc, with real function pointers. */
class CallbackCallTest {
    private static final String COMPARATOR = "int (*)(const int *, const int *)";
    private static final Comparator<MemorySegment> ASCENDING =
            (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));

    @Test
    void shouldSortWithAJavaComparatorThroughCall() {
        try (Arena arena = Arena.ofConfined();
             Callback compare = Callbacks.of(Comparator.class, ASCENDING, COMPARATOR)) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 5, 3, 9, 1, 7);
            Foreign.call("qsort", array, 5L, 4L, compare); // prototype from the known table, callback as pointer
            assertArrayEquals(new int[] {1, 3, 5, 7, 9}, array.toArray(JAVA_INT));
            MemorySegment key = arena.allocateFrom(JAVA_INT, 7);
            MemorySegment found = (MemorySegment) Foreign.call("bsearch", key, array, 5L, 4L, compare);
            assertEquals(array.address() + 3 * 4, found.address());
        }
    }

    @Test
    void shouldRethrowAFailingCallbackToTheCallerAsCallbackError() {
        Comparator<MemorySegment> failing = (a, b) -> {
            throw new IllegalStateException("comparator broke");
        };
        try (Arena arena = Arena.ofConfined();
             Callback compare = Callbacks.of(Comparator.class, failing, COMPARATOR)) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1);
            CallbackError e = assertThrows(CallbackError.class, () -> Foreign.sharedCall(
                    "void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))", "c",
                    array, 2L, 4L, compare));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("comparator broke", e.getCause().getMessage());
            assertTrue(e.getMessage().startsWith("a callback threw during the call to qsort"), e.getMessage());
            assertEquals("qsort", e.functionName().orElseThrow());
        }
        // the JVM is still here, and the failure is not left pending for the next call
        assertEquals(3L, Foreign.call("labs", -3L));
    }

    @Test
    void shouldRefuseAClosedCallbackBeforeCCanJumpIntoIt() {
        Callback compare = Callbacks.of(Comparator.class, ASCENDING, COMPARATOR);
        compare.close();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1);
            CallbackClosedError e = assertThrows(CallbackClosedError.class,
                    () -> Foreign.call("qsort", array, 2L, 4L, compare));
            assertTrue(e.getMessage().startsWith("argument 3 of qsort is a callback that has been closed"),
                    e.getMessage());
        }
    }
}
