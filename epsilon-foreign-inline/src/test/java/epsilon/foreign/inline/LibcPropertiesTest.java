package epsilon.foreign.inline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated segments, lengths, offsets and byte values against every public method of {@link Libc}: each call
 * gives C's answer, checked against Java's own ({@code MemorySegment.copy}, {@code fill}, {@code mismatch}, a
 * byte loop for the string functions), or throws the documented exception with the documented message, and a
 * refused call leaves memory as it was. Never another throwable, never a wrong answer.
 *
 * <p>Segments come in every kind a caller can hold: native of known size (sliced out of a larger block at a
 * random offset), read-only, zero-length raw pointers, read-only raw pointers, heap, {@code NULL}, Java
 * {@code null}, and from a closed arena. The block behind each native segment ends in {@value #SLACK} zero bytes,
 * so that what C may legitimately do through a raw pointer (read to a NUL, or as far as a length the test keeps
 * within the block) stays inside memory the test owns.
 */
class LibcPropertiesTest {
    static final int SLACK = 16;

    enum Kind { NATIVE, READ_ONLY, RAW, RAW_READ_ONLY, HEAP, NULL, JAVA_NULL, CLOSED }

    record Spec(Kind kind, int pad, byte[] contents) {
        @Override
        public String toString() {
            return kind + "(pad " + pad + ", " + Arrays.toString(contents) + ")";
        }
    }

    /** A segment made from a {@link Spec}, with what the oracle needs to know of it. */
    static final class Built {
        final Spec spec;
        final MemorySegment segment;
        /** The whole native block behind it, or null (heap, NULL, closed). */
        final MemorySegment backing;

        Built(Spec spec, MemorySegment segment, MemorySegment backing) {
            this.spec = spec;
            this.segment = segment;
            this.backing = backing;
        }

        long known() {
            return segment == null ? 0 : segment.byteSize();
        }

        boolean closed() {
            return spec.kind() == Kind.CLOSED;
        }

        boolean readOnly() {
            return spec.kind() == Kind.READ_ONLY || spec.kind() == Kind.RAW_READ_ONLY;
        }

        /** Whether C would be handed an open native pointer of unknown extent. */
        boolean rawNative() {
            return backing != null && known() == 0;
        }

        /** The bytes C may read from the segment's start: its own, or for a raw pointer the rest of its block. */
        byte[] readable() {
            return known() != 0 ? segment.toArray(ValueLayout.JAVA_BYTE)
                    : backing.asSlice(spec.pad()).toArray(ValueLayout.JAVA_BYTE);
        }

        String sizeText() {
            return known() == 0 ? "size unknown" : known() + " bytes";
        }

        @Override
        public String toString() {
            return spec.toString();
        }
    }

    // ---- generators ------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(8, Kind.NATIVE), Tuple.of(2, Kind.READ_ONLY),
                Tuple.of(2, Kind.RAW), Tuple.of(1, Kind.RAW_READ_ONLY), Tuple.of(1, Kind.HEAP),
                Tuple.of(1, Kind.NULL), Tuple.of(1, Kind.JAVA_NULL), Tuple.of(1, Kind.CLOSED));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 7), contents()).as(Spec::new);
    }

    /** Mostly a two-letter alphabet with NULs, so that texts share prefixes and end early or not at all. */
    static Arbitrary<byte[]> contents() {
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((byte) 0)),
                Tuple.of(6, Arbitraries.of((byte) 'a', (byte) 'b')), Tuple.of(1, Arbitraries.bytes()));
        return bytes.list().ofMaxSize(24).map(list -> {
            byte[] array = new byte[list.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = list.get(i);
            }
            return array;
        });
    }

    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 48), Arbitraries.longs().between(-3, -1),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40));
    }

    // ---- building segments and running calls ------------------------------------------------------------------

    static Built build(Spec spec, Arena arena, Arena closing) {
        byte[] contents = spec.contents();
        int size = contents.length;
        switch (spec.kind()) {
            case HEAP -> {
                byte[] array = new byte[spec.pad() + size];
                System.arraycopy(contents, 0, array, spec.pad(), size);
                return new Built(spec, MemorySegment.ofArray(array).asSlice(spec.pad()), null);
            }
            case NULL -> {
                return new Built(spec, MemorySegment.NULL, null);
            }
            case JAVA_NULL -> {
                return new Built(spec, null, null);
            }
            case CLOSED -> {
                MemorySegment gone = closing.allocate(size + SLACK).asSlice(0, size);
                MemorySegment.copy(contents, 0, gone, ValueLayout.JAVA_BYTE, 0, size);
                return new Built(spec, gone, null);
            }
            default -> {
                MemorySegment block = arena.allocate(spec.pad() + size + SLACK); // zeroed: the slack is NULs
                block.asSlice(0, spec.pad()).fill((byte) 0x7F);
                MemorySegment view = block.asSlice(spec.pad(), size);
                MemorySegment.copy(contents, 0, view, ValueLayout.JAVA_BYTE, 0, size);
                MemorySegment raw = MemorySegment.ofAddress(view.address());
                MemorySegment segment = switch (spec.kind()) {
                    case READ_ONLY -> view.asReadOnly();
                    case RAW -> raw;
                    case RAW_READ_ONLY -> raw.asReadOnly();
                    default -> view;
                };
                return new Built(spec, segment, block);
            }
        }
    }

    /** Runs {@code test} with the specs built, the closed ones' arena closed first. */
    static void with(Spec[] specs, java.util.function.Consumer<Built[]> test) {
        try (Arena arena = Arena.ofConfined()) {
            Arena closing = Arena.ofConfined();
            Built[] built = new Built[specs.length];
            for (int i = 0; i < specs.length; i++) {
                built[i] = build(specs[i], arena, closing);
            }
            closing.close();
            test.accept(built);
        }
    }

    /** {@code n} kept within the block behind every raw pointer, so that C stays in memory the test owns. */
    static long within(long n, Built... segments) {
        long bounded = n;
        for (Built b : segments) {
            if (n >= 0 && b.rawNative()) {
                bounded = Math.min(bounded, b.backing.byteSize() - b.spec.pad());
            }
        }
        return bounded;
    }

    /** The refusal every segment argument gets for NULL, Java null or a heap segment, or null. */
    static String argumentRefusal(String function, String parameter, Built b) {
        return switch (b.spec.kind()) {
            case NULL, JAVA_NULL -> function + ": " + parameter + " is NULL";
            case HEAP -> function + ": " + parameter + " is a heap segment (" + b.known()
                    + " bytes), and C takes native memory only";
            default -> null;
        };
    }

    static String readOnlyRefusal(String function, String parameter, Built b) {
        return b.readOnly() ? function + ": " + parameter + " is a read-only segment (" + b.sizeText()
                + "), and C would write into it" : null;
    }

    static String lengthRefusal(String function, String lengthName, long n, String segmentName, Built b) {
        if (n < 0) {
            return function + ": " + lengthName + "=" + n + " is negative";
        }
        if (b.known() != 0 && n > b.known()) {
            return function + ": " + lengthName + "=" + n + " is past the end of " + segmentName + " (" + b.known()
                    + " bytes)";
        }
        return null;
    }

    static String first(String... refusals) {
        for (String refusal : refusals) {
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    static boolean anyClosed(Built... segments) {
        return Arrays.stream(segments).anyMatch(Built::closed);
    }

    /**
     * Runs {@code call}: with a refusal expected, it must throw {@link InlineCallException} with that message;
     * else, with a closed segment among the arguments, the JDK's {@link IllegalStateException}; else it must
     * return, and its answer is returned for the caller to check.
     */
    static <T> T expect(String refusal, boolean closed, Supplier<T> call) {
        if (refusal != null) {
            InlineCallException e = assertThrows(InlineCallException.class, call::get);
            assertEquals(refusal, e.getMessage());
            return null;
        }
        if (closed) {
            assertEquals("Already closed", assertThrows(IllegalStateException.class, call::get).getMessage());
            return null;
        }
        return call.get();
    }

    static int indexOfByte(byte[] bytes, int value, long limit) {
        for (int i = 0; i < limit && i < bytes.length; i++) {
            if (bytes[i] == (byte) value) {
                return i;
            }
        }
        return -1;
    }

    static byte[] snapshot(Built b) {
        return b.backing == null ? null : b.backing.toArray(ValueLayout.JAVA_BYTE);
    }

    // ---- strings -----------------------------------------------------------------------------------------------

    @Property(tries = 400)
    void strlenAndStrnlenMeasureWithinTheSegmentOrRefuse(@ForAll("specs") Spec spec, @ForAll("lengths") long drawn,
                                                         @ForAll @IntRange(max = 3) int form) {
        with(new Spec[] {spec}, built -> {
            Built s = built[0];
            long maxlen = within(drawn, s);
            switch (form) {
                case 0 -> {
                    String refusal = argumentRefusal("strlen", "s", s);
                    if (refusal == null && !s.closed() && s.known() != 0 && indexOfByte(s.readable(), 0, s.known()) < 0) {
                        refusal = "strlen: no NUL terminator within the " + s.known() + " bytes of segment s";
                    }
                    Long answer = expect(refusal, s.closed(), () -> Libc.strlen(s.segment));
                    if (answer != null) {
                        assertEquals(indexOfByte(s.readable(), 0, Long.MAX_VALUE), (long) answer);
                    }
                }
                case 1 -> {
                    String refusal = first(argumentRefusal("strnlen", "s", s),
                            lengthRefusal("strnlen", "maxlen", maxlen, "s", s));
                    Long answer = expect(refusal, s.closed(), () -> Libc.strnlen(s.segment, maxlen));
                    if (answer != null) {
                        int nul = indexOfByte(s.readable(), 0, maxlen);
                        assertEquals(nul < 0 ? maxlen : nul, (long) answer);
                    }
                }
                case 2 -> {
                    byte[] array = spec.kind() == Kind.JAVA_NULL ? null : spec.contents();
                    String refusal = array == null ? "strlen: s is NULL" : null;
                    if (array != null && indexOfByte(array, 0, array.length) < 0) {
                        refusal = "strlen: no NUL terminator within the " + array.length + " bytes of array s";
                    }
                    Long answer = expect(refusal, false, () -> Libc.strlen(array));
                    if (answer != null) {
                        assertEquals(indexOfByte(array, 0, array.length), (long) answer);
                    }
                }
                default -> {
                    byte[] array = spec.kind() == Kind.JAVA_NULL ? null : spec.contents();
                    String refusal;
                    if (array == null) {
                        refusal = "strnlen: s is NULL";
                    } else if (drawn < 0) {
                        refusal = "strnlen: maxlen=" + drawn + " is negative";
                    } else if (drawn > array.length) { // an array's length is always known, 0 included
                        refusal = "strnlen: maxlen=" + drawn + " is past the end of s (" + array.length + " bytes)";
                    } else {
                        refusal = null;
                    }
                    Long answer = expect(refusal, false, () -> Libc.strnlen(array, drawn));
                    if (answer != null) {
                        int nul = indexOfByte(array, 0, drawn);
                        assertEquals(nul < 0 ? drawn : nul, (long) answer);
                    }
                }
            }
        });
    }

    @Provide
    Arbitrary<Integer> relations() {
        return Arbitraries.integers().between(0, 3);
    }

    /** {@code b}'s contents made to share {@code a}'s: 0 as drawn, 1 equal, 2 a prefix, 3 one byte changed. */
    static Spec relate(Spec a, Spec b, int relation, int where) {
        byte[] text = a.contents();
        byte[] related = switch (relation) {
            case 1 -> text.clone();
            case 2 -> Arrays.copyOf(text, text.length == 0 ? 0 : where % (text.length + 1));
            case 3 -> {
                byte[] changed = text.clone();
                if (changed.length > 0) {
                    changed[where % changed.length] ^= (byte) 1;
                }
                yield changed;
            }
            default -> b.contents();
        };
        return new Spec(b.kind(), b.pad(), related);
    }

    /**
     * What the bounded comparison answers: the sign of C's, or the refusal of a comparison that would read past
     * the end of a segment of known size. {@code n} is {@link Long#MAX_VALUE} for {@code strcmp}.
     */
    static Object compareText(String function, Built a, Built b, long n) {
        long bound = n;
        if (a.known() != 0 && a.known() < bound) {
            bound = a.known();
        }
        if (b.known() != 0 && b.known() < bound) {
            bound = b.known();
        }
        byte[] left = a.readable();
        byte[] right = b.readable();
        for (int i = 0; ; i++) {
            if (i == bound) {
                if (bound == n) {
                    return 0;
                }
                String shorter = a.known() == bound ? "a" : "b";
                String sizes = "a: " + a.sizeText() + ", b: " + b.sizeText();
                return function.equals("strcmp")
                        ? "strcmp: no NUL terminator within the " + bound + " bytes of segment " + shorter
                                + ", and the other matches them all: comparing on would read past its end (" + sizes + ")"
                        : "strncmp: n=" + n + " is past the end of " + shorter + ", and a and b match on all its "
                                + bound + " bytes with no NUL terminator: comparing on would read past it (" + sizes
                                + ")";
            }
            int x = left[i] & 0xFF;
            int y = right[i] & 0xFF;
            if (x != y) {
                return Integer.signum(x - y);
            }
            if (x == 0) {
                return 0;
            }
        }
    }

    @Property(tries = 500)
    void strcmpAndStrncmpAnswerAsCWithinTheSegmentsOrRefuse(@ForAll("specs") Spec first,
                                                            @ForAll("specs") Spec drawn,
                                                            @ForAll("relations") int relation,
                                                            @ForAll @IntRange(max = 100) int where,
                                                            @ForAll("lengths") long n, @ForAll boolean bounded) {
        Spec second = relate(first, drawn, relation, where);
        with(new Spec[] {first, second}, built -> {
            Built a = built[0];
            Built b = built[1];
            String function = bounded ? "strncmp" : "strcmp";
            String refusal = first(argumentRefusal(function, "a", a), argumentRefusal(function, "b", b),
                    bounded && n < 0 ? "strncmp: n=" + n + " is negative" : null);
            if (refusal != null || anyClosed(a, b)) {
                expect(refusal, true, () -> bounded ? Libc.strncmp(a.segment, b.segment, n)
                        : Libc.strcmp(a.segment, b.segment));
                return;
            }
            Object expected = compareText(function, a, b, bounded ? n : Long.MAX_VALUE);
            if (expected instanceof String message) {
                expect(message, false, () -> bounded ? Libc.strncmp(a.segment, b.segment, n)
                        : Libc.strcmp(a.segment, b.segment));
            } else {
                int answer = bounded ? Libc.strncmp(a.segment, b.segment, n) : Libc.strcmp(a.segment, b.segment);
                assertEquals(expected, Integer.signum(answer), "sign of " + function);
            }
        });
    }

    // ---- memory ------------------------------------------------------------------------------------------------

    @Property(tries = 500)
    void memcpyMemmoveAndMemsetWriteExactlyTheirBytesOrRefuseAndWriteNothing(
            @ForAll("specs") Spec target, @ForAll("specs") Spec source, @ForAll("lengths") long drawn,
            @ForAll @IntRange(max = 2) int form, @ForAll int value) {
        with(new Spec[] {target, source}, built -> {
            Built dst = built[0];
            Built src = built[1];
            long n = within(drawn, dst, src);
            byte[] before = snapshot(dst);
            byte[] copied = src.backing == null || n < 0 ? null : Arrays.copyOf(src.readable(), (int) Math.min(n, 64));
            String function = form == 0 ? "memcpy" : form == 1 ? "memmove" : "memset";
            String refusal;
            MemorySegment answer;
            if (form == 2) {
                refusal = first(argumentRefusal("memset", "s", dst), readOnlyRefusal("memset", "s", dst),
                        lengthRefusal("memset", "n", n, "s", dst));
                answer = expect(refusal, dst.closed(), () -> Libc.memset(dst.segment, value, n));
            } else {
                refusal = first(argumentRefusal(function, "dst", dst), argumentRefusal(function, "src", src),
                        readOnlyRefusal(function, "dst", dst), lengthRefusal(function, "n", n, "dst", dst),
                        lengthRefusal(function, "n", n, "src", src));
                answer = expect(refusal, anyClosed(dst, src), () -> form == 0
                        ? Libc.memcpy(dst.segment, src.segment, n) : Libc.memmove(dst.segment, src.segment, n));
            }
            byte[] after = snapshot(dst);
            if (answer == null) { // refused: C wrote nothing
                if (before != null) {
                    assertArrayEquals(before, after, function + " wrote although refused");
                }
                return;
            }
            assertEquals(dst.segment.address(), answer.address(), function + " returns dst");
            byte[] expected = before.clone();
            int start = dst.spec.pad();
            for (int i = 0; i < n; i++) {
                expected[start + i] = form == 2 ? (byte) value : copied[i];
            }
            assertArrayEquals(expected, after, function + " of " + n + " bytes");
        });
    }

    @Property(tries = 300)
    void memcpyRefusesOverlapAndMemmoveCopiesAsMemorySegmentCopyDoes(@ForAll @IntRange(max = 40) int to,
                                                                    @ForAll @IntRange(max = 40) int from,
                                                                    @ForAll @IntRange(max = 24) int n,
                                                                    @ForAll boolean move) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(64);
            for (int i = 0; i < 64; i++) {
                block.set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            MemorySegment expected = arena.allocate(64);
            expected.copyFrom(block);
            MemorySegment.copy(expected, from, expected, to, n); // as if through a buffer, overlap or not
            MemorySegment dst = block.asSlice(to);
            MemorySegment src = block.asSlice(from);
            boolean overlap = n > 0 && Math.abs(to - from) < n;
            if (!move && overlap) {
                byte[] before = block.toArray(ValueLayout.JAVA_BYTE);
                assertEquals("memcpy: the " + n + " bytes at dst (0x" + Long.toHexString(dst.address()) + ") and src"
                                + " (0x" + Long.toHexString(src.address()) + ") overlap; use memmove",
                        assertThrows(InlineCallException.class, () -> Libc.memcpy(dst, src, n)).getMessage());
                assertArrayEquals(before, block.toArray(ValueLayout.JAVA_BYTE));
                return;
            }
            MemorySegment answer = move ? Libc.memmove(dst, src, n) : Libc.memcpy(dst, src, n);
            assertEquals(dst.address(), answer.address());
            assertEquals(-1, block.mismatch(expected));
        }
    }

    @Property(tries = 400)
    void memcmpMemchrAndIndexOfAnswerAsJavaOrRefuse(@ForAll("specs") Spec first, @ForAll("specs") Spec drawn,
                                                   @ForAll("relations") int relation,
                                                   @ForAll @IntRange(max = 100) int where,
                                                   @ForAll("lengths") long length, @ForAll @IntRange(max = 2) int form,
                                                   @ForAll("bytesToFind") int value) {
        Spec second = relate(first, drawn, relation, where);
        with(new Spec[] {first, second}, built -> {
            Built a = built[0];
            Built b = built[1];
            if (form == 0) {
                long n = within(length, a, b);
                String refusal = first(argumentRefusal("memcmp", "a", a), argumentRefusal("memcmp", "b", b),
                        lengthRefusal("memcmp", "n", n, "a", a), lengthRefusal("memcmp", "n", n, "b", b));
                Integer answer = expect(refusal, anyClosed(a, b), () -> Libc.memcmp(a.segment, b.segment, n));
                if (answer != null) {
                    byte[] left = a.readable();
                    byte[] right = b.readable();
                    int sign = 0;
                    for (int i = 0; i < n; i++) {
                        if (left[i] != right[i]) {
                            sign = Integer.signum((left[i] & 0xFF) - (right[i] & 0xFF));
                            break;
                        }
                    }
                    assertEquals(sign, Integer.signum(answer));
                }
                return;
            }
            long n = within(length, a);
            String refusal = first(argumentRefusal("memchr", "s", a), lengthRefusal("memchr", "n", n, "s", a));
            if (form == 1) {
                MemorySegment found = expect(refusal, a.closed(), () -> Libc.memchr(a.segment, value, n));
                if (found != null) {
                    int index = indexOfByte(a.readable(), value, n);
                    assertEquals(index < 0 ? 0 : a.segment.address() + index, found.address());
                }
            } else {
                Long index = expect(refusal, a.closed(), () -> Libc.indexOf(a.segment, value, n));
                if (index != null) {
                    assertEquals(indexOfByte(a.readable(), value, n), (long) index);
                }
            }
        });
    }

    @Provide
    Arbitrary<Integer> bytesToFind() {
        return Arbitraries.oneOf(Arbitraries.of(0, (int) 'a', (int) 'b', 'a' + 256, -1), Arbitraries.integers());
    }

    @Property(tries = 300)
    void memcmpOfArraysAnswersAsJavaOrRefuses(@ForAll("specs") Spec first, @ForAll("specs") Spec second,
                                              @ForAll("lengths") long n) {
        byte[] a = first.kind() == Kind.JAVA_NULL ? null : first.contents();
        byte[] b = second.kind() == Kind.JAVA_NULL ? null : second.contents();
        String refusal;
        if (a == null || b == null) {
            refusal = "memcmp: " + (a == null ? "a" : "b") + " is NULL";
        } else if (n < 0) {
            refusal = "memcmp: n=" + n + " is negative";
        } else if (n > a.length) { // an empty array included: its length is known
            refusal = "memcmp: n=" + n + " is past the end of a (" + a.length + " bytes)";
        } else if (n > b.length) {
            refusal = "memcmp: n=" + n + " is past the end of b (" + b.length + " bytes)";
        } else {
            refusal = null;
        }
        Integer answer = expect(refusal, false, () -> Libc.memcmp(a, b, n));
        if (answer != null) {
            int sign = Integer.signum(Arrays.compareUnsigned(a, 0, (int) n, b, 0, (int) n));
            assertEquals(sign, Integer.signum(answer));
        }
    }

    // ---- allocation, process and arithmetic ----------------------------------------------------------------------

    @Provide
    Arbitrary<Long> allocationSizes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 4096), Arbitraries.longs().between(Long.MIN_VALUE, -1),
                Arbitraries.longs().between(1L << 47, Long.MAX_VALUE), Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE));
    }

    @Property(tries = 300)
    void theAllocatorAnswersASegmentOfTheSizeOrNullOrRefuses(@ForAll("allocationSizes") long size,
                                                             @ForAll("allocationSizes") long count,
                                                             @ForAll("specs") Spec kind) {
        String refusal = size < 0 ? "malloc: size=" + size + " is negative" : null;
        MemorySegment block = expect(refusal, false, () -> Libc.malloc(size));
        if (block != null) {
            if (size >= 1L << 47) {
                assertEquals(MemorySegment.NULL, block, "no process maps 2^47 bytes");
            } else {
                assertEquals(size, block.byteSize());
                block.fill((byte) 1);
                checkFree(block, kind);
            }
        }
        String callocRefusal = count < 0 ? "calloc: count=" + count + " is negative"
                : size < 0 ? "calloc: size=" + size + " is negative" : null;
        MemorySegment zeroed = expect(callocRefusal, false, () -> Libc.calloc(count, size));
        if (zeroed != null) {
            boolean fits = Math.multiplyHigh(count, size) == 0 && count * size >= 0 && count * size < 1L << 47;
            if (!fits) {
                assertEquals(MemorySegment.NULL, zeroed, count + " * " + size);
            } else if (count * size > 1 << 20) {
                Libc.free(zeroed); // served, perhaps: too large to check here
            } else {
                assertEquals(count * size, zeroed.byteSize());
                assertEquals(-1, zeroed.mismatch(MemorySegment.ofArray(new byte[(int) (count * size)])));
                checkFree(zeroed, kind);
            }
        }
        MemorySegment grown = Libc.realloc(null, 16); // realloc(NULL, n) is malloc(n)
        grown.fill((byte) 9);
        String reallocRefusal = size < 0 ? "realloc: size=" + size + " is negative"
                : size == 0 ? "realloc: size=0 with a non-NULL ptr frees it in glibc and is undefined in C23; call"
                        + " free(ptr) instead" : null;
        MemorySegment moved = expect(reallocRefusal, false, () -> Libc.realloc(grown, size));
        if (moved == null || moved.address() == 0) {
            Libc.free(grown); // refused, or the system said no: ptr is still valid
        } else {
            assertEquals(size, moved.byteSize());
            long kept = Math.min(16, size); // realloc keeps the contents up to the smaller size
            assertEquals(-1, moved.asSlice(0, kept).mismatch(ninesOf(kept)));
            Libc.free(moved);
        }
    }

    private static MemorySegment ninesOf(long n) {
        byte[] nines = new byte[(int) n];
        Arrays.fill(nines, (byte) 9);
        return MemorySegment.ofArray(nines);
    }

    /** Frees {@code block} through a segment of the drawn kind: refused for heap and read-only, else freed. */
    private static void checkFree(MemorySegment block, Spec kind) {
        switch (kind.kind()) {
            case READ_ONLY, RAW_READ_ONLY -> {
                MemorySegment readOnly = kind.kind() == Kind.READ_ONLY ? block.asReadOnly()
                        : MemorySegment.ofAddress(block.address()).asReadOnly();
                expect("free: ptr is a read-only segment (" + (readOnly.byteSize() == 0 ? "size unknown"
                        : readOnly.byteSize() + " bytes") + "), and C would write into it", false, () -> {
                    Libc.free(readOnly);
                    return null;
                });
                Libc.free(block);
            }
            case HEAP -> {
                MemorySegment heap = MemorySegment.ofArray(kind.contents());
                expect("free: ptr is a heap segment (" + kind.contents().length
                        + " bytes), and C takes native memory only", false, () -> {
                    Libc.free(heap);
                    return null;
                });
                Libc.free(block);
            }
            case NULL, JAVA_NULL -> {
                Libc.free(kind.kind() == Kind.NULL ? MemorySegment.NULL : null); // free(NULL) does nothing
                Libc.free(block);
            }
            case RAW -> Libc.free(MemorySegment.ofAddress(block.address()));
            default -> Libc.free(block);
        }
    }

    @Property(tries = 300)
    void theScalarFunctionsAnswerAsJava(@ForAll int i, @ForAll long l, @ForAll @IntRange(min = -1, max = 127) int c) {
        assertEquals(i == Integer.MIN_VALUE ? i : Math.abs(i), Libc.abs(i));
        assertEquals(l == Long.MIN_VALUE ? l : Math.abs(l), Libc.labs(l));
        assertEquals(l == Long.MIN_VALUE ? l : Math.abs(l), Libc.llabs(l));
        // ASCII maps the same in every locale the JVM may have set; EOF (-1) maps to itself
        assertEquals(c >= 'a' && c <= 'z' ? c - 32 : c, Libc.toupper(c));
        assertEquals(c >= 'A' && c <= 'Z' ? c + 32 : c, Libc.tolower(c));
        assertEquals(ProcessHandle.current().pid(), Libc.getpid());
    }
}
