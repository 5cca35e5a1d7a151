package epsilon.foreign.struct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.FieldPathError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructViewTest {
    private static final Linker LINKER = Linker.nativeLinker();
    static final CHeader TIME = CHeader.parse(BitFieldGccTest.HEADER);
    private static final StructType TIMEVAL = TIME.struct("timeval");
    private static final StructType TM = TIME.struct("tm");
    private static final StructType TIMESPEC = TIME.struct("timespec");

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    record TimeVal(long tv_sec, long tv_usec) {}

    @Test
    void shouldFillATimevalThroughGettimeofday() throws Throwable {
        MethodHandle gettimeofday = libc("gettimeofday",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            StructView now = StructView.allocate(TIMEVAL, arena);
            assertEquals(0, (int) gettimeofday.invokeExact(now.segment(), MemorySegment.NULL));
            long seconds = (long) now.get("tv_sec");
            assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 5, "seconds " + seconds);
            long micros = StructField.of(TIMEVAL, "tv_usec").getLong(now.segment());
            assertTrue(micros >= 0 && micros < 1_000_000);
            TimeVal record = now.toRecord(TimeVal.class);
            assertEquals(seconds, record.tv_sec());
            assertEquals(Map.of("tv_sec", seconds, "tv_usec", micros), now.toMap());
        }
    }

    @Test
    void shouldReadBrokenDownTimeWithItsZoneAsText() throws Throwable {
        MethodHandle gmtime = libc("gmtime_r",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment time = arena.allocateFrom(ValueLayout.JAVA_LONG, 86_400L * 365); // 1971-01-01T00:00Z
            StructView tm = StructView.allocate(TM, arena);
            MemorySegment result = (MemorySegment) gmtime.invokeExact(time, tm.segment());
            assertEquals(tm.segment().address(), result.address());
            assertEquals(71, tm.get("tm_year"));
            assertEquals(0, tm.get("tm_mon"));
            assertEquals(1, tm.get("tm_mday"));
            assertEquals("GMT", tm.get("tm_zone")); // a const char * field reads as a String
            assertTrue(tm.address("tm_zone").address() != 0); // the raw pointer is still there
            assertTrue(tm.toString().startsWith("#<struct tm tm_sec=0 tm_min=0 tm_hour=0 tm_mday=1 tm_mon=0 tm_year=71"),
                    tm.toString());
        }
    }

    @Test
    void shouldFillATimespecThroughClockGettime() throws Throwable {
        MethodHandle clockGettime = libc("clock_gettime",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        long seconds = StructView.withStruct(TIMESPEC, now -> {
            try {
                assertEquals(0, (int) clockGettime.invokeExact(0 /* CLOCK_REALTIME */, now.segment()));
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            return (long) now.get("tv_sec");
        });
        assertEquals(LocalDate.now(ZoneOffset.UTC).getYear(),
                java.time.Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC).getYear(), 1);
    }

    @Test
    void shouldWalkNestedPathsArraysUnionsAndAnonymousMembers() {
        StructType outer = TIME.struct("outer");
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(outer, arena);
            view.set("kind", 1).set("f", 1.5f).set("pos.x", 3).set("pos.y", -4).set("tag", 'q').set("id", 99L)
                    .set("grid[1][2]", 7);
            assertEquals(1.5f, view.get("f"));
            assertEquals(Float.floatToRawIntBits(1.5f), view.get("i")); // the same union bytes
            assertEquals((short) -4, view.get("pos.y"));
            assertEquals((byte) 'q', view.get("tag"));
            assertEquals(99L, view.get("id"));
            assertEquals(7, view.get("grid[1][2]"));
            int[][] grid = (int[][]) view.get("grid");
            assertArrayEquals(new int[] {0, 0, 7}, grid[1]);
            assertEquals(Map.of("x", (short) 3, "y", (short) -4), ((StructView) view.get("pos")).toMap());
            view.set("pos", Map.of("x", 10, "y", 20));
            assertEquals((short) 10, view.get("pos.x"));
            assertEquals(outer.offsetOf("pos") + 2, outer.offsetOf("pos.y"));
            assertEquals(12, outer.fieldSize("grid[1]"));
        }
    }

    @Test
    void shouldViewArraysOfStructsAndFollowPointers() {
        StructType point = StructType.struct("struct point").field("x", "int").field("y", "int").build();
        StructType holder = StructType.struct("struct holder").field("p", CType.pointerTo(point)).build();
        try (Arena arena = Arena.ofConfined()) {
            List<StructView> points = StructView.allocateArray(point, arena, 3);
            points.get(2).set("x", 42);
            assertEquals(42, StructView.of(point, points.get(0).segment().reinterpret(3 * point.byteSize()), 2).get("x"));
            StructView h = StructView.allocate(holder, arena).set("p", points.get(2));
            assertEquals(42, h.follow("p").get("x"));
            h.set("p", null);
            assertEquals("field p of struct holder is NULL",
                    assertThrows(NullArgumentError.class, () -> h.follow("p")).getMessage());
            assertEquals("field x of struct point is a int, not a pointer to a struct of known layout",
                    assertThrows(StructAccessError.class, () -> points.get(0).follow("x")).getMessage());
        }
    }

    @Test
    void shouldReadAndWriteTextFields() {
        StructType named = StructType.struct("struct named").field("label", "const char *").array("name", CType.CHAR, 8)
                .build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(named, arena);
            assertNull(view.get("label"));
            view.set("label", "hello", arena).set("name", "seven");
            assertEquals("hello", view.get("label"));
            assertEquals("seven", view.get("name"));
            view.set("name", "1234567"); // 7 characters and the NUL fill all 8 bytes
            assertEquals("1234567", view.get("name"));
            assertArrayEquals(new byte[] {'1', '2', '3', '4', '5', '6', '7', 0},
                    view.segment().asSlice(named.offsetOf("name"), 8).toArray(ValueLayout.JAVA_BYTE));
            ConversionError tooLong = assertThrows(ConversionError.class, () -> view.set("name", "12345678"));
            assertEquals("field name of struct named: java.lang.String \"12345678\" needs 9 bytes with its NUL but"
                    + " char[8] has 8", tooLong.getMessage());
            ConversionError noMemory = assertThrows(ConversionError.class, () -> view.set("label", "x"));
            assertTrue(noMemory.getMessage().contains("allocates native memory, but no allocator was given"),
                    noMemory.getMessage());
            view.set("name", new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}); // bytes may fill it without a NUL
            assertEquals("abcdefgh", view.get("name"));
        }
    }

    @Test
    void shouldRoundTripMapsRecordsAndBytes() {
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(TIMEVAL, arena).write(new TimeVal(12, 34));
            assertEquals(new TimeVal(12, 34), view.toRecord(TimeVal.class));
            StructView copy = StructView.fromBytes(TIMEVAL, view.toBytes(), arena);
            assertEquals(Map.of("tv_sec", 12L, "tv_usec", 34L), copy.toMap());
            copy.write(Map.of("tv_usec", 56));
            assertEquals("#<struct timeval tv_sec=12 tv_usec=56>", copy.toString());
        }
    }

    @Test
    void shouldReadUnsignedFieldsZeroExtended() {
        StructType type = StructType.struct("u").field("b", "unsigned char").field("w", "uint32_t")
                .field("q", "uint64_t").field("s", "signed char").build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(type, arena).set("b", 255).set("w", 4_000_000_000L).set("q", -1L)
                    .set("s", -5);
            assertEquals(255, view.get("b"));
            assertEquals(4_000_000_000L, view.get("w"));
            assertEquals(-1L, view.get("q")); // uint64_t: Java sees the raw bits
            assertEquals((byte) -5, view.get("s")); // signed char keeps its sign
        }
    }

    // ---- errors ------------------------------------------------------------------------------------------

    @Test
    void shouldNameTheKnownFieldsOfAnUnknownOne() {
        FieldPathError e = assertThrows(FieldPathError.class, () -> TIMEVAL.offsetOf("tv_nsec"));
        assertEquals("struct timeval has no field 'tv_nsec'; its fields are [tv_sec, tv_usec]", e.getMessage());
    }

    @Test
    void shouldRefuseValuesAsACallWould() {
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(TM, arena);
            assertEquals("field tm_sec of struct tm: expected C type int (a Byte, Short, Integer, Long, BigInteger or"
                    + " Character) but got java.lang.String \"sixty\"",
                    assertThrows(ArgumentTypeError.class, () -> view.set("tm_sec", "sixty")).getMessage());
            assertEquals("field tm_sec of struct tm: 4294967296 does not fit C type int (range"
                    + " -2147483648..2147483647)",
                    assertThrows(ConversionError.class, () -> view.set("tm_sec", 1L << 32)).getMessage());
            assertEquals("field tm_sec of struct tm: null is not a value of C type int; only pointer types accept null",
                    assertThrows(NullArgumentError.class, () -> view.set("tm_sec", null)).getMessage());
            StructType bits = TIME.struct("bits");
            assertEquals("field a of struct bits: 8 does not fit a 3-bit field of C type unsigned int (range 0..7)",
                    assertThrows(ConversionError.class, () -> StructView.allocate(bits, arena).set("a", 8))
                            .getMessage());
            StructType floats = StructType.struct("struct f").field("x", "float").build();
            assertEquals("field x of struct f: 1.0E300 does not fit C type float (beyond the float range of"
                    + " +-3.4028235E38)", assertThrows(ConversionError.class,
                    () -> StructView.allocate(floats, arena).set("x", 1e300)).getMessage());
        }
    }

    @Test
    void shouldRejectAnIndexPastTheEnd() {
        FieldPathError e = assertThrows(FieldPathError.class, () -> StructField.of(TIME.struct("mixed"), "tail[3]"));
        assertEquals("struct mixed: index 3 in 'tail[3]' is past the end of char[3] (length 3)", e.getMessage());
        assertThrows(FieldPathError.class, () -> StructField.of(TIME.struct("mixed"), "c[0]"));
        assertThrows(FieldPathError.class, () -> StructField.of(TIME.struct("mixed"), "c.x"));
    }

    @Test
    void shouldRefuseASegmentTooSmallNullOrReadOnly() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals("segment of 8 bytes is too small for struct timeval (16 bytes) at offset 0",
                    assertThrows(StructAccessError.class, () -> StructView.of(TIMEVAL, arena.allocate(8))).getMessage());
            StructView readOnly = StructView.of(TIMEVAL, arena.allocate(16).asReadOnly());
            assertEquals("cannot write field tv_sec of struct timeval: the segment is read-only",
                    assertThrows(StructAccessError.class, () -> readOnly.set("tv_sec", 1L)).getMessage());
            assertEquals(0L, readOnly.get("tv_sec"));
        }
        assertEquals("cannot view struct timeval at NULL",
                assertThrows(NullArgumentError.class, () -> StructView.of(TIMEVAL, MemorySegment.NULL)).getMessage());
        assertEquals("cannot allocate -1 of struct timeval (16 bytes each)",
                assertThrows(StructAccessError.class, () -> StructView.allocateArray(TIMEVAL, Arena.global(), -1))
                        .getMessage());
        assertEquals("struct timeval array index 9223372036854775807 is past any memory: its offset"
                + " (9223372036854775807 × 16 bytes) overflows a long", assertThrows(StructAccessError.class,
                        () -> StructView.of(TIMEVAL, MemorySegment.ofAddress(8), Long.MAX_VALUE)).getMessage());
    }

    @Test
    void shouldRefuseAReadOnlyWriteThroughTheTypedAccessorsOfEveryWidth() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment readOnly = arena.allocate(TIMEVAL.layout()).asReadOnly();
            StructField seconds = StructField.of(TIMEVAL, "tv_sec"); // 64 bits: the raw VarHandle path
            assertEquals("cannot write field tv_sec of struct timeval: the segment is read-only",
                    assertThrows(StructAccessError.class, () -> seconds.setLong(readOnly, 1)).getMessage());
            StructType pair = StructType.struct("struct pair").field("a", "int").field("b", "int").build();
            MemorySegment readOnlyPair = arena.allocate(pair.layout()).asReadOnly();
            StructField a = StructField.of(pair, "a"); // signed 32 bits: the raw VarHandle path too
            assertEquals("cannot write field a of struct pair: the segment is read-only",
                    assertThrows(StructAccessError.class, () -> a.setInt(readOnlyPair, 1)).getMessage());
        }
    }

    record Positive(int quot, int rem) {
        Positive {
            if (quot < 0) {
                throw new IllegalArgumentException("quot must not be negative");
            }
        }
    }

    @Test
    void shouldSayWhenTheRecordItselfRefusesTheValues() {
        StructType divT = StructType.struct("div_t").field("quot", "int").field("rem", "int").build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(divT, arena).set("quot", -1);
            StructAccessError e = assertThrows(StructAccessError.class, () -> view.toRecord(Positive.class));
            assertEquals("the constructor of epsilon.foreign.struct.StructViewTest$Positive refused the values [-1, 0]:"
                    + " java.lang.IllegalArgumentException: quot must not be negative", e.getMessage());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
    }

    @Test
    void shouldRefuseAViewWhoseMemoryWasFreed() {
        Arena arena = Arena.ofConfined();
        StructView view = StructView.allocate(TIMEVAL, arena);
        arena.close();
        assertThrows(IllegalStateException.class, () -> view.get("tv_sec")); // the JDK refuses: no crash
    }

    @Test
    void shouldRejectImpossibleDefinitions() {
        assertEquals("struct d: duplicate field 'x'", assertThrows(DeclarationError.class,
                () -> StructType.struct("struct d").field("x", "int").field("x", "long")).getMessage());
        assertEquals("struct w: bit-field 'f' is 9 bits wide, wider than its type unsigned char (8 bits)",
                assertThrows(DeclarationError.class,
                        () -> StructType.struct("struct w").bitField("f", "unsigned char", 9)).getMessage());
    }

    @Test
    void shouldGiveTheRecordMismatchByName() {
        record Wrong(long tv_sec, long tv_nsec) {}
        try (Arena arena = Arena.ofConfined()) {
            StructAccessError e = assertThrows(StructAccessError.class,
                    () -> StructView.allocate(TIMEVAL, arena).toRecord(Wrong.class));
            assertEquals("record Wrong has component 'tv_nsec', which struct timeval lacks; its fields are"
                    + " [tv_sec, tv_usec]", e.getMessage());
        }
    }

    @Test
    void shouldReadAndWriteThroughTypedAccessors() {
        StructType type = StructType.struct("struct typed").field("i", "int").field("u", "unsigned short")
                .field("l", "long").field("d", "double").field("f", "float").build();
        StructField i = StructField.of(type, "i");
        StructField u = StructField.of(type, "u");
        StructField l = StructField.of(type, "l");
        StructField d = StructField.of(type, "d");
        StructField f = StructField.of(type, "f");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = StructView.allocate(type, arena).segment();
            i.setInt(s, -5);
            u.setInt(s, 65535);
            l.setLong(s, 1L << 40);
            d.setDouble(s, 2.5);
            f.setDouble(s, 0.25);
            assertEquals(-5, i.getInt(s));
            assertEquals(-5L, i.getLong(s));
            assertEquals(65535, u.getInt(s)); // zero-extended
            assertEquals(1L << 40, l.getLong(s));
            assertEquals(2.5, d.getDouble(s));
            assertEquals(0.25, f.getDouble(s));
            i.setLong(s, 7);
            assertEquals(7, i.getInt(s));
            assertEquals("field i of struct typed is a int, not a float or double",
                    assertThrows(StructAccessError.class, () -> i.getDouble(s)).getMessage());
            assertEquals("field d of struct typed is a double, not an integer",
                    assertThrows(StructAccessError.class, () -> d.getLong(s)).getMessage());
        }
    }

    @Test
    void shouldWriteArrayFieldsFromJavaArrays() {
        StructType numbers = StructType.struct("struct numbers").array("values", CType.INT, 3).build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(numbers, arena).set("values", new int[] {65, 66, 67});
            assertArrayEquals(new int[] {65, 66, 67}, (int[]) view.get("values"));
            assertEquals(66, view.get("values[1]"));
            StructView outer = StructView.allocate(TIME.struct("outer"), arena)
                    .set("grid", new int[][] {{1, 2, 3}, {4, 5, 6}});
            assertEquals(6, outer.get("grid[1][2]"));
            assertEquals("field values of struct numbers: int[3] needs exactly 3 elements but the array has 4",
                    assertThrows(ConversionError.class, () -> view.set("values", new int[4])).getMessage());
        }
    }

    @Test
    void shouldPassStructFieldsToTheirOwnTypes() {
        StructType inner = StructType.struct("struct inner").field("a", "int").build();
        StructType outer = StructType.struct("struct outer2").field("in", inner).field("n", "long").build();
        try (Arena arena = Arena.ofConfined()) {
            StructView source = StructView.allocate(inner, arena).set("a", 5);
            StructView target = StructView.allocate(outer, arena).set("in", source);
            assertEquals(5, target.get("in.a"));
            assertInstanceOf(StructView.class, target.get("in"));
        }
    }
}
