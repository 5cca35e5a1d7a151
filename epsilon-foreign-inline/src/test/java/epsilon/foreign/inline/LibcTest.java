package epsilon.foreign.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LibcTest {

    @Test
    void shouldMeasureStrings() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(5L, Libc.strlen(arena.allocateFrom("hello")));
            assertEquals(3L, Libc.strnlen(arena.allocateFrom("hello"), 3));
            assertEquals(0L, Libc.strlen(arena.allocateFrom("")));
            // a raw pointer of unknown extent, as C returns them, is measured as C would
            assertEquals(5L, Libc.strlen(MemorySegment.ofAddress(arena.allocateFrom("hello").address())));
        }
        assertEquals(2L, Libc.strlen("hi\0".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(2L, Libc.strnlen("hello".getBytes(StandardCharsets.US_ASCII), 2));
    }

    @Test
    void shouldCompareStrings() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment apple = arena.allocateFrom("apple");
            MemorySegment apply = arena.allocateFrom("apply");
            assertTrue(Libc.strcmp(apple, apply) < 0);
            assertEquals(0, Libc.strcmp(apple, arena.allocateFrom("apple")));
            assertEquals(0, Libc.strncmp(apple, apply, 4));
        }
    }

    @Test
    void shouldCopyMoveFillAndCompareMemory() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom("0123456789");
            MemorySegment target = arena.allocate(11);
            assertEquals(target.address(), Libc.memcpy(target, source, 11).address());
            assertEquals("0123456789", target.getString(0));
            Libc.memmove(target.asSlice(2), target, 5); // overlapping regions
            assertEquals("0101234789", target.getString(0));
            Libc.memset(target, 'x', 3);
            assertEquals("xxx1234789", target.getString(0));
            assertTrue(Libc.memcmp(target, source, 10) > 0);
            assertEquals(0, Libc.memcmp(source, source, 10));
            assertEquals(4L, Libc.indexOf(source, '4', 10));
            assertEquals(-1L, Libc.indexOf(source, 'z', 10));
            assertEquals(source.address() + 4, Libc.memchr(source, '4', 10).address());
        }
        assertTrue(Libc.memcmp(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}, 3) < 0);
        assertEquals(0, Libc.memcmp(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}, 2));
    }

    @Test
    void shouldAnswerProcessAndArithmeticCalls() {
        assertEquals(ProcessHandle.current().pid(), Libc.getpid());
        assertEquals(7, Libc.abs(-7));
        assertEquals(Integer.MIN_VALUE, Libc.abs(Integer.MIN_VALUE)); // as in C: no positive counterpart
        assertEquals(1L << 40, Libc.labs(-(1L << 40)));
        assertEquals(Long.MAX_VALUE, Libc.llabs(-Long.MAX_VALUE));
        assertEquals('A', Libc.toupper('a'));
        assertEquals('z', Libc.tolower('Z'));
    }

    @Test
    void shouldAllocateAndFreeWithTheCAllocator() {
        MemorySegment block = Libc.malloc(16);
        assertEquals(16, block.byteSize());
        block.set(ValueLayout.JAVA_LONG, 8, 42L);
        MemorySegment grown = Libc.realloc(block, 64);
        assertEquals(64, grown.byteSize());
        assertEquals(42L, grown.get(ValueLayout.JAVA_LONG, 8)); // realloc keeps the contents
        Libc.free(grown);
        MemorySegment zeroed = Libc.calloc(4, 8);
        assertEquals(32, zeroed.byteSize());
        for (int i = 0; i < 4; i++) {
            assertEquals(0L, zeroed.getAtIndex(ValueLayout.JAVA_LONG, i));
        }
        Libc.free(zeroed);
        Libc.free(MemorySegment.NULL); // allowed, as in C
        assertEquals(MemorySegment.NULL, Libc.malloc(Long.MAX_VALUE)); // the system says no: NULL, no crash
    }

    // ---- what C would crash on ------------------------------------------------------------------------

    @Test
    void shouldRejectNullWhereCDereferences() {
        InlineCallException e = assertThrows(InlineCallException.class, () -> Libc.strlen(MemorySegment.NULL));
        assertEquals("strlen: s is NULL", e.getMessage());
        assertEquals("memcpy: src is NULL", assertThrows(InlineCallException.class,
                () -> Libc.memcpy(Arena.global().allocate(1), null, 1)).getMessage());
        assertEquals("strcmp: b is NULL", assertThrows(InlineCallException.class,
                () -> Libc.strcmp(Arena.global().allocateFrom("a"), MemorySegment.NULL)).getMessage());
    }

    @Test
    void shouldRejectLengthsPastTheEndOfASegment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(4);
            MemorySegment large = arena.allocate(64);
            InlineCallException e = assertThrows(InlineCallException.class, () -> Libc.memcpy(small, large, 64));
            assertEquals("memcpy: n=64 is past the end of dst (4 bytes)", e.getMessage());
            assertEquals("memset: n=-1 is negative",
                    assertThrows(InlineCallException.class, () -> Libc.memset(small, 0, -1)).getMessage());
            assertEquals("memcmp: n=8 is past the end of a (4 bytes)",
                    assertThrows(InlineCallException.class, () -> Libc.memcmp(new byte[4], new byte[8], 8))
                            .getMessage());
        }
    }

    @Test
    void shouldRejectTextWithoutATerminatorInsteadOfReadingPastIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment unterminated = arena.allocate(4);
            Libc.memset(unterminated, 'a', 4);
            assertEquals("strlen: no NUL terminator within the 4 bytes of segment s",
                    assertThrows(InlineCallException.class, () -> Libc.strlen(unterminated)).getMessage());
        }
        assertEquals("strlen: no NUL terminator within the 2 bytes of array s",
                assertThrows(InlineCallException.class, () -> Libc.strlen(new byte[] {'a', 'b'})).getMessage());
    }

    @Test
    void shouldRejectNegativeAllocationSizes() {
        assertEquals("malloc: size=-1 is negative",
                assertThrows(InlineCallException.class, () -> Libc.malloc(-1)).getMessage());
    }
}
