package epsilon.foreign.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.inline.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Every function of {@link Optimized} on generated sizes (0 to past the largest crossover, crowded around each
 * crossover), offsets, alignments, contents and kinds of memory (native, and heap over {@code byte[]} and {@code long[]}), against two
 * oracles: libc itself (through inline's {@link Libc}, on native copies of the same bytes) and plain Java over
 * arrays. Each segment is a slice of a larger block whose bytes before and after it are a guard pattern, checked
 * untouched after every call: no function writes outside its segment, and text without a terminator inside its
 * segment is refused rather than read on.
 */
class OptimizedPropertiesTest {
    private static final int GUARD = 24;
    private static final byte GUARD_BYTE = (byte) 0x5A;

    enum Kind { NATIVE, HEAP_BYTES, HEAP_LONGS }

    /** A segment of {@code contents} sliced at {@code pad} out of a guarded block of the given kind. */
    static final class Slot {
        final MemorySegment block;
        final MemorySegment segment;
        final int pad;

        Slot(Kind kind, int pad, byte[] contents, Arena arena) {
            this.pad = pad;
            int total = pad + contents.length + GUARD;
            block = switch (kind) {
                case NATIVE -> arena.allocate(total, 8);
                case HEAP_BYTES -> MemorySegment.ofArray(new byte[total]);
                case HEAP_LONGS -> MemorySegment.ofArray(new long[(total + 7) / 8]);
            };
            block.fill(GUARD_BYTE);
            segment = block.asSlice(pad, contents.length);
            MemorySegment.copy(contents, 0, segment, ValueLayout.JAVA_BYTE, 0, contents.length);
        }

        byte[] bytes() {
            return segment.toArray(ValueLayout.JAVA_BYTE);
        }

        /** The guard bytes around the segment are as they were. */
        void assertGuardsIntact() {
            for (long i = 0; i < block.byteSize(); i++) {
                if (i < pad || i >= pad + segment.byteSize()) {
                    assertEquals(GUARD_BYTE, block.get(ValueLayout.JAVA_BYTE, i), "guard byte " + i + " overwritten");
                }
            }
        }
    }

    // ---- generators ------------------------------------------------------------------------------------------

    /** Sizes from 0 to 9 KiB, or past the largest crossover, and crowded around each crossover. */
    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 9 * 1024),
                Arbitraries.integers().between(0, (int) Optimized.COPY_C_FROM + 4096),
                around(Optimized.COPY_C_FROM), around(Optimized.FILL_C_FROM), around(Optimized.COMPARE_C_FROM),
                around(Optimized.STRLEN_JAVA_PREFIX), Arbitraries.integers().between(0, 40));
    }

    private static Arbitrary<Integer> around(long crossover) {
        return Arbitraries.integers().between((int) Math.max(0, crossover - 24), (int) crossover + 24);
    }

    @Provide
    Arbitrary<Kind> kinds() {
        return Arbitraries.frequency(Tuple.of(3, Kind.NATIVE), Tuple.of(2, Kind.HEAP_BYTES),
                Tuple.of(1, Kind.HEAP_LONGS));
    }

    static byte[] randomBytes(long seed, int size, boolean withZeros) {
        java.util.Random random = new java.util.Random(seed);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            byte b = (byte) random.nextInt(256);
            bytes[i] = b == 0 && !withZeros ? 1 : b;
        }
        return bytes;
    }

    static MemorySegment nativeCopy(byte[] bytes, Arena arena) {
        MemorySegment copy = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, copy, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return copy.asSlice(0, bytes.length);
    }

    // ---- strlen ------------------------------------------------------------------------------------------

    @Property(tries = 300)
    void strlenIsLibcsAndJavasAnswerOrRefusesUnterminatedText(@ForAll("sizes") int size, @ForAll("kinds") Kind kind,
            @ForAll @IntRange(max = 7) int pad, @ForAll long seed, @ForAll @IntRange(max = 3) int zeros,
            @ForAll @IntRange(max = 64) int offsetWish) {
        byte[] contents = randomBytes(seed, size, false);
        java.util.Random random = new java.util.Random(seed ^ 0x5EED);
        for (int i = 0; i < zeros && size > 0; i++) {
            contents[random.nextInt(size)] = 0;
        }
        long offset = Math.min(offsetWish, size);
        try (Arena arena = Arena.ofConfined()) {
            Slot slot = new Slot(kind, pad, contents, arena);
            int javaAnswer = -1;
            for (int i = (int) offset; i < size; i++) {
                if (contents[i] == 0) {
                    javaAnswer = i - (int) offset;
                    break;
                }
            }
            long remaining = size - offset;
            long libcAnswer = Libc.strnlen(nativeCopy(contents, arena).asSlice(offset), remaining);
            if (javaAnswer < 0) {
                assertEquals(remaining, libcAnswer);
                UnterminatedStringError e = assertThrows(UnterminatedStringError.class,
                        () -> Optimized.strlenOptimized(slot.segment, offset));
                assertEquals("strlenOptimized: no NUL terminator in the " + remaining + " bytes of s from offset="
                        + offset + " to its end (" + size + " bytes)" + (size == 0
                        ? "; a pointer from C has size 0: give it its size with reinterpret" : ""), e.getMessage());
            } else {
                assertEquals(javaAnswer, libcAnswer);
                assertEquals(javaAnswer, Optimized.strlenOptimized(slot.segment, offset));
                if (offset == 0) {
                    assertEquals(javaAnswer, Optimized.strlenOptimized(slot.segment));
                }
            }
            // strnlen over every bound up to the end of the segment: C's answer, never an error
            long maxlen = random.nextLong(remaining + 1);
            assertEquals(Libc.strnlen(nativeCopy(contents, arena).asSlice(offset), maxlen),
                    Optimized.strnlenOptimized(slot.segment, offset, maxlen));
            slot.assertGuardsIntact();
        }
    }

    // ---- memcpy and memmove --------------------------------------------------------------------------------

    @Property(tries = 300)
    void memcpyCopiesExactlyTheRangeAsLibcDoes(@ForAll("sizes") int n, @ForAll("kinds") Kind from,
            @ForAll("kinds") Kind to, @ForAll @IntRange(max = 9) int srcPad, @ForAll @IntRange(max = 9) int dstPad,
            @ForAll @IntRange(max = 40) int srcOffset, @ForAll @IntRange(max = 40) int dstOffset,
            @ForAll long seed, @ForAll boolean move) {
        byte[] source = randomBytes(seed, srcOffset + n, true);
        byte[] target = randomBytes(~seed, dstOffset + n + 3, true);
        try (Arena arena = Arena.ofConfined()) {
            Slot src = new Slot(from, srcPad, source, arena);
            Slot dst = new Slot(to, dstPad, target, arena);
            byte[] expected = target.clone();
            System.arraycopy(source, srcOffset, expected, dstOffset, n);
            MemorySegment libcTarget = nativeCopy(target, arena);
            Libc.memmove(libcTarget.asSlice(dstOffset), nativeCopy(source, arena).asSlice(srcOffset), n);
            assertArrayEquals(expected, libcTarget.toArray(ValueLayout.JAVA_BYTE));
            MemorySegment returned = move
                    ? Optimized.memmoveOptimized(dst.segment, dstOffset, src.segment, srcOffset, n)
                    : Optimized.memcpyOptimized(dst.segment, dstOffset, src.segment, srcOffset, n);
            assertSame(dst.segment, returned);
            assertArrayEquals(expected, dst.bytes());
            assertArrayEquals(source, src.bytes());
            dst.assertGuardsIntact();
            src.assertGuardsIntact();
        }
    }

    @Property(tries = 200)
    void overlappingRangesAreCopiedAsThroughATemporaryBuffer(@ForAll("sizes") int n, @ForAll("kinds") Kind kind,
            @ForAll @IntRange(max = 300) int srcOffset, @ForAll @IntRange(max = 300) int dstOffset,
            @ForAll long seed, @ForAll boolean move) {
        byte[] contents = randomBytes(seed, Math.max(srcOffset, dstOffset) + n, true);
        try (Arena arena = Arena.ofConfined()) {
            Slot slot = new Slot(kind, 3, contents, arena);
            byte[] expected = contents.clone();
            System.arraycopy(contents, srcOffset, expected, dstOffset, n); // arraycopy copies overlaps correctly
            if (move) {
                Optimized.memmoveOptimized(slot.segment, dstOffset, slot.segment, srcOffset, n);
            } else {
                Optimized.memcpyOptimized(slot.segment, dstOffset, slot.segment, srcOffset, n);
            }
            assertArrayEquals(expected, slot.bytes());
            slot.assertGuardsIntact();
        }
    }

    // ---- memset ------------------------------------------------------------------------------------------

    @Property(tries = 300)
    void memsetFillsExactlyTheRangeWithTheLowByte(@ForAll("sizes") int n, @ForAll("kinds") Kind kind,
            @ForAll @IntRange(max = 9) int pad, @ForAll @IntRange(max = 40) int offset, @ForAll int c,
            @ForAll long seed) {
        byte[] contents = randomBytes(seed, offset + n + 2, true);
        try (Arena arena = Arena.ofConfined()) {
            Slot slot = new Slot(kind, pad, contents, arena);
            byte[] expected = contents.clone();
            Arrays.fill(expected, offset, offset + n, (byte) c);
            MemorySegment libc = nativeCopy(contents, arena);
            Libc.memset(libc.asSlice(offset), c, n);
            assertArrayEquals(expected, libc.toArray(ValueLayout.JAVA_BYTE));
            MemorySegment returned = offset == 0 && kind == Kind.NATIVE
                    ? Optimized.memsetOptimized(slot.segment, c, n)
                    : Optimized.memsetOptimized(slot.segment, offset, c, n);
            assertSame(slot.segment, returned);
            assertArrayEquals(expected, slot.bytes());
            slot.assertGuardsIntact();
        }
    }

    // ---- memcmp ------------------------------------------------------------------------------------------

    @Property(tries = 300)
    void memcmpHasLibcsSignAndComparesUnsignedBytes(@ForAll("sizes") int n, @ForAll("kinds") Kind left,
            @ForAll("kinds") Kind right, @ForAll @IntRange(max = 9) int aPad, @ForAll @IntRange(max = 9) int bPad,
            @ForAll @IntRange(max = 40) int aOffset, @ForAll @IntRange(max = 40) int bOffset, @ForAll long seed,
            @ForAll @IntRange(max = 2) int differences) {
        byte[] common = randomBytes(seed, n, true);
        byte[] a = new byte[aOffset + n];
        byte[] b = new byte[bOffset + n];
        System.arraycopy(common, 0, a, aOffset, n);
        System.arraycopy(common, 0, b, bOffset, n);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < differences && n > 0; i++) { // often one byte, often high (sign-sensitive)
            int at = random.nextInt(n);
            b[bOffset + at] = (byte) (a[aOffset + at] ^ (random.nextBoolean() ? 0x80 : 1 + random.nextInt(255)));
        }
        try (Arena arena = Arena.ofConfined()) {
            Slot sa = new Slot(left, aPad, a, arena);
            Slot sb = new Slot(right, bPad, b, arena);
            int java = Integer.signum(Arrays.compareUnsigned(a, aOffset, aOffset + n, b, bOffset, bOffset + n));
            int libc = Integer.signum(Libc.memcmp(nativeCopy(a, arena).asSlice(aOffset),
                    nativeCopy(b, arena).asSlice(bOffset), n));
            assertEquals(java, libc);
            assertEquals(java, Optimized.memcmpOptimized(sa.segment, aOffset, sb.segment, bOffset, n));
            assertEquals(-java, Optimized.memcmpOptimized(sb.segment, bOffset, sa.segment, aOffset, n));
            if (aOffset == 0 && bOffset == 0) {
                assertEquals(java, Optimized.memcmpOptimized(sa.segment, sb.segment, n));
            }
        }
    }

    // ---- ranges ------------------------------------------------------------------------------------------

    @Property(tries = 300)
    void aRangeOutsideItsSegmentIsRefusedAndChangesNothing(@ForAll @IntRange(max = 5000) int size,
            @ForAll("kinds") Kind kind, @ForAll("offsets") long offset, @ForAll("offsets") long n) {
        boolean inside = offset >= 0 && n >= 0 && offset <= size - n;
        if (inside) {
            return;
        }
        byte[] contents = randomBytes(size, size, true);
        try (Arena arena = Arena.ofConfined()) {
            Slot slot = new Slot(kind, 0, contents, arena);
            Slot other = new Slot(kind, 0, randomBytes(~size, 6000, true), arena);
            String range = " range offset=" + offset + " length=" + n + " is not inside its " + size + " bytes";
            MemoryRangeError e = assertThrows(MemoryRangeError.class,
                    () -> Optimized.memcpyOptimized(slot.segment, offset, other.segment, 0, n));
            assertEquals("memcpyOptimized: dst" + range, e.getMessage());
            assertEquals("memcpy", e.functionName().orElseThrow());
            e = assertThrows(MemoryRangeError.class,
                    () -> Optimized.memmoveOptimized(other.segment, 0, slot.segment, offset, n));
            assertEquals(n < 0 || n > 6000
                    ? "memmoveOptimized: dst range offset=0 length=" + n + " is not inside its 6000 bytes"
                    : "memmoveOptimized: src" + range, e.getMessage());
            e = assertThrows(MemoryRangeError.class, () -> Optimized.memsetOptimized(slot.segment, offset, 1, n));
            assertEquals("memsetOptimized: s" + range, e.getMessage());
            e = assertThrows(MemoryRangeError.class,
                    () -> Optimized.memcmpOptimized(slot.segment, offset, other.segment, 0, n));
            assertEquals("memcmpOptimized: a" + range, e.getMessage());
            e = assertThrows(MemoryRangeError.class, () -> Optimized.strnlenOptimized(slot.segment, offset, n));
            assertEquals("strnlenOptimized: s" + range, e.getMessage());
            assertArrayEquals(contents, slot.bytes());
            slot.assertGuardsIntact();
        }
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 6000),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1L));
    }
}
