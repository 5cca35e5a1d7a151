package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MarshalTest {
    private static final MethodHandle STRLEN = Libc.handle("size_t strlen(const char *s)");
    private static final MethodHandle TOUPPER = Libc.handle("int toupper(int c)");
    private static final MethodHandle ABS = Libc.handle("int abs(int j)");
    private static final MethodHandle LABS = Libc.handle("long labs(long j)");
    private static final MethodHandle STRTOL = Libc.handle("long strtol(const char *nptr, char **endptr, int base)");
    private static final MethodHandle STRTOUL = Libc.handle("unsigned long strtoul(const char *nptr, char **endptr, int base)");
    private static final MethodHandle STRDUP = Libc.handle("char *strdup(const char *s)");
    private static final MethodHandle FREE = Libc.handle("void free(void *p)");
    private static final MethodHandle SQRT = Libc.handle("double sqrt(double x)");
    private static final MethodHandle SQRTF = Libc.handle("float sqrtf(float x)");
    private static final MethodHandle DIV = Libc.handle("div_t div(int numerator, int denominator)");
    private static final MethodHandle MEMCMP = Libc.handle("int memcmp(const void *a, const void *b, size_t n)");

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void closeArena() {
        arena.close();
    }

    private Object in(Object value, CType type) {
        return Marshal.toForeign(value, type, arena, "f", 0);
    }

    private static <T extends Throwable> T fails(Class<T> type, String fragment, Executable call) {
        T error = assertThrows(type, call);
        assertTrue(error.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + error.getMessage());
        return error;
    }

    // ---- scalars ---------------------------------------------------------------------------------------

    @Test
    void shouldReturnTheExactBoxedCarrierItself() {
        Integer i = 123456;
        Long l = 1234567890123L;
        Double d = 2.5;
        assertSame(i, in(i, CType.INT));
        assertSame(l, in(l, CType.LONG_LONG));
        assertSame(d, in(d, CType.DOUBLE));
        MemorySegment segment = arena.allocate(8);
        assertSame(segment, in(segment, CType.POINTER));
    }

    @Test
    void shouldWidenAndNarrowIntegralNumbersToTheCarrier() {
        assertEquals(7L, in((byte) 7, CType.LONG_LONG));
        assertEquals(7, in(7L, CType.INT));
        assertEquals((short) -3, in(-3, CType.SHORT));
        assertEquals((byte) -56, in(200, CType.UNSIGNED_CHAR));
        assertEquals((byte) 97, in('a', CType.CHAR));
        assertEquals((byte) -23, in('\u00e9', CType.CHAR));
        assertEquals(-1, in(4294967295L, CType.UNSIGNED_INT));
        assertEquals(-1L, in(-1L, CType.UINT64));
        assertEquals(-1L, in(new BigInteger("18446744073709551615"), CType.UINT64));
        assertEquals(42, in(BigInteger.valueOf(42), CType.INT));
        assertEquals((short) -1, in(65535, CType.UINT16));
    }

    @Test
    void shouldRejectValuesOutsideTheCTypesRange() {
        fails(ConversionError.class, "argument 0 of f: 300 does not fit C type unsigned char (range 0..255)",
                () -> in(300, CType.UNSIGNED_CHAR));
        fails(ConversionError.class, "-1 does not fit C type unsigned int (range 0..4294967295)",
                () -> in(-1, CType.UNSIGNED_INT));
        fails(ConversionError.class, "-129 does not fit C type int8_t", () -> in(-129, CType.INT8));
        fails(ConversionError.class, "2147483648 does not fit C type int", () -> in(2147483648L, CType.INT));
        fails(ConversionError.class, "65536 does not fit C type unsigned short", () -> in(65536, CType.UNSIGNED_SHORT));
        fails(ConversionError.class, "-1 does not fit C type size_t", () -> in(-1, CType.SIZE_T));
        fails(ConversionError.class, "18446744073709551616 does not fit C type uint64_t",
                () -> in(BigInteger.ONE.shiftLeft(64), CType.UINT64));
        fails(ConversionError.class, "does not fit C type long long", () -> in(BigInteger.ONE.shiftLeft(63), CType.LONG_LONG));
        fails(ConversionError.class, "\u20ac does not fit C type char (range -128..255", () -> in('\u20ac', CType.CHAR));
        ConversionError error = assertThrows(ConversionError.class,
                () -> Marshal.toForeign(256, CType.UINT8, arena, "putc", 3));
        assertEquals("putc", error.functionName().orElseThrow());
    }

    @Test
    void shouldConvertFloatingPointAndRejectInexactIntegers() {
        assertEquals(0.1f, in(0.1, CType.FLOAT));
        assertEquals(2.5, in(2.5f, CType.DOUBLE));
        assertEquals(16777216f, in(16777216, CType.FLOAT));
        assertEquals(9.007199254740992E15, in(9007199254740992L, CType.DOUBLE));
        assertEquals(Float.NaN, in(Double.NaN, CType.FLOAT));
        fails(ConversionError.class, "1.0E300 does not fit C type float (beyond the float range",
                () -> in(1e300, CType.FLOAT));
        fails(ConversionError.class, "16777217 does not fit C type float (not exactly representable",
                () -> in(16777217, CType.FLOAT));
        fails(ConversionError.class, "9007199254740993 does not fit C type double",
                () -> in(9007199254740993L, CType.DOUBLE));
        fails(ArgumentTypeError.class, "expected C type double", () -> in("1.5", CType.DOUBLE));
        fails(ArgumentTypeError.class, "expected C type float", () -> in(true, CType.FLOAT));
    }

    @Test
    void shouldConvertBooleansOnlyFromBoolean() {
        assertEquals(true, in(true, CType.BOOL));
        assertEquals(false, Marshal.fromForeign(false, CType.BOOL));
        fails(ArgumentTypeError.class, "expected C type bool (a Boolean) but got java.lang.Integer 1",
                () -> in(1, CType.BOOL));
    }

    @Test
    void shouldWidenUnsignedResultsToTheirJavaType() {
        assertEquals(200, Marshal.fromForeign((byte) -56, CType.UNSIGNED_CHAR));
        assertEquals(65535, Marshal.fromForeign((short) -1, CType.UNSIGNED_SHORT));
        assertEquals(4294967295L, Marshal.fromForeign(-1, CType.UNSIGNED_INT));
        assertEquals(-1L, Marshal.fromForeign(-1L, CType.SIZE_T));
        assertEquals((byte) -1, Marshal.fromForeign((byte) -1, CType.SIGNED_CHAR));
        assertEquals(-7, Marshal.fromForeign(-7, CType.INT));
        assertNull(Marshal.fromForeign(null, CType.VOID));
    }

    @Test
    void shouldRejectNullForTypesWithoutNull() {
        NullArgumentError error = fails(NullArgumentError.class,
                "argument 1 of abs: null is not a value of C type int; only pointer types accept null",
                () -> Marshal.toForeign(null, CType.INT, arena, "abs", 1));
        assertEquals(1, error.index());
        assertEquals("abs", error.functionName().orElseThrow());
        fails(NullArgumentError.class, "value: null is not a value of C type double",
                () -> Marshal.toForeign(null, CType.DOUBLE, arena));
        fails(NullArgumentError.class, "C type div_t", () -> in(null, CType.parse("div_t")));
    }

    @Test
    void shouldPassNullAsTheNullPointer() {
        assertEquals(MemorySegment.NULL, in(null, CType.POINTER));
        assertEquals(MemorySegment.NULL, in(null, CType.STRING));
        assertEquals(MemorySegment.NULL, in(null, CType.pointerTo(CType.INT)));
        assertEquals(MemorySegment.NULL, in(null, CType.arrayOf(CType.INT, 2)));
        assertNull(Marshal.fromForeign(MemorySegment.NULL, CType.STRING));
    }

    @Test
    void shouldNameFunctionIndexCTypeAndJavaClassOnTypeErrors() {
        ArgumentTypeError error = fails(ArgumentTypeError.class,
                "argument 2 of strtol: expected C type int (a Byte, Short, Integer, Long, BigInteger or Character)"
                        + " but got java.lang.String \"ten\"",
                () -> Marshal.toForeign("ten", CType.INT, arena, "strtol", 2));
        assertEquals(2, error.index());
        fails(ArgumentTypeError.class, "expected C type char * (a String, a MemorySegment or null) but got java.lang.Integer 5",
                () -> in(5, CType.STRING));
        fails(ArgumentTypeError.class, "expected C type void * (a MemorySegment, null, or a primitive array to copy)",
                () -> in("text", CType.POINTER));
        fails(ArgumentTypeError.class, "void has no values", () -> in(1, CType.VOID));
    }

    // ---- round trips through C -------------------------------------------------------------------------

    @Test
    void shouldPassStringsThatCMeasures() throws Throwable {
        MemorySegment s = (MemorySegment) Marshal.toForeign("h\u00e9llo", CType.STRING, arena, "strlen", 0);
        long length = (long) STRLEN.invokeExact(s);
        assertEquals(6L, Marshal.fromForeign(length, CType.SIZE_T));
    }

    @Test
    void shouldPassCharactersThroughToupper() throws Throwable {
        int c = (int) Marshal.toForeign('q', CType.INT, null, "toupper", 0);
        int upper = (int) TOUPPER.invokeExact(c);
        assertEquals((int) 'Q', Marshal.fromForeign(upper, CType.INT));
    }

    @Test
    void shouldPassIntegersAndDoublesThroughLibc() throws Throwable {
        assertEquals(42, (int) ABS.invokeExact((int) Marshal.toForeign(-42, CType.INT, null, "abs", 0)));
        assertEquals(42L, (long) LABS.invokeExact((long) Marshal.toForeign((short) -42, CType.LONG, null, "labs", 0)));
        assertEquals(1.5, (double) SQRT.invokeExact((double) Marshal.toForeign(2.25f, CType.DOUBLE, null, "sqrt", 0)));
        assertEquals(3f, (float) SQRTF.invokeExact((float) Marshal.toForeign(9, CType.FLOAT, null, "sqrtf", 0)));
    }

    @Test
    void shouldReturnStringsFromC() throws Throwable {
        MemorySegment copy = (MemorySegment) STRDUP.invokeExact((MemorySegment) in("copied", CType.STRING));
        try {
            assertEquals("copied", Marshal.fromForeign(copy, CType.STRING));
        } finally {
            FREE.invokeExact(copy);
        }
    }

    @Test
    void shouldFillAPointerToPointerOutParameter() throws Throwable {
        MemorySegment text = (MemorySegment) in("123abc", CType.STRING);
        MemorySegment end = arena.allocate(ValueLayout.ADDRESS);
        long value = (long) STRTOL.invokeExact(text, end, 10);
        assertEquals(123L, Marshal.fromForeign(value, CType.LONG));
        assertEquals("abc", Marshal.read(end, 0, CType.STRING));
    }

    @Test
    void shouldKeepTheRawBitsOfLargeUnsignedResults() throws Throwable {
        MemorySegment text = (MemorySegment) in("18446744073709551615", CType.STRING);
        long value = (long) STRTOUL.invokeExact(text, MemorySegment.NULL, 10);
        assumeTrue(CType.UNSIGNED_LONG.byteSize() == 8);
        assertEquals("18446744073709551615", Long.toUnsignedString((Long) Marshal.fromForeign(value, CType.UNSIGNED_LONG)));
    }

    @Test
    void shouldPassUtf32TextToWcslen() throws Throwable {
        assumeTrue(Linker.nativeLinker().canonicalLayouts().get("wchar_t").byteSize() == 4);
        CPrototype prototype = KnownPrototypes.require("wcslen");
        MethodHandle wcslen = Libc.handle(prototype.name(), prototype.descriptor());
        CType wide = prototype.parameterTypes().get(0);
        assertSame(CType.WIDE_STRING, wide);
        assertEquals(Charset.forName("UTF-32"), ((StringType) wide).charset());
        MemorySegment s = (MemorySegment) Marshal.toForeign("h\u00e9llo\uD83D\uDE00", wide, arena, "wcslen", 0);
        assertEquals(6L, (long) wcslen.invokeExact(s));
        assertEquals("h\u00e9llo\uD83D\uDE00", Marshal.fromForeign(s, wide));
    }

    @Test
    void shouldPassAndReturnStructsByValue() throws Throwable {
        StructType divT = (StructType) CType.parse("div_t");
        MemorySegment result = (MemorySegment) DIV.invokeExact((java.lang.foreign.SegmentAllocator) arena, 17, 5);
        MemorySegment checked = (MemorySegment) in(result, divT);
        assertEquals(3, checked.get(ValueLayout.JAVA_INT, divT.layout().byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("quot"))));
        assertEquals(2, checked.get(ValueLayout.JAVA_INT, divT.layout().byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("rem"))));
        fails(ConversionError.class, "argument 0 of f: the segment has 4 bytes but div_t has 8",
                () -> in(arena.allocate(4), divT));
        fails(ArgumentTypeError.class, "expected C type div_t (a MemorySegment holding its 8 bytes)",
                () -> in(new int[] {1, 2}, divT));
    }

    // ---- strings, arrays, pointers ---------------------------------------------------------------------

    @Test
    void shouldRequireAnAllocatorOnlyWhenCopying() {
        fails(ConversionError.class, "argument 0 of strlen: converting a String to C type char * allocates native memory,"
                + " but no allocator was given", () -> Marshal.toForeign("x", CType.STRING, null, "strlen", 0));
        assertEquals(MemorySegment.NULL, Marshal.toForeign(null, CType.STRING, null, "strlen", 0));
        assertTrue(Marshal.needsAllocator("x", CType.STRING));
        assertTrue(Marshal.needsAllocator(new int[1], CType.POINTER));
        assertTrue(!Marshal.needsAllocator(MemorySegment.NULL, CType.STRING));
        assertTrue(!Marshal.needsAllocator(null, CType.STRING));
        assertTrue(!Marshal.needsAllocator(5, CType.INT));
    }

    @Test
    void shouldRejectStringsWithEmbeddedNul() {
        fails(ConversionError.class, "argument 0 of f: string contains a NUL character at index 2",
                () -> in("ab\0cd", CType.STRING));
    }

    @Test
    void shouldCopyPrimitiveArraysForPointers() throws Throwable {
        MemorySegment ints = (MemorySegment) in(new int[] {3, 1, 2}, CType.pointerTo(CType.INT));
        assertArrayEquals(new int[] {3, 1, 2}, ints.toArray(ValueLayout.JAVA_INT));
        MemorySegment bytes = (MemorySegment) in(new byte[] {1, 2, 3}, CType.POINTER);
        MemorySegment same = (MemorySegment) in(new byte[] {1, 2, 3}, CType.POINTER);
        assertEquals(0, (int) MEMCMP.invokeExact(bytes, same, 3L));
        MemorySegment doubles = (MemorySegment) in(new Object[] {1.5, 2}, CType.pointerTo(CType.DOUBLE));
        assertArrayEquals(new double[] {1.5, 2.0}, doubles.toArray(ValueLayout.JAVA_DOUBLE));
        fails(ArgumentTypeError.class, "expected C type int * (a MemorySegment, null, an int[] or an Object[] of int values"
                + " to copy, or a ByReference) but got long[] of length 2", () -> in(new long[] {1, 2}, CType.pointerTo(CType.INT)));
    }

    @Test
    void shouldCopyStringArraysForCharPointerPointer() {
        MemorySegment argv = (MemorySegment) in(new String[] {"ls", "-l", "\u00e9"}, CType.parse("char **"));
        assertEquals(List.of("ls", "-l", "\u00e9"), NativeArrays.readStringArray(argv, StandardCharsets.UTF_8, 10));
        assertEquals(0, argv.getAtIndex(ValueLayout.ADDRESS, 3).address());
        fails(ArgumentTypeError.class, "a String[] to copy as a NULL-terminated array",
                () -> in(List.of("a"), CType.parse("char **")));
    }

    @Test
    void shouldCopyArraysOfTheExactLength() {
        CType four = CType.arrayOf(CType.INT, 4);
        MemorySegment copy = (MemorySegment) in(new int[] {1, 2, 3, 4}, four);
        assertArrayEquals(new int[] {1, 2, 3, 4}, (int[]) Marshal.fromForeign(copy, four));
        fails(ConversionError.class, "argument 0 of f: int[4] needs exactly 4 elements but the array has 3",
                () -> in(new int[] {1, 2, 3}, four));
        fails(ArgumentTypeError.class, "expected C type int[4] (an int[] or an Object[] of 4 int values)",
                () -> in(new double[4], four));
        fails(ConversionError.class, "the segment has 8 bytes but int[4] needs 16", () -> in(arena.allocate(8), four));
    }

    @Test
    void shouldRejectNonSegmentsForFunctionPointers() {
        CType comparator = CType.parse("int (*)(const void *, const void *)");
        MemorySegment address = Linker.nativeLinker().defaultLookup().find("abs").orElseThrow();
        assertSame(address, in(address, comparator));
        fails(ArgumentTypeError.class, "an upcall stub or a function address", () -> in("abs", comparator));
    }

    // ---- enums ----------------------------------------------------------------------------------------

    enum Whence implements CEnum.Valued {
        SEEK_SET(0), SEEK_CUR(1), SEEK_END(2);

        private final int value;

        Whence(int value) {
            this.value = value;
        }

        @Override
        public int cValue() {
            return value;
        }
    }

    @Test
    void shouldConvertEnumsFromKeywordsConstantsAndInts() {
        Map<String, Integer> keywords = new LinkedHashMap<>();
        keywords.put("red", 1);
        keywords.put("green", 2);
        CType color = CType.enumOf(CEnum.of("color", keywords));
        assertEquals(2, in(":green", color));
        assertEquals(1, in("RED", color));
        assertEquals(7, in(7, color));
        assertEquals("green", Marshal.fromForeign(2, color));
        fails(ConversionError.class, "argument 0 of f: enum color has no keyword 'blue'; known: [red, green]",
                () -> in("blue", color));
        fails(ConversionError.class, "enum color has no keyword for value 9", () -> Marshal.fromForeign(9, color));
        fails(ArgumentTypeError.class, "expected C type enum color (a keyword String, an enum constant or an int",
                () -> in(1.0, color));

        CType whence = CType.enumOf(CEnum.of(Whence.class));
        assertEquals(2, in(Whence.SEEK_END, whence));
        assertEquals(Whence.SEEK_CUR, Marshal.fromForeign(1, whence));
        assertEquals(Whence.class, whence.javaType());
    }

    // ---- memory ---------------------------------------------------------------------------------------

    @Test
    void shouldWriteAndReadEveryScalarType() {
        MemorySegment memory = arena.allocate(16, 8);
        Object[][] cases = {
            {CType.BOOL, true}, {CType.CHAR, (byte) 'x'}, {CType.SIGNED_CHAR, (byte) -5}, {CType.UNSIGNED_CHAR, 250},
            {CType.SHORT, (short) -300}, {CType.UNSIGNED_SHORT, 60000}, {CType.INT, -70000},
            {CType.UNSIGNED_INT, 4000000000L}, {CType.LONG_LONG, Long.MIN_VALUE}, {CType.UINT64, -2L},
            {CType.FLOAT, 1.25f}, {CType.DOUBLE, -0.5}, {CType.SIZE_T, 99L}, {CType.PID_T, 1234},
            {CType.UID_T, 4294967294L}, {CType.INT8, (byte) 127}, {CType.UINT16, 65535},
        };
        for (Object[] c : cases) {
            CType type = (CType) c[0];
            Marshal.write(memory, 8, type, c[1], arena);
            assertEquals(c[1], Marshal.read(memory, 8, type), type.name());
        }
    }

    @Test
    void shouldWriteAndReadPointersStringsArraysEnumsAndStructs() {
        MemorySegment memory = arena.allocate(64, 8);
        Marshal.write(memory, 0, CType.STRING, "through a pointer", arena);
        assertEquals("through a pointer", Marshal.read(memory, 0, CType.STRING));
        Marshal.write(memory, 0, CType.STRING, null, arena);
        assertNull(Marshal.read(memory, 0, CType.STRING));

        CType ints = CType.arrayOf(CType.UNSIGNED_INT, 3);
        Marshal.write(memory, 8, ints, new int[] {1, -1, 3}, arena);
        assertArrayEquals(new long[] {1, 4294967295L, 3}, (long[]) Marshal.read(memory, 8, ints));
        CType names = CType.arrayOf(CType.STRING, 2);
        Marshal.write(memory, 24, names, new String[] {"a", "b"}, arena);
        assertArrayEquals(new String[] {"a", "b"}, (String[]) Marshal.read(memory, 24, names));
        fails(NullArgumentError.class, "null is not a value of C type int[2]",
                () -> Marshal.write(memory, 0, CType.arrayOf(CType.INT, 2), null, arena));

        MemorySegment target = arena.allocate(ValueLayout.JAVA_INT);
        target.set(ValueLayout.JAVA_INT, 0, 77);
        CType intPointer = CType.pointerTo(CType.INT);
        Marshal.write(memory, 40, intPointer, target, arena);
        MemorySegment back = (MemorySegment) Marshal.read(memory, 40, intPointer);
        assertEquals(4, back.byteSize());
        assertEquals(77, back.get(ValueLayout.JAVA_INT, 0));

        CType color = CType.enumOf(CEnum.of("color", Map.of("red", 1)));
        Marshal.write(memory, 48, color, "red", arena);
        assertEquals("red", Marshal.read(memory, 48, color));

        StructType divT = (StructType) CType.parse("div_t");
        MemorySegment quotRem = arena.allocate(divT.layout());
        quotRem.set(ValueLayout.JAVA_INT, 0, 5);
        quotRem.set(ValueLayout.JAVA_INT, 4, 6);
        Marshal.write(memory, 56, divT, quotRem, arena);
        MemorySegment view = (MemorySegment) Marshal.read(memory, 56, divT);
        assertEquals(8, view.byteSize());
        assertEquals(6, view.get(ValueLayout.JAVA_INT, 4));
        fails(ConversionError.class, "void has no value to read", () -> Marshal.read(memory, 0, CType.VOID));
    }

    @Test
    void shouldChooseTypesForVariadicArgumentsByCPromotion() {
        assertEquals(CType.INT, Marshal.variadicType((short) 1, "printf", 1));
        assertEquals(CType.INT, Marshal.variadicType('c', "printf", 1));
        assertEquals(CType.LONG_LONG, Marshal.variadicType(1L, "printf", 1));
        assertEquals(CType.DOUBLE, Marshal.variadicType(1f, "printf", 1));
        assertEquals(CType.STRING, Marshal.variadicType("s", "printf", 1));
        assertEquals(CType.POINTER, Marshal.variadicType(null, "printf", 1));
        fails(ArgumentTypeError.class, "argument 2 of printf: java.lang.Boolean true has no C type in a variadic call",
                () -> Marshal.variadicType(true, "printf", 2));
    }
}
