package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** qsort and bsearch from the real libc calling Java comparators. */
class CallbackSortTest {
    /** {@code struct entry { int key; double value; }}, laid out by the C rules (4 bytes of padding after key). */
    static final StructType ENTRY = StructType.struct("struct entry").field("key", "int").field("value", "double")
            .build();
    static final VarHandle KEY = ENTRY.layout().varHandle(MemoryLayout.PathElement.groupElement("key"));
    static final VarHandle VALUE = ENTRY.layout().varHandle(MemoryLayout.PathElement.groupElement("value"));

    /** A user-declared functional interface over two int pointers. */
    interface IntPointerComparator {
        int compare(MemorySegment left, MemorySegment right);
    }

    @Test
    void shouldSortIntsWithTypedComparatorOverIntPointers() {
        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
        try (Arena arena = Arena.ofConfined();
                Callback cmp = Callbacks.of(Comparator.class, ascending, "int (*)(const int *, const int *)")) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 5, -3, 9, 0, 2);
            Libc.qsort(array, 5, 4, cmp.pointer());
            assertArrayEquals(new int[] {-3, 0, 2, 5, 9}, array.toArray(JAVA_INT));
        }
    }

    @Test
    void shouldSortIntsWithUserInterfaceAndPrototypeText() {
        IntPointerComparator descending = (a, b) -> Integer.compare(b.get(JAVA_INT, 0), a.get(JAVA_INT, 0));
        try (Arena arena = Arena.ofConfined();
                Callback cmp = Callbacks.of(IntPointerComparator.class, descending,
                        "int cmp(const int *a, const int *b)")) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 1, 4, 2, 3);
            Libc.qsort(array, 4, 4, cmp.pointer());
            assertArrayEquals(new int[] {4, 3, 2, 1}, array.toArray(JAVA_INT));
        }
    }

    @Test
    void shouldSortDoublesWithDynamicFunction() {
        CallbackFunction byValue = args -> Double.compare(((MemorySegment) args[0]).get(JAVA_DOUBLE, 0),
                ((MemorySegment) args[1]).get(JAVA_DOUBLE, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(JAVA_DOUBLE, 2.5, -1.0, 1e9, 0.125);
            double[] sorted = Callbacks.withCallback(byValue,
                    CPrototype.of(null, CType.INT, CType.pointerToConst(CType.DOUBLE),
                            CType.pointerToConst(CType.DOUBLE)), cmp -> {
                        Libc.qsort(array, 4, 8, cmp.pointer());
                        return array.toArray(JAVA_DOUBLE);
                    });
            assertArrayEquals(new double[] {-1.0, 0.125, 2.5, 1e9}, sorted);
        }
    }

    @Test
    void shouldSortAndSearchStructsByKey() {
        Comparator<MemorySegment> byKey = (a, b) -> Integer.compare((int) KEY.get(a, 0L), (int) KEY.get(b, 0L));
        CType entryPointer = CType.pointerToConst(ENTRY); // each comparator argument is a segment of one entry
        CPrototype signature = CPrototype.of(null, CType.INT, entryPointer, entryPointer);
        try (Arena arena = Arena.ofConfined(); Callback cmp = Callbacks.of(Comparator.class, byKey, signature)) {
            int[] keys = {42, 7, 19, 3};
            MemorySegment table = arena.allocate(ENTRY.layout(), keys.length);
            for (int i = 0; i < keys.length; i++) {
                MemorySegment entry = table.asSlice(i * ENTRY.byteSize(), ENTRY.layout());
                KEY.set(entry, 0L, keys[i]);
                VALUE.set(entry, 0L, keys[i] / 2.0);
            }
            Libc.qsort(table, keys.length, ENTRY.byteSize(), cmp.pointer());
            CallbackFailures.rethrowIfPending(); // a comparator given unsized segments would have failed here
            List<Integer> sorted = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                sorted.add((int) KEY.get(table.asSlice(i * ENTRY.byteSize(), ENTRY.layout()), 0L));
            }
            assertEquals(List.of(3, 7, 19, 42), sorted);

            MemorySegment key = arena.allocate(ENTRY.layout());
            KEY.set(key, 0L, 19);
            MemorySegment found = Libc.bsearch(key, table, keys.length, ENTRY.byteSize(), cmp.pointer())
                    .reinterpret(ENTRY.byteSize());
            assertEquals(9.5, (double) VALUE.get(found, 0L));
            KEY.set(key, 0L, 20);
            assertEquals(MemorySegment.NULL, Libc.bsearch(key, table, keys.length, ENTRY.byteSize(), cmp.pointer()));
        }
    }

    @Test
    void shouldSearchIntsWithBsearch() {
        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
        try (Arena arena = Arena.ofConfined();
                Callback cmp = Callbacks.of(Comparator.class, ascending,
                        CPrototype.of(null, CType.INT, CType.pointerTo(CType.INT), CType.pointerTo(CType.INT)))) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 1, 3, 5, 7, 9);
            MemorySegment found = Libc.bsearch(arena.allocateFrom(JAVA_INT, 7), array, 5, 4, cmp.pointer());
            assertEquals(12, found.address() - array.address());
        }
    }

    @Test
    void shouldCloseOverMutableState() {
        int[] comparisons = {0};
        List<Integer> seen = new ArrayList<>();
        Comparator<MemorySegment> counting = (a, b) -> {
            comparisons[0]++;
            seen.add(a.get(JAVA_INT, 0));
            return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
        };
        try (Arena arena = Arena.ofConfined();
                Callback cmp = Callbacks.of(Comparator.class, counting, "int (*)(const int *, const int *)")) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 4, 3, 2, 1);
            Libc.qsort(array, 4, 4, cmp.pointer());
            assertTrue(comparisons[0] >= 3, "qsort compared " + comparisons[0] + " times");
            assertEquals(comparisons[0], seen.size());
            assertArrayEquals(new int[] {1, 2, 3, 4}, array.toArray(JAVA_INT));
        }
    }
}
