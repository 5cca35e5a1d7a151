package epsilon.foreign.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.Foreign;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ArgumentTypeError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * A callback passed where C declares a function pointer must have a signature C can call it with: qsort given an
 * {@code int (*)(int, int)} comparator would pass it pointers and sort garbage; now the call is refused, naming both
 * signatures. Data pointers of any type match one another, so a comparator over {@code const int *} fits
 * {@code qsort}'s {@code const void *}; a {@code void *} parameter takes any callback.
 */
class CheckedCallbackTest {

    private static ArgumentTypeError refusedForQsort(Callback comparator) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment numbers = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
            ArgumentTypeError e = assertThrows(ArgumentTypeError.class,
                    () -> Foreign.call("qsort", numbers, 3L, 4L, comparator));
            assertArrayEquals(new int[] {3, 1, 2}, numbers.toArray(ValueLayout.JAVA_INT)); // C never ran
            assertEquals(3, e.index());
            return e;
        }
    }

    @Test
    void shouldRefuseComparatorsOfAnotherSignature() {
        try (Callback ints = Callbacks.create(args -> 0, "int (*)(int, int)");
             Callback nothing = Callbacks.create(args -> null, "void (*)(void)");
             Callback doubles = Callbacks.create(args -> 0.0, "double (*)(double, double)")) {
            assertEquals("argument 3 of qsort: the callback's signature int (*)(int, int) does not match the"
                    + " parameter's int (*)(const void *, const void *); C would call it with the wrong arguments",
                    refusedForQsort(ints).getMessage());
            refusedForQsort(nothing);
            refusedForQsort(doubles);
        }
    }

    @Test
    void shouldSortWithAComparatorOverTypedPointers() {
        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(ValueLayout.JAVA_INT, 0),
                b.get(ValueLayout.JAVA_INT, 0));
        try (Arena arena = Arena.ofConfined();
             Callback comparator = Callbacks.of(Comparator.class, ascending, "int (*)(const int *, const int *)")) {
            MemorySegment numbers = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
            Foreign.call("qsort", numbers, 3L, 4L, comparator);
            assertArrayEquals(new int[] {1, 2, 3}, numbers.toArray(ValueLayout.JAVA_INT));
        }
    }

    @Test
    void shouldPassAnyCallbackWhereCTakesVoidPointer() {
        try (Callback any = Callbacks.create(args -> 0.0, "double (*)(double, double)")) {
            MemorySegment found = (MemorySegment) Foreign.sharedCall("void *memchr(const void *s, int c, size_t n)",
                    "c", any, 0, 0L);
            assertEquals(0, found.address());
        }
    }
}
