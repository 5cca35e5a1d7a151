package epsilon.foreign.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
    void shouldBoundLengthsByAnEmptyArrayToo() {
        // an empty array's heap segment has size 0, which for segments means "unknown": strnlen read on into the
        // Java heap behind it, and memcmp compared whatever was there
        assertEquals("strnlen: maxlen=3 is past the end of s (0 bytes)",
                assertThrows(InlineCallException.class, () -> Libc.strnlen(new byte[0], 3)).getMessage());
        assertEquals("memcmp: n=1 is past the end of a (0 bytes)",
                assertThrows(InlineCallException.class, () -> Libc.memcmp(new byte[0], new byte[0], 1)).getMessage());
        assertEquals(0L, Libc.strnlen(new byte[0], 0));
        assertEquals(0, Libc.memcmp(new byte[0], new byte[0], 0));
    }

    @Test
    void shouldRejectNegativeAllocationSizes() {
        assertEquals("malloc: size=-1 is negative",
                assertThrows(InlineCallException.class, () -> Libc.malloc(-1)).getMessage());
    }

    // ---- what C would write into read-only memory, or read past a segment --------------------------------

    private static String refusal(Executable call) {
        return assertThrows(InlineCallException.class, call).getMessage();
    }

    /** {@code text} without its NUL: a segment of exactly {@code text.length()} bytes. */
    private static MemorySegment unterminated(Arena arena, String text) {
        MemorySegment segment = arena.allocate(text.length());
        MemorySegment.copy(text.getBytes(StandardCharsets.US_ASCII), 0, segment, ValueLayout.JAVA_BYTE, 0,
                text.length());
        return segment;
    }

    @Test
    void shouldRefuseAReadOnlyDestinationBeforeCWritesIntoIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocateFrom("keep this text");
            MemorySegment readOnly = target.asReadOnly();
            MemorySegment source = arena.allocateFrom("overwritten!!!");
            assertEquals("memcpy: dst is a read-only segment (15 bytes), and C would write into it",
                    refusal(() -> Libc.memcpy(readOnly, source, 15)));
            assertEquals("memmove: dst is a read-only segment (15 bytes), and C would write into it",
                    refusal(() -> Libc.memmove(readOnly, source, 15)));
            assertEquals("memset: s is a read-only segment (15 bytes), and C would write into it",
                    refusal(() -> Libc.memset(readOnly, 0, 15)));
            // of unknown size too: being read-only is known whatever the size
            MemorySegment raw = MemorySegment.ofAddress(target.address()).asReadOnly();
            assertEquals("memset: s is a read-only segment (size unknown), and C would write into it",
                    refusal(() -> Libc.memset(raw, 0, 4)));
            assertEquals("keep this text", target.getString(0)); // C wrote nothing
            // a read-only source is fine: C only reads it
            MemorySegment copy = arena.allocate(15);
            Libc.memcpy(copy, readOnly, 15);
            assertEquals("keep this text", copy.getString(0));
        }
        MemorySegment block = Libc.malloc(32);
        // free writes its bookkeeping into the block, and realloc frees it
        assertEquals("free: ptr is a read-only segment (32 bytes), and C would write into it",
                refusal(() -> Libc.free(block.asReadOnly())));
        assertEquals("realloc: ptr is a read-only segment (32 bytes), and C would write into it",
                refusal(() -> Libc.realloc(block.asReadOnly(), 64)));
        Libc.free(block);
    }

    @Test
    void shouldBoundStrncmpBySegmentsOfKnownSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment abcd = unterminated(arena, "abcd");
            MemorySegment same = unterminated(arena, "abcd");
            // strncmp(a, b, 100) on two 4-byte segments read on past both
            assertEquals("strncmp: n=100 is past the end of a, and a and b match on all its 4 bytes with no NUL"
                    + " terminator: comparing on would read past it (a: 4 bytes, b: 4 bytes)",
                    refusal(() -> Libc.strncmp(abcd, same, 100)));
            assertEquals("strncmp: n=5 is past the end of b, and a and b match on all its 4 bytes with no NUL"
                    + " terminator: comparing on would read past it (a: 6 bytes, b: 4 bytes)",
                    refusal(() -> Libc.strncmp(arena.allocateFrom("abcde"), same, 5)));
            assertEquals("strncmp: n=-1 is negative", refusal(() -> Libc.strncmp(abcd, same, -1)));
            // within the segments the answer is C's, whatever n says
            assertEquals(0, Libc.strncmp(abcd, same, 4));
            assertTrue(Libc.strncmp(abcd, unterminated(arena, "abce"), 100) < 0); // differs before the end
            assertEquals(0, Libc.strncmp(arena.allocateFrom("abc"), arena.allocateFrom("abc"), 100)); // NUL inside
            assertTrue(Libc.strncmp(arena.allocateFrom("abc"), abcd, 100) < 0); // a's NUL sorts first
            assertEquals(0, Libc.strncmp(abcd, same, 0));
            // a raw pointer of unknown size next to one of known size: bounded by the known one
            MemorySegment raw = MemorySegment.ofAddress(arena.allocateFrom("abcdef").address());
            assertEquals("strncmp: n=100 is past the end of b, and a and b match on all its 4 bytes with no NUL"
                    + " terminator: comparing on would read past it (a: size unknown, b: 4 bytes)",
                    refusal(() -> Libc.strncmp(raw, abcd, 100)));
        }
    }

    @Test
    void shouldBoundStrcmpBySegmentsOfKnownSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment abcd = unterminated(arena, "abcd");
            assertEquals("strcmp: no NUL terminator within the 4 bytes of segment a, and the other matches them"
                    + " all: comparing on would read past its end (a: 4 bytes, b: 7 bytes)",
                    refusal(() -> Libc.strcmp(abcd, arena.allocateFrom("abcdef"))));
            assertEquals("strcmp: no NUL terminator within the 4 bytes of segment a, and the other matches them"
                    + " all: comparing on would read past its end (a: 4 bytes, b: 4 bytes)",
                    refusal(() -> Libc.strcmp(unterminated(arena, "abcd"), abcd)));
            assertEquals("strcmp: no NUL terminator within the 4 bytes of segment b, and the other matches them"
                    + " all: comparing on would read past its end (a: size unknown, b: 4 bytes)",
                    refusal(() -> Libc.strcmp(MemorySegment.ofAddress(arena.allocateFrom("abcdef").address()),
                            abcd)));
            // the answer never depends on bytes past a segment: these are C's answers
            assertTrue(Libc.strcmp(abcd, arena.allocateFrom("abx")) < 0);
            assertTrue(Libc.strcmp(abcd, arena.allocateFrom("ab")) > 0); // b's NUL sorts first
            assertEquals(0, Libc.strcmp(arena.allocateFrom("same"), arena.allocateFrom("same")));
            assertTrue(Libc.strcmp(arena.allocateFrom("same"), arena.allocateFrom("samey")) < 0);
            // two raw pointers: C's strcmp, unbounded, as the class says
            assertEquals(0, Libc.strcmp(MemorySegment.ofAddress(arena.allocateFrom("raw").address()),
                    MemorySegment.ofAddress(arena.allocateFrom("raw").address())));
        }
    }

    @Test
    void shouldRefuseHeapSegmentsWhichCCannotTake() {
        MemorySegment heap = MemorySegment.ofArray(new byte[] {'h', 'i', 0, 0});
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(4);
            // the JDK's linker said "Heap segment not allowed" with a bare IllegalArgumentException, and strlen
            // called a heap segment at array offset 0 NULL
            assertEquals("memcpy: src is a heap segment (4 bytes), and C takes native memory only",
                    refusal(() -> Libc.memcpy(target, heap, 4)));
            assertEquals("memcpy: dst is a heap segment (4 bytes), and C takes native memory only",
                    refusal(() -> Libc.memcpy(heap, target, 4)));
            assertEquals("strlen: s is a heap segment (4 bytes), and C takes native memory only",
                    refusal(() -> Libc.strlen(heap)));
            assertEquals("memchr: s is a heap segment (4 bytes), and C takes native memory only",
                    refusal(() -> Libc.indexOf(heap, 'i', 4)));
            assertEquals("free: ptr is a heap segment (4 bytes), and C takes native memory only",
                    refusal(() -> Libc.free(heap)));
        }
        assertEquals(2L, Libc.strlen(heap.toArray(ValueLayout.JAVA_BYTE))); // the byte[] overloads take arrays
    }

    @Test
    void shouldRefuseOverlappingMemcpyRegions() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("0123456789");
            InlineCallException e = assertThrows(InlineCallException.class,
                    () -> Libc.memcpy(text.asSlice(2), text, 5));
            assertEquals("memcpy: the 5 bytes at dst (0x" + Long.toHexString(text.address() + 2) + ") and src (0x"
                    + Long.toHexString(text.address()) + ") overlap; use memmove", e.getMessage());
            assertEquals("0123456789", text.getString(0));
            Libc.memcpy(text.asSlice(5), text, 5); // adjacent is not overlapping
            assertEquals("0123401234", text.getString(0));
            Libc.memcpy(text, text, 0);
        }
    }

    @Test
    void shouldRefuseMemcpyOfFreedRegionsAsClosedNotAsOverlapping() {
        Arena arena = Arena.ofConfined();
        MemorySegment text = arena.allocateFrom("0123456789");
        arena.close();
        // once freed, overlap is not the mistake: the closed segment is (found by LibcPropertiesTest)
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Libc.memcpy(text.asSlice(2), text, 5));
        assertEquals("Already closed", e.getMessage());
    }

    @Test
    void shouldTakeJavaNullAsCsNullForArgumentsAndRefuseItWhereCDereferences() {
        assertEquals("strlen: s is NULL", refusal(() -> Libc.strlen((byte[]) null)));
        assertEquals("strnlen: s is NULL", refusal(() -> Libc.strnlen((byte[]) null, 0)));
        assertEquals("memcmp: b is NULL", refusal(() -> Libc.memcmp(new byte[1], null, 0)));
        assertEquals("strncmp: a is NULL", refusal(() -> Libc.strncmp(null, MemorySegment.NULL, 0)));
        assertEquals("memset: s is NULL", refusal(() -> Libc.memset(null, 0, 0)));
        assertEquals("memchr: s is NULL", refusal(() -> Libc.indexOf(MemorySegment.NULL, 0, 0)));
        Libc.free(null); // free(NULL), as in C
        MemorySegment fresh = Libc.realloc(null, 8); // realloc(NULL, n) is malloc(n)
        assertEquals(8, fresh.byteSize());
        assertEquals("realloc: size=0 with a non-NULL ptr frees it in glibc and is undefined in C23; call free(ptr)"
                + " instead", refusal(() -> Libc.realloc(fresh, 0)));
        assertEquals("realloc: size=-1 is negative", refusal(() -> Libc.realloc(fresh, -1)));
        Libc.free(fresh);
        assertEquals("calloc: count=-1 is negative", refusal(() -> Libc.calloc(-1, 1)));
        // a product past a long is NULL, as C's calloc answers it: no ArithmeticException
        assertEquals(MemorySegment.NULL, Libc.calloc(1L << 40, 1L << 40));
    }

    @Test
    void shouldLeaveClosedAndForeignThreadSegmentsToTheJdksOwnRefusal() throws Exception {
        Arena closed = Arena.ofConfined();
        MemorySegment gone = closed.allocateFrom("gone");
        closed.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Libc.strlen(gone));
        assertEquals("Already closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Libc.memset(gone, 0, 4));
        try (Arena confined = Arena.ofConfined()) {
            MemorySegment mine = confined.allocateFrom("mine");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    Libc.strlen(mine);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.start();
            other.join();
            assertTrue(thrown.get() instanceof WrongThreadException, String.valueOf(thrown.get()));
        }
    }

    @Test
    void shouldPassZeroLengthSegmentsUnboundedAsTheJavadocSays() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(16);
            MemorySegment raw = MemorySegment.ofAddress(block.address());
            Libc.memset(raw, 'z', 16); // no size to check against: C writes the 16 bytes it is told to
            assertEquals((byte) 'z', block.get(ValueLayout.JAVA_BYTE, 15));
            // the other segment's known size still bounds n
            assertEquals("memcpy: n=17 is past the end of src (16 bytes)",
                    refusal(() -> Libc.memcpy(raw, block, 17)));
        }
    }
}
