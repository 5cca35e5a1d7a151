package epsilon.foreign.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.AllocationError;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of {@link Optimized}'s javadoc, both sides of each crossover, and every error path with its type
 * and message. The generated cases are in {@link OptimizedPropertiesTest}.
 */
class OptimizedTest {
    /** A size on the Java side of every crossover, and one on the C side of every crossover. */
    static final long SMALL = 100;
    static final long LARGE = Math.max(Optimized.COPY_C_FROM,
            Math.max(Optimized.FILL_C_FROM, Math.max(Optimized.COMPARE_C_FROM, Optimized.STRLEN_JAVA_PREFIX))) + 100;

    static LongStream bothSides() {
        return LongStream.of(SMALL, LARGE);
    }

    static LongStream bothSidesAndEmpty() {
        return LongStream.of(0, 1, SMALL, LARGE);
    }

    /** Around the Java prefix of strlen and the crossover of the other functions, and well past both. */
    static LongStream textLengths() {
        long p = Optimized.STRLEN_JAVA_PREFIX;
        long c = Optimized.COPY_C_FROM;
        return LongStream.of(SMALL, p - 1, p, p + 1, c - 1, c, c + 1, 20_000);
    }

    @Test
    void shouldRunTheClassJavadocExample() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("hello");
            assertEquals(5, Optimized.strlenOptimized(text));
            MemorySegment copy = arena.allocate(6);
            Optimized.memcpyOptimized(copy, text, 6);
            assertEquals(0, Optimized.memcmpOptimized(copy, text, 6));
            byte[] bytes = new byte[6];
            Optimized.memcpyOptimized(MemorySegment.ofArray(bytes), text, 6);
            assertArrayEquals(new byte[] {'h', 'e', 'l', 'l', 'o', 0}, bytes);
        }
    }

    @Test
    void crossoversAreOrderedAndPositive() {
        assertTrue(Optimized.STRLEN_JAVA_PREFIX > 0);
        assertTrue(Optimized.COPY_C_FROM > 0 && Optimized.FILL_C_FROM > 0 && Optimized.COMPARE_C_FROM > 0);
    }

    @ParameterizedTest
    @MethodSource("textLengths")
    void shouldMeasureTextOnBothSidesOfTheJavaPrefix(long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(length + 1 + 7);
            text.fill((byte) 'x');
            text.set(ValueLayout.JAVA_BYTE, length, (byte) 0);
            assertEquals(length, Optimized.strlenOptimized(text));
            assertEquals(length - 3, Optimized.strlenOptimized(text, 3));
            assertEquals(length, Optimized.strnlenOptimized(text, 0, length + 1));
            assertEquals(length, Optimized.strnlenOptimized(text, 0, length));
            assertEquals(length / 2, Optimized.strnlenOptimized(text, 0, length / 2));
            byte[] heap = text.toArray(ValueLayout.JAVA_BYTE);
            assertEquals(length, Optimized.strlenOptimized(MemorySegment.ofArray(heap)));
        }
    }

    @Test
    void strlenFindsANulInEveryPositionOfAWord() {
        // the word-at-a-time search must report the first zero byte, not a later one its borrow flags
        for (int at = 0; at < 24; at++) {
            byte[] text = new byte[24];
            java.util.Arrays.fill(text, (byte) 0x01);
            text[at] = 0;
            if (at + 1 < text.length) {
                text[at + 1] = 0;
            }
            assertEquals(at, Optimized.strlenOptimized(MemorySegment.ofArray(text)));
        }
    }

    @ParameterizedTest
    @MethodSource("bothSidesAndEmpty")
    void shouldCopyFillAndCompareArraysOfOtherElementTypes(long n) {
        long[] longs = new long[(int) (LARGE / 8) + 1];
        MemorySegment words = MemorySegment.ofArray(longs);
        Optimized.memsetOptimized(words, 0x11, n);
        for (long i = 0; i < words.byteSize(); i++) {
            assertEquals(i < n ? 0x11 : 0, words.get(ValueLayout.JAVA_BYTE, i));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(words.byteSize());
            Optimized.memcpyOptimized(copy, words, words.byteSize());
            assertEquals(0, Optimized.memcmpOptimized(copy, words, words.byteSize()));
        }
    }

    @ParameterizedTest
    @MethodSource("bothSides")
    void memcmpSignIsThatOfTheFirstDifferingUnsignedByte(long n) {
        byte[] a = new byte[(int) n];
        byte[] b = new byte[(int) n];
        a[(int) n - 1] = (byte) 0x80;  // 128 as unsigned char, -128 as a Java byte
        b[(int) n - 1] = 0x01;
        MemorySegment left = MemorySegment.ofArray(a);
        MemorySegment right = MemorySegment.ofArray(b);
        assertEquals(1, Optimized.memcmpOptimized(left, right, n));
        assertEquals(-1, Optimized.memcmpOptimized(right, left, n));
        assertEquals(0, Optimized.memcmpOptimized(left, right, n - 1));
        a[0] = 2;
        b[0] = (byte) 0xFF;
        assertEquals(-1, Optimized.memcmpOptimized(left, right, n));
    }

    // ---- unterminated text and ranges ----------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("bothSides")
    void strlenRefusesTextWithoutATerminatorInItsSegment(long size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(size + 16); // zeroed: C's strlen would stop after the slice
            MemorySegment text = block.asSlice(0, size);
            text.fill((byte) 'y');
            UnterminatedStringError e = assertThrows(UnterminatedStringError.class,
                    () -> Optimized.strlenOptimized(text));
            assertEquals("strlenOptimized: no NUL terminator in the " + size + " bytes of s from offset=0 to its end ("
                    + size + " bytes)", e.getMessage());
            assertEquals("strlen", e.functionName().orElseThrow());
            assertEquals(size, Optimized.strnlenOptimized(text, 0, size));
        }
    }

    @Test
    void strlenOfAPointerOfUnknownSizeSaysHowToGiveItOne() {
        UnterminatedStringError e = assertThrows(UnterminatedStringError.class,
                () -> Optimized.strlenOptimized(MemorySegment.NULL));
        assertEquals("strlenOptimized: no NUL terminator in the 0 bytes of s from offset=0 to its end (0 bytes); a"
                + " pointer from C has size 0: give it its size with reinterpret", e.getMessage());
    }

    @Test
    void strlenRefusesAnOffsetOutsideTheSegment() {
        MemorySegment text = MemorySegment.ofArray(new byte[] {'a', 0});
        MemoryRangeError e = assertThrows(MemoryRangeError.class, () -> Optimized.strlenOptimized(text, 3));
        assertEquals("strlenOptimized: offset=3 is not inside s (2 bytes)", e.getMessage());
        e = assertThrows(MemoryRangeError.class, () -> Optimized.strlenOptimized(text, -1));
        assertEquals("strlenOptimized: offset=-1 is not inside s (2 bytes)", e.getMessage());
        assertEquals(0, Optimized.strlenOptimized(text, 1));
    }

    @Test
    void aRangeOverflowingLongIsRefused() {
        MemorySegment segment = MemorySegment.ofArray(new byte[8]);
        MemoryRangeError e = assertThrows(MemoryRangeError.class,
                () -> Optimized.memsetOptimized(segment, 4, 0, Long.MAX_VALUE));
        assertEquals("memsetOptimized: s range offset=4 length=" + Long.MAX_VALUE + " is not inside its 8 bytes",
                e.getMessage());
    }

    // ---- read-only, closed, other thread, null -------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("bothSides")
    void aReadOnlyDestinationIsRefusedAndUnchanged(long n) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(n);
            MemorySegment readOnly = target.asReadOnly();
            MemorySegment source = arena.allocate(n).fill((byte) 9);
            ArgumentTypeError e = assertThrows(ArgumentTypeError.class,
                    () -> Optimized.memcpyOptimized(readOnly, source, n));
            assertEquals("memcpyOptimized: dst is a read-only segment (" + n + " bytes), and it would be written",
                    e.getMessage());
            assertEquals(0, e.index());
            e = assertThrows(ArgumentTypeError.class, () -> Optimized.memmoveOptimized(readOnly, source, n));
            assertEquals("memmoveOptimized: dst is a read-only segment (" + n + " bytes), and it would be written",
                    e.getMessage());
            e = assertThrows(ArgumentTypeError.class, () -> Optimized.memsetOptimized(readOnly, 1, n));
            assertEquals("memsetOptimized: s is a read-only segment (" + n + " bytes), and it would be written",
                    e.getMessage());
            assertEquals(-1L, target.mismatch(arena.allocate(n)), "the refused calls wrote nothing");
            // reading a read-only segment is fine
            assertEquals(0, Optimized.memcmpOptimized(source.asReadOnly(), source, n));
            Optimized.memcpyOptimized(target, source.asReadOnly(), n);
        }
    }

    @ParameterizedTest
    @MethodSource("bothSides")
    void memoryOfAClosedArenaIsFreedMemoryError(long n) {
        Arena closing = Arena.ofConfined();
        MemorySegment gone = closing.allocate(n + 1);
        closing.close();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment live = arena.allocate(n + 1);
            assertFreed("memcpyOptimized: src", () -> Optimized.memcpyOptimized(live, gone, n));
            assertFreed("memcpyOptimized: dst", () -> Optimized.memcpyOptimized(gone, live, n));
            assertFreed("memmoveOptimized: dst", () -> Optimized.memmoveOptimized(gone, live, n));
            assertFreed("memsetOptimized: s", () -> Optimized.memsetOptimized(gone, 0, n));
            assertFreed("memcmpOptimized: b", () -> Optimized.memcmpOptimized(live, gone, n));
            assertFreed("memcmpOptimized: a", () -> Optimized.memcmpOptimized(gone, live, n));
            assertFreed("strlenOptimized: s", () -> Optimized.strlenOptimized(gone));
            assertFreed("strnlenOptimized: s", () -> Optimized.strnlenOptimized(gone, 0, n));
        }
    }

    private static void assertFreed(String prefix, Runnable call) {
        FreedMemoryError e = assertThrows(FreedMemoryError.class, call::run);
        assertEquals(prefix + " is memory that has been freed (its arena is closed)", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @ParameterizedTest
    @MethodSource("bothSides")
    void memoryConfinedToAnotherThreadIsRefused(long n) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mine = arena.allocate(n + 1);
            MemorySegment heap = MemorySegment.ofArray(new byte[(int) n + 1]);
            assertOtherThread("memcpy", () -> Optimized.memcpyOptimized(heap, mine, n));
            assertOtherThread("memset", () -> Optimized.memsetOptimized(mine, 1, n));
            assertOtherThread("memcmp", () -> Optimized.memcmpOptimized(heap, mine, n));
            assertOtherThread("strlen", () -> Optimized.strlenOptimized(mine));
        }
    }

    private static void assertOtherThread(String function, Runnable call) throws Exception {
        ForeignError e = CompletableFuture.supplyAsync(() -> assertThrows(ForeignError.class, call::run)).get();
        assertEquals(ForeignError.class, e.getClass());
        assertTrue(e.getMessage().startsWith(function + "Optimized: a segment is confined to another thread: "),
                e.getMessage());
        assertInstanceOf(WrongThreadException.class, e.getCause());
        assertEquals(function, e.functionName().orElseThrow());
    }

    @Test
    void nullSegmentsAreNamed() {
        MemorySegment some = MemorySegment.ofArray(new byte[4]);
        assertNull("s", () -> Optimized.strlenOptimized(null));
        assertNull("s", () -> Optimized.strnlenOptimized(null, 0, 0));
        assertNull("dst", () -> Optimized.memcpyOptimized(null, some, 0));
        assertNull("src", () -> Optimized.memmoveOptimized(some, null, 0));
        assertNull("s", () -> Optimized.memsetOptimized(null, 0, 0));
        assertNull("a", () -> Optimized.memcmpOptimized(null, some, 0));
        assertNull("b", () -> Optimized.memcmpOptimized(some, null, 0));
        assertNull("block", () -> Optimized.freeOptimized(null));
    }

    private static void assertNull(String name, Runnable call) {
        assertEquals(name, assertThrows(NullPointerException.class, call::run).getMessage());
    }

    // ---- malloc and free -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {1, 16, 4096, 1 << 20})
    void mallocGivesWritableMemoryOfTheSizeAskedAndFreeTakesItBack(long size) {
        MemorySegment block = Optimized.mallocOptimized(size);
        try {
            assertEquals(size, block.byteSize());
            assertTrue(block.isNative());
            Optimized.memsetOptimized(block, 0x3C, size);
            assertEquals(0x3C, block.get(ValueLayout.JAVA_BYTE, size - 1));
        } finally {
            Optimized.freeOptimized(block);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void mallocRefusesSizesBelowOne(long size) {
        AllocationError e = assertThrows(AllocationError.class, () -> Optimized.mallocOptimized(size));
        assertEquals("mallocOptimized: size=" + size + " B: a block has at least 1 byte", e.getMessage());
    }

    @Test
    void mallocReportsTheSystemsRefusal() {
        AllocationError e = assertThrows(AllocationError.class, () -> Optimized.mallocOptimized(Long.MAX_VALUE));
        assertEquals("mallocOptimized: the system refused a block of size=" + Long.MAX_VALUE + " B", e.getMessage());
    }

    @Test
    void freeOfNullDoesNothingAsInC() {
        Optimized.freeOptimized(MemorySegment.NULL);
        Optimized.freeOptimized(MemorySegment.ofAddress(0));
    }

    @Test
    void freeRefusesHeapAndReadOnlyBlocks() {
        ArgumentTypeError e = assertThrows(ArgumentTypeError.class,
                () -> Optimized.freeOptimized(MemorySegment.ofArray(new byte[3])));
        assertEquals("freeOptimized: block is a heap segment (3 bytes), which C never allocated", e.getMessage());
        MemorySegment block = Optimized.mallocOptimized(8);
        try {
            e = assertThrows(ArgumentTypeError.class, () -> Optimized.freeOptimized(block.asReadOnly()));
            assertEquals("freeOptimized: block is a read-only segment (8 bytes), and it would be written",
                    e.getMessage());
        } finally {
            Optimized.freeOptimized(block);
        }
    }

    @Test
    void aRefusedCallChangesNoMemory() {
        byte[] before = {1, 2, 3, 4, 5};
        byte[] bytes = before.clone();
        MemorySegment segment = MemorySegment.ofArray(bytes);
        Consumer<Runnable> refused = call -> assertThrows(ForeignError.class, call::run);
        refused.accept(() -> Optimized.memsetOptimized(segment, 2, 0, 4));
        refused.accept(() -> Optimized.memcpyOptimized(segment, 1, MemorySegment.ofArray(new byte[10]), 0, 5));
        refused.accept(() -> Optimized.memmoveOptimized(segment, 0, segment, 1, 5));
        assertArrayEquals(before, bytes);
    }
}
