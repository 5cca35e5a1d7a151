package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeArraysTest {
    private static final MethodHandle MEMCPY = Libc.handle("void *memcpy(void *dest, const void *src, size_t n)");
    private static final MethodHandle MEMSET = Libc.handle("void *memset(void *s, int c, size_t n)");
    private static final MethodHandle STRLEN = Libc.handle("size_t strlen(const char *s)");
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void closeArena() {
        arena.close();
    }

    @Test
    void shouldBuildANullTerminatedStringArrayThatCReads() throws Throwable {
        MemorySegment argv = NativeArrays.stringArray(List.of("one", "three", "\u00e9"), arena);
        assertEquals(4 * ValueLayout.ADDRESS.byteSize(), argv.byteSize());
        assertEquals(5L, (long) STRLEN.invokeExact(argv.getAtIndex(ValueLayout.ADDRESS, 1)));
        assertEquals(0L, argv.getAtIndex(ValueLayout.ADDRESS, 3).address());
        assertEquals(List.of("one", "three", "\u00e9"), NativeArrays.readStringArray(argv, StandardCharsets.UTF_8, 10));
        MemorySegment wide = NativeArrays.stringArray(List.of("w"), StandardCharsets.UTF_16LE, arena);
        assertEquals(List.of("w"), NativeArrays.readStringArray(wide, StandardCharsets.UTF_16LE, 10));
    }

    @Test
    void shouldRefuseAnUnterminatedStringArray() {
        MemorySegment pointers = arena.allocate(ValueLayout.ADDRESS, 2);
        pointers.setAtIndex(ValueLayout.ADDRESS, 0, NativeStrings.toNative("a", arena));
        pointers.setAtIndex(ValueLayout.ADDRESS, 1, NativeStrings.toNative("b", arena));
        ConversionError e = assertThrows(ConversionError.class,
                () -> NativeArrays.readStringArray(pointers, StandardCharsets.UTF_8, 10));
        assertTrue(e.getMessage().contains("no NULL entry within the first 2 pointers"), e.getMessage());
    }

    @Test
    void shouldReadBackAnOutputArrayThatCFilled() throws Throwable {
        MemorySegment source = NativeArrays.copyOf(new int[] {5, -6, 7}, arena);
        OutputArray out = NativeArrays.output(CType.INT, 3, arena);
        MemorySegment unused = (MemorySegment) MEMCPY.invokeExact(out.segment(), source, 12L);
        assertArrayEquals(new int[] {5, -6, 7}, out.toIntArray());
        assertArrayEquals(new long[] {5, -6, 7}, out.toLongArray());
        assertArrayEquals(new Object[] {5, -6, 7}, out.toArray());
        assertEquals(-6, out.get(1));
        assertEquals(3, out.count());
        assertEquals("OutputArray[int[3]]", out.toString());
    }

    @Test
    void shouldZeroExtendUnsignedOutputElements() throws Throwable {
        OutputArray bytes = NativeArrays.output(CType.UNSIGNED_CHAR, 4, arena);
        MemorySegment unused = (MemorySegment) MEMSET.invokeExact(bytes.segment(), 0xAB, 4L);
        assertArrayEquals(new int[] {171, 171, 171, 171}, bytes.toIntArray());

        OutputArray words = NativeArrays.output(CType.UNSIGNED_INT, 2, arena);
        unused = (MemorySegment) MEMSET.invokeExact(words.segment(), 0xFF, 8L);
        assertArrayEquals(new long[] {4294967295L, 4294967295L}, words.toLongArray());
        ConversionError e = assertThrows(ConversionError.class, words::toIntArray);
        assertTrue(e.getMessage().contains("toIntArray needs elements whose values fit an int, but the elements are"
                + " unsigned int; use toLongArray()"), e.getMessage());
    }

    @Test
    void shouldReadDoublesAndStringsFromOutputArrays() throws Throwable {
        OutputArray doubles = NativeArrays.output(CType.DOUBLE, 2, arena);
        MemorySegment source = NativeArrays.copyOf(new double[] {0.5, -2.0}, arena);
        MemorySegment unused = (MemorySegment) MEMCPY.invokeExact(doubles.segment(), source, 16L);
        assertArrayEquals(new double[] {0.5, -2.0}, doubles.toDoubleArray());
        ConversionError notInteger = assertThrows(ConversionError.class, doubles::toLongArray);
        assertTrue(notInteger.getMessage().contains("toLongArray needs integer elements, but the elements are double"),
                notInteger.getMessage());

        OutputArray strings = NativeArrays.output(CType.STRING, 2, arena);
        MemorySegment names = NativeArrays.stringArray(List.of("x", "yz"), arena);
        unused = (MemorySegment) MEMCPY.invokeExact(strings.segment(), names, 2 * ValueLayout.ADDRESS.byteSize());
        assertArrayEquals(new Object[] {"x", "yz"}, strings.toArray());
        ConversionError notFloating = assertThrows(ConversionError.class, strings::toDoubleArray);
        assertTrue(notFloating.getMessage().contains("toDoubleArray needs float or double elements, but the elements are char *"),
                notFloating.getMessage());
    }

    @Test
    void shouldCopyEveryPrimitiveArrayAndCopyBack() {
        assertArrayEquals(new long[] {1, 2}, NativeArrays.copyOf(new long[] {1, 2}, arena).toArray(ValueLayout.JAVA_LONG));
        assertArrayEquals(new byte[] {1, 2}, NativeArrays.copyOf(new byte[] {1, 2}, arena).toArray(ValueLayout.JAVA_BYTE));
        assertArrayEquals(new short[] {3}, NativeArrays.copyOf(new short[] {3}, arena).toArray(ValueLayout.JAVA_SHORT));
        assertArrayEquals(new float[] {1.5f}, NativeArrays.copyOf(new float[] {1.5f}, arena).toArray(ValueLayout.JAVA_FLOAT));
        assertArrayEquals(new char[] {'h'}, NativeArrays.copyOf(new char[] {'h'}, arena).toArray(ValueLayout.JAVA_CHAR));
        assertEquals(8, NativeArrays.copyOfArray(new int[] {1, 2}, arena).byteSize());

        MemorySegment native_ = NativeArrays.copyOf(new int[] {9, 8, 7}, arena);
        int[] back = new int[3];
        NativeArrays.copyInto(native_, back);
        assertArrayEquals(new int[] {9, 8, 7}, back);
        long[] longs = new long[1];
        NativeArrays.copyInto(NativeArrays.copyOf(new long[] {42}, arena), longs);
        assertEquals(42, longs[0]);
        double[] doubles = new double[1];
        NativeArrays.copyInto(NativeArrays.copyOf(new double[] {4.5}, arena), doubles);
        assertEquals(4.5, doubles[0]);
        byte[] bytes = new byte[2];
        NativeArrays.copyInto(NativeArrays.copyOf(new byte[] {4, 5}, arena), bytes);
        assertEquals("[4, 5]", Arrays.toString(bytes));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeArrays.copyOfArray(new boolean[1], arena));
        assertTrue(e.getMessage().contains("not a copyable primitive array: boolean[]"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> NativeArrays.copyInto(arena.allocate(4), new int[2]));
    }

    @Test
    void shouldReadExactlyCountStringsWithNullEntriesAsNull() {
        MemorySegment names = arena.allocate(ValueLayout.ADDRESS, 3);
        names.setAtIndex(ValueLayout.ADDRESS, 0, NativeStrings.toNative("a", arena));
        names.setAtIndex(ValueLayout.ADDRESS, 2, NativeStrings.toNative("c", arena)); // entry 1 stays NULL
        assertArrayEquals(new String[] {"a", null, "c"}, NativeArrays.readStrings(names, 3));
        assertArrayEquals(new String[] {"a", null}, NativeArrays.readStrings(names, 2)); // never past the count
        assertArrayEquals(new String[0], NativeArrays.readStrings(MemorySegment.NULL, 0));
        // as C gives it: a zero-length address, trusted for the count
        MemorySegment address = MemorySegment.ofAddress(names.address());
        assertArrayEquals(new String[] {"a", null, "c"}, NativeArrays.readStrings(address, 3,
                StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseACountTheStringsCannotHave() {
        MemorySegment two = arena.allocate(ValueLayout.ADDRESS, 2);
        ConversionError tooMany = assertThrows(ConversionError.class, () -> NativeArrays.readStrings(two, 3));
        assertEquals("cannot read 3 strings from a segment of 16 bytes (24 needed)", tooMany.getMessage());
        ConversionError negative = assertThrows(ConversionError.class, () -> NativeArrays.readStrings(two, -1));
        assertEquals("cannot read -1 strings: the count is negative", negative.getMessage());
        ConversionError fromNull = assertThrows(ConversionError.class,
                () -> NativeArrays.readStrings(MemorySegment.NULL, 1));
        assertEquals("cannot read 1 strings at NULL", fromNull.getMessage());
        NullPointerException noCharset = assertThrows(NullPointerException.class,
                () -> NativeArrays.readStrings(two, 1, null));
        assertEquals("charset", noCharset.getMessage());
    }
}
