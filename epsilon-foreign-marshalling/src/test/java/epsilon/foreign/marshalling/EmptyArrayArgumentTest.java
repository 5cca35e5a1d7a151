package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * An empty Java array passed for a pointer still gets memory of its own: C that writes one element through the
 * pointer (an out-parameter) must land in it, not in the next temporary of the same call.
 */
class EmptyArrayArgumentTest {

    @Test
    void anEmptyArrayIsNeverAZeroByteAllocationThatTheNextTemporaryShares() {
        try (Arena arena = Arena.ofConfined()) {
            SegmentAllocator bump = SegmentAllocator.slicingAllocator(arena.allocate(1024, 16));
            for (Object empty : new Object[] {new int[0], new long[0], new double[0], new MemorySegment[0],
                    new Long[0]}) {
                CType type = CType.parse(empty instanceof MemorySegment[] ? "void **"
                        : empty instanceof int[] ? "int *" : empty instanceof double[] ? "double *" : "long *");
                MemorySegment cell = (MemorySegment) Marshal.toForeign(empty, type, bump);
                MemorySegment next = (MemorySegment) Marshal.toForeign("next", CType.STRING, bump);
                assertTrue(cell.byteSize() >= 16, empty.getClass().getSimpleName() + ": " + cell.byteSize());
                cell.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, -1L); // what C writing one element would do
                cell.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, -1L);
                assertEquals("next", next.getString(0), empty.getClass().getSimpleName());
            }
        }
    }

    @Test
    void theCellOfAnEmptyArrayIsZeroedAndWideEnoughForAnyScalar() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = (MemorySegment) Marshal.toForeign(new int[0], CType.parse("int *"), arena);
            assertEquals(16, cell.byteSize());
            assertEquals(0, cell.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(0, cell.get(ValueLayout.JAVA_LONG, 8));
        }
    }
}
