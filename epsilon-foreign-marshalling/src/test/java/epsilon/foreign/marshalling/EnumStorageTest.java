package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Enums stored in fewer than 4 bytes (a packed or {@code enum : unsigned char} enum), and keywords that clash once
 * their leading ':' is dropped: values never change silently on their way to or from memory.
 */
class EnumStorageTest {
    private static final CEnum LEVEL = CEnum.of("level", Map.of("low", 1, "high", 200));
    private static final CType BYTE_LEVEL = CType.enumOf(LEVEL, CType.UNSIGNED_CHAR);
    private static final CType SIGNED_BYTE_LEVEL = CType.enumOf(LEVEL, CType.SIGNED_CHAR);

    @Test
    void shouldRefuseAnIntTheEnumsStorageCannotHold() {
        assertEquals((byte) 200, Marshal.toForeign(200, BYTE_LEVEL, null));
        assertEquals((byte) 255, Marshal.toForeign(255, BYTE_LEVEL, null)); // not an enumerator: flags pass
        ConversionError tooBig = assertThrows(ConversionError.class, () -> Marshal.toForeign(300, BYTE_LEVEL, null));
        assertEquals("value: 300 does not fit C type " + BYTE_LEVEL.name() + " (stored as unsigned char, range 0..255)",
                tooBig.getMessage());
        ConversionError negative = assertThrows(ConversionError.class,
                () -> Marshal.toForeign(-1, BYTE_LEVEL, null, "f", 0));
        assertEquals("argument 0 of f: -1 does not fit C type " + BYTE_LEVEL.name() + " (stored as unsigned char,"
                + " range 0..255)", negative.getMessage());
        ConversionError signed = assertThrows(ConversionError.class,
                () -> Marshal.toForeign("high", SIGNED_BYTE_LEVEL, null));
        assertEquals("value: high does not fit C type " + SIGNED_BYTE_LEVEL.name() + " (stored as signed char, range"
                + " -128..127)", signed.getMessage());
    }

    @Test
    void shouldReadAnOutputArrayOfOneByteEnumsByTheirValues() {
        try (Arena arena = Arena.ofConfined()) {
            OutputArray levels = NativeArrays.output(BYTE_LEVEL, 3, arena);
            MemorySegment bytes = levels.segment();
            bytes.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1);
            bytes.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 1, (byte) 200);
            bytes.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 2, (byte) 1);
            assertArrayEquals(new int[] {1, 200, 1}, levels.toIntArray());
        }
    }

    @Test
    void shouldRefuseKeywordsThatClashOnceTheirColonIsDropped() {
        Map<String, Integer> clash = new LinkedHashMap<>();
        clash.put(":a", 1);
        clash.put("a", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CEnum.of("clash", clash));
        assertEquals("enum clash: keyword 'a' is 'a' with its leading ':' dropped, which another keyword already"
                + " names with a different value (1 vs 2)", e.getMessage());
        Map<String, Integer> alias = new LinkedHashMap<>();
        alias.put(":a", 1);
        alias.put("a", 1);
        assertEquals(1, CEnum.of("alias", alias).valueOf("a"));
    }

    @Test
    void shouldRefuseANullStringArrayInsteadOfReadingAddressZero() {
        ConversionError e = assertThrows(ConversionError.class, () -> NativeArrays.readStringArray(MemorySegment.NULL,
                java.nio.charset.StandardCharsets.UTF_8, 4));
        assertEquals("cannot read a string array at NULL", e.getMessage());
        ConversionError negative = assertThrows(ConversionError.class, () -> NativeArrays.readStringArray(
                MemorySegment.ofAddress(8), java.nio.charset.StandardCharsets.UTF_8, -1));
        assertEquals("cannot read at most -1 strings: the count is negative", negative.getMessage());
    }
}
