package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeStringsTest {
    private static final MethodHandle STRLEN = Libc.handle("size_t strlen(const char *s)");
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void closeArena() {
        arena.close();
    }

    @Test
    void shouldTerminateWithOneCodeUnit() {
        assertEquals(1, NativeStrings.terminatorWidth(StandardCharsets.UTF_8));
        assertEquals(1, NativeStrings.terminatorWidth(StandardCharsets.ISO_8859_1));
        assertEquals(2, NativeStrings.terminatorWidth(StandardCharsets.UTF_16));
        assertEquals(2, NativeStrings.terminatorWidth(StandardCharsets.UTF_16BE));
        assertEquals(4, NativeStrings.terminatorWidth(Charset.forName("UTF-32LE")));
        assertEquals(6 + 2, NativeStrings.toNative("abc", StandardCharsets.UTF_16LE, arena).byteSize());
        assertEquals(12 + 4, NativeStrings.toNative("abc", Charset.forName("UTF-32"), arena).byteSize());
    }

    @Test
    void shouldWriteUtf16InPlatformOrderWithoutAByteOrderMark() {
        MemorySegment s = NativeStrings.toNative("A", StandardCharsets.UTF_16, arena);
        assertEquals(4, s.byteSize());
        assertEquals('A', s.get(ValueLayout.JAVA_CHAR.withOrder(ByteOrder.nativeOrder()), 0));
        assertEquals("A", NativeStrings.fromNative(s, StandardCharsets.UTF_16));
    }

    @Test
    void shouldRoundTripEveryCharset() {
        String text = "h\u00e9llo w\u00f6rld";
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, Charset.forName("UTF-32"),
                Charset.forName("windows-1252")}) {
            MemorySegment s = NativeStrings.toNative(text, charset, arena);
            assertEquals(text, NativeStrings.fromNative(s, charset), charset.name());
            // as C would hand it back: a zero-length pointer, read up to the terminator
            MemorySegment pointer = MemorySegment.ofAddress(s.address());
            assertEquals(text, NativeStrings.fromNative(pointer, charset), charset.name());
        }
    }

    @Test
    void shouldBeMeasuredByStrlen() throws Throwable {
        MemorySegment latin1 = NativeStrings.toNative("caf\u00e9", StandardCharsets.ISO_8859_1, arena);
        assertEquals(4L, (long) STRLEN.invokeExact(latin1));
        MemorySegment utf8 = NativeStrings.toNative("caf\u00e9", arena);
        assertEquals(5L, (long) STRLEN.invokeExact(utf8));
    }

    @Test
    void shouldReadNullAsNull() {
        assertNull(NativeStrings.fromNative(MemorySegment.NULL));
        assertNull(NativeStrings.fromNative(null, StandardCharsets.UTF_16LE));
    }

    @Test
    void shouldRejectUnencodableCharacters() {
        ConversionError e = assertThrows(ConversionError.class,
                () -> NativeStrings.toNative("na\u00efve", StandardCharsets.US_ASCII, arena));
        assertTrue(e.getMessage().contains("cannot encode string in US-ASCII: character '\u00ef' (U+00EF) at index 2"),
                e.getMessage());
    }

    @Test
    void shouldRejectEmbeddedNul() {
        ConversionError e = assertThrows(ConversionError.class, () -> NativeStrings.toNative("a\0b", arena));
        assertTrue(e.getMessage().contains("string contains a NUL character at index 1 (length 3)"), e.getMessage());
    }

    @Test
    void shouldRefuseToReadPastASizedBufferWithoutTerminator() {
        MemorySegment buffer = arena.allocate(4);
        buffer.fill((byte) 'x');
        ConversionError utf8 = assertThrows(ConversionError.class, () -> NativeStrings.fromNative(buffer));
        assertTrue(utf8.getMessage().contains("no 1-byte NUL terminator within the 4 bytes of the segment"), utf8.getMessage());
        ConversionError cp1252 = assertThrows(ConversionError.class,
                () -> NativeStrings.fromNative(buffer, Charset.forName("windows-1252")));
        assertTrue(cp1252.getMessage().contains("within the 4 bytes"), cp1252.getMessage());
    }

    @Test
    void shouldFreeAfterDecodingAndAlsoWhenDecodingFails() {
        java.util.List<MemorySegment> freed = new java.util.ArrayList<>();
        MemorySegment text = NativeStrings.toNative("owned", arena);
        assertEquals("owned", NativeStrings.fromNativeAndFree(text, freed::add));
        assertEquals(java.util.List.of(text), freed);
        MemorySegment unterminated = arena.allocate(4).fill((byte) 'x');
        ConversionError e = assertThrows(ConversionError.class,
                () -> NativeStrings.fromNativeAndFree(unterminated, freed::add));
        assertTrue(e.getMessage().contains("no 1-byte NUL terminator within the 4 bytes of the segment"),
                e.getMessage());
        assertEquals(java.util.List.of(text, unterminated), freed); // freed all the same: nothing leaks
        NullPointerException noFree = assertThrows(NullPointerException.class,
                () -> NativeStrings.fromNativeAndFree(text, null));
        assertEquals("free", noFree.getMessage());
    }
}
