package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.FreedMemoryError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignMemoryTest {

    @Test
    void shouldAllocateZeroedTypedMemoryAlignedForTheType() {
        try (ForeignMemory longs = Foreign.foreignAlloc(CType.LONG, 4)) {
            assertEquals(4 * CType.LONG.byteSize(), longs.byteSize());
            assertEquals(0, longs.segment().address() % CType.LONG.layout().byteAlignment());
            for (int i = 0; i < 4; i++) {
                assertEquals(0L, longs.get(i));
            }
        }
    }

    @Test
    void shouldStartWithInitialContentsOrAnInitialElement() {
        try (ForeignMemory ints = Foreign.foreignAlloc(CType.INT, 4, new int[] {3, 1, 2});
             ForeignMemory sevens = Foreign.foreignAlloc(CType.DOUBLE, 3, 7.0)) {
            assertEquals(List.of(3, 1, 2, 0), List.of(ints.get(0), ints.get(1), ints.get(2), ints.get(3)));
            assertEquals(7.0, sevens.get(2));
        }
    }

    @Test
    void shouldRejectInitialContentsLongerThanTheAllocation() {
        ConversionError e = assertThrows(ConversionError.class,
                () -> Foreign.foreignAlloc(CType.INT, 2, List.of(1, 2, 3)));
        assertEquals("initial contents have 3 elements but only 2 were allocated", e.getMessage());
    }

    @Test
    void shouldPassAllocatedMemoryToC() {
        try (ForeignMemory text = Foreign.foreignAlloc(CType.CHAR, 16);
             Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom("epsilon");
            Foreign.sharedCall("void *memcpy(void *dest, const void *src, size_t n)", "c", text, source, 8L);
            assertEquals("epsilon", text.segment().getString(0));
            assertEquals(7L, Foreign.sharedCall("size_t strlen(const char *s)", "c", text.segment()));
        }
    }

    @Test
    void shouldRejectReadingAfterFree() {
        ForeignMemory ints = Foreign.foreignAlloc(CType.INT, 2);
        ints.free();
        assertTrue(ints.isFreed());
        FreedMemoryError e = assertThrows(FreedMemoryError.class, () -> ints.get(0));
        assertTrue(e.getMessage().startsWith("cannot read 2 x int (8 bytes) at 0x"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": it has been freed"), e.getMessage());
        assertThrows(FreedMemoryError.class, () -> ints.set(1, 5));
        assertThrows(FreedMemoryError.class, ints::segment);
    }

    @Test
    void shouldRejectASegmentUsedAfterFreeEvenOutsideEpsilon() {
        ForeignMemory bytes = Foreign.foreignAlloc(16);
        MemorySegment raw = bytes.segment();
        Foreign.foreignFree(raw);
        // The JDK refuses access to memory of a closed arena: no crash, no stale read.
        assertThrows(IllegalStateException.class, () -> raw.get(ValueLayout.JAVA_BYTE, 0));
        FreedMemoryError e = assertThrows(FreedMemoryError.class,
                () -> Foreign.sharedCall("size_t strlen(const char *s)", "c", raw));
        assertTrue(e.getMessage().contains("argument 0 of strlen is memory that has been freed"), e.getMessage());
    }

    @Test
    void shouldRejectFreeingTwice() {
        ForeignMemory block = Foreign.foreignAlloc(CType.DOUBLE, 2);
        MemorySegment raw = block.segment();
        block.free();
        FreedMemoryError viaBlock = assertThrows(FreedMemoryError.class, block::free);
        assertTrue(viaBlock.getMessage().startsWith("cannot free 2 x double (16 bytes)"), viaBlock.getMessage());
        FreedMemoryError viaSegment = assertThrows(FreedMemoryError.class, () -> Foreign.foreignFree(raw));
        assertTrue(viaSegment.getMessage().endsWith("not a live block of foreignAlloc (already freed, or allocated"
                + " elsewhere)"), viaSegment.getMessage());
        block.close(); // closing after free is the try-with-resources case: no error
    }

    @Test
    void shouldRejectFreeingNull() {
        FreedMemoryError e = assertThrows(FreedMemoryError.class, () -> Foreign.foreignFree(MemorySegment.NULL));
        assertEquals("cannot free a NULL pointer", e.getMessage());
    }

    @Test
    void shouldRejectAnIndexOutsideTheAllocation() {
        try (ForeignMemory ints = Foreign.foreignAlloc(CType.INT, 2)) {
            assertThrows(IndexOutOfBoundsException.class, () -> ints.get(2));
            assertThrows(IndexOutOfBoundsException.class, () -> ints.set(-1, 0));
        }
    }

    @Test
    void shouldFreeScopedMemoryWhateverTheBodyDoes() {
        ForeignMemory[] seen = new ForeignMemory[1];
        assertThrows(IllegalStateException.class, () -> Foreign.withForeignMemory(CType.INT, 1, memory -> {
            seen[0] = memory;
            throw new IllegalStateException("body failed");
        }));
        assertTrue(seen[0].isFreed());
        int[] back = Foreign.withForeignMemory(CType.INT, 3, memory -> {
            memory.set(0, 1);
            memory.set(2, 3);
            return new int[] {(int) memory.get(0), (int) memory.get(1), (int) memory.get(2)};
        });
        assertArrayEquals(new int[] {1, 0, 3}, back);
    }

    @Test
    void shouldStoreStringsThatLiveAsLongAsTheBlock() {
        try (ForeignMemory strings = Foreign.foreignAlloc(CType.STRING, 2, new String[] {"alpha", "beta"})) {
            assertEquals("beta", strings.get(1));
            assertEquals(5L, Foreign.sharedCall("size_t strlen(const char *s)", "c",
                    strings.segment().get(ValueLayout.ADDRESS, 0)));
        }
    }
}
