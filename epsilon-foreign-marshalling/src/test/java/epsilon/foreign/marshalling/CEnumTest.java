package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CEnumTest {
    enum Signal implements CEnum.Valued {
        SIGINT(2), SIGKILL(9), SIGTERM(15);

        private final int value;

        Signal(int value) {
            this.value = value;
        }

        @Override
        public int cValue() {
            return value;
        }
    }

    enum Ordinal { ZERO, ONE, TWO }

    enum Empty { }

    private static final CEnum WHENCE = CEnum.of("whence", whence());

    private static Map<String, Integer> whence() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("seek-set", 0);
        map.put("seek-cur", 1);
        map.put("seek-end", 2);
        map.put("seek-start", 0); // an alias: keywordOf(0) keeps the first
        return map;
    }

    @Test
    void shouldMapKeywordsToValuesAndBack() {
        assertEquals(2, WHENCE.valueOf("seek-end"));
        assertEquals(2, WHENCE.valueOf(":seek-end"));
        assertEquals(2, WHENCE.valueOf("SEEK-END"));
        assertEquals(0, WHENCE.valueOf("seek-start"));
        assertEquals("seek-cur", WHENCE.keywordOf(1));
        assertEquals("seek-set", WHENCE.keywordOf(0));
        assertEquals("whence", WHENCE.name());
        assertEquals(List.of("seek-set", "seek-cur", "seek-end", "seek-start"), List.copyOf(WHENCE.keywords().keySet()));
    }

    @Test
    void shouldListKnownKeywordsForAnUnknownOne() {
        ConversionError e = assertThrows(ConversionError.class, () -> WHENCE.valueOf("seek-middle"));
        assertTrue(e.getMessage().contains("enum whence has no keyword 'seek-middle'; known: [seek-set, seek-cur,"
                + " seek-end, seek-start]"), e.getMessage());
    }

    @Test
    void shouldReportUnknownValuesOrFallBackToADefault() {
        ConversionError e = assertThrows(ConversionError.class, () -> WHENCE.keywordOf(7));
        assertTrue(e.getMessage().contains("enum whence has no keyword for value 7"), e.getMessage());
        assertEquals("unknown", WHENCE.keywordOf(7, "unknown"));
        assertEquals("seek-end", WHENCE.keywordOf(2, "unknown"));
    }

    @Test
    void shouldMapSparseFlagValuesBothWays() {
        CEnum flags = CEnum.of("open_flags", Map.of("o-rdonly", 0, "o-creat", 0x40, "o-largefile", 0x8000, "huge", 1 << 30,
                "negative", -5));
        assertEquals("huge", flags.keywordOf(1 << 30));
        assertEquals("negative", flags.keywordOf(-5));
        assertEquals("o-creat", flags.keywordOf(0x40));
        assertEquals("none", flags.keywordOf(3, "none"));
        assertEquals(0x8000, flags.valueOf("O-LARGEFILE"));
    }

    @Test
    void shouldTakeValuesFromValuedJavaEnums() {
        CEnum signals = CEnum.of(Signal.class);
        assertEquals("Signal", signals.name());
        assertEquals(9, signals.valueOf("sigkill"));
        assertEquals(15, signals.valueOf(Signal.SIGTERM));
        assertEquals("SIGINT", signals.keywordOf(2));
        assertEquals(Signal.SIGKILL, signals.constantOf(9));
        assertEquals(Signal.class, signals.javaEnum().orElseThrow());
        assertTrue(signals.isJavaEnum());
        ConversionError e = assertThrows(ConversionError.class, () -> signals.constantOf(3));
        assertTrue(e.getMessage().contains("enum Signal has no constant for value 3"), e.getMessage());
    }

    @Test
    void shouldUseOrdinalsOfPlainJavaEnums() {
        CEnum ordinals = CEnum.of(Ordinal.class);
        assertEquals(2, ordinals.valueOf(Ordinal.TWO));
        assertEquals("ONE", ordinals.keywordOf(1));
        // a constant of another enum is matched by name
        assertEquals(1, CEnum.of("numbers", Map.of("one", 1)).valueOf(Ordinal.ONE));
    }

    @Test
    void shouldRejectMalformedEnumerations() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> CEnum.of("e", Map.of()));
        assertTrue(empty.getMessage().contains("enum e needs at least one keyword"), empty.getMessage());
        IllegalArgumentException noConstants = assertThrows(IllegalArgumentException.class, () -> CEnum.of(Empty.class));
        assertTrue(noConstants.getMessage().contains("has no constants"), noConstants.getMessage());
        Map<String, Integer> clash = new LinkedHashMap<>();
        clash.put("red", 1);
        clash.put("RED", 2);
        IllegalArgumentException caseClash = assertThrows(IllegalArgumentException.class, () -> CEnum.of("c", clash));
        assertTrue(caseClash.getMessage().contains("keyword 'RED' differs only in case"), caseClash.getMessage());
        IllegalStateException notJava = assertThrows(IllegalStateException.class, () -> WHENCE.constantOf(0));
        assertTrue(notJava.getMessage().contains("was made from keywords"), notJava.getMessage());
    }
}
