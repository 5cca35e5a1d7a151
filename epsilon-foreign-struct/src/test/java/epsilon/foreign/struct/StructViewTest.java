package epsilon.foreign.struct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private static final CHeader TIME = CHeader.parse(GccOffsetsTest.HEADER);
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
            StructView now = TIMEVAL.allocate(arena);
            assertEquals(0, (int) gettimeofday.invokeExact(now.segment(), MemorySegment.NULL));
            long seconds = (long) now.get("tv_sec");
            assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 5, "seconds " + seconds);
            long micros = TIMEVAL.accessor("tv_usec").getLong(now.segment());
            assertTrue(micros >= 0 && micros < 1_000_000);
            TimeVal record = now.toRecord(TimeVal.class);
            assertEquals(seconds, record.tv_sec());
            assertEquals(Map.of("tv_sec", seconds, "tv_usec", micros), now.toMap());
        }
    }

    @Test
    void shouldReadBrokenDownTimeFromLocaltimeR() throws Throwable {
        MethodHandle localtime = libc("gmtime_r",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment time = arena.allocateFrom(ValueLayout.JAVA_LONG, 86_400L * 365); // 1971-01-01T00:00Z
            StructView tm = TM.allocate(arena);
            MemorySegment result = (MemorySegment) localtime.invokeExact(time, tm.segment());
            assertEquals(tm.segment().address(), result.address());
            assertEquals(71, tm.get("tm_year"));
            assertEquals(0, tm.get("tm_mon"));
            assertEquals(1, tm.get("tm_mday"));
            assertEquals("GMT", ((MemorySegment) tm.get("tm_zone")).reinterpret(4).getString(0));
            assertTrue(tm.toString().startsWith("#<struct tm tm_sec=0 tm_min=0 tm_hour=0 tm_mday=1 tm_mon=0 tm_year=71"),
                    tm.toString());
        }
    }

    @Test
    void shouldFillATimespecThroughClockGettime() throws Throwable {
        MethodHandle clockGettime = libc("clock_gettime",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            StructView now = TIMESPEC.allocate(arena);
            assertEquals(0, (int) clockGettime.invokeExact(0 /* CLOCK_REALTIME */, now.segment()));
            assertEquals(LocalDate.now(ZoneOffset.UTC).getYear(), java.time.Instant.ofEpochSecond(
                    (long) now.get("tv_sec")).atZone(ZoneOffset.UTC).getYear(), 1);
        }
    }

    @Test
    void shouldWalkNestedPathsArraysUnionsAndAnonymousMembers() {
        StructType outer = TIME.struct("outer");
        try (Arena arena = Arena.ofConfined()) {
            StructView view = outer.allocate(arena);
            view.set("kind", 1).set("f", 1.5f).set("pos.x", 3).set("pos.y", -4).set("tag", 'q').set("id", 99L)
                    .set("grid[1][2]", 7);
            assertEquals(1.5f, view.get("f"));
            assertEquals(Float.floatToRawIntBits(1.5f), view.get("i")); // the same union bytes
            assertEquals(-4, view.get("pos.y"));
            assertEquals(99L, view.get("id"));
            assertEquals(7, view.get("grid[1][2]"));
            int[][] grid = (int[][]) fromObjects(view.get("grid"));
            assertArrayEquals(new int[] {0, 0, 7}, grid[1]);
            assertEquals(Map.of("x", 3, "y", -4), ((StructView) view.get("pos")).toMap());
            view.set("pos", Map.of("x", 10, "y", 20));
            assertEquals(10, view.get("pos.x"));
            assertEquals(outer.offsetOf("pos") + 2, outer.offsetOf("pos.y"));
            assertEquals(4, outer.fieldSize("grid[1]") / 3);
        }
    }

    private static Object fromObjects(Object grid) {
        Object[] rows = (Object[]) grid;
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (int[]) rows[i];
        }
        return out;
    }

    @Test
    void shouldViewArraysOfStructsAndFollowPointers() {
        StructType node = StructType.struct("struct point").field("x", "int").field("y", "int").build();
        StructType holder = StructType.struct("struct holder").field("p", FieldType.pointerTo(node)).build();
        try (Arena arena = Arena.ofConfined()) {
            List<StructView> points = node.allocateArray(arena, 3);
            points.get(2).set("x", 42);
            assertEquals(42, node.view(points.get(0).segment().reinterpret(3 * node.byteSize()), 2).get("x"));
            StructView h = holder.allocate(arena).set("p", points.get(2));
            assertEquals(42, h.follow("p").get("x"));
            h.set("p", null);
            assertEquals("struct holder.p (struct point *) is NULL",
                    assertThrows(StructException.class, () -> h.follow("p")).getMessage());
        }
    }

    @Test
    void shouldRoundTripMapsRecordsAndBytes() {
        try (Arena arena = Arena.ofConfined()) {
            StructView view = TIMEVAL.allocate(arena).write(new TimeVal(12, 34));
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
                .field("q", "uint64_t").build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = type.allocate(arena).set("b", 255).set("w", 4_000_000_000L).set("q", -1L);
            assertEquals(255, view.get("b"));
            assertEquals(4_000_000_000L, view.get("w"));
            assertEquals(-1L, view.get("q")); // uint64_t: Java sees the raw bits
        }
    }

    // ---- errors ------------------------------------------------------------------------------------------

    @Test
    void shouldNameTheKnownFieldsOfAnUnknownOne() {
        StructException e = assertThrows(StructException.class, () -> TIMEVAL.offsetOf("tv_nsec"));
        assertEquals("struct timeval has no field 'tv_nsec'; its fields are [tv_sec, tv_usec]", e.getMessage());
    }

    @Test
    void shouldRejectAValueOfTheWrongTypeOrRange() {
        try (Arena arena = Arena.ofConfined()) {
            StructView view = TM.allocate(arena);
            assertEquals("struct tm.tm_sec (int): expected an integral Number, got java.lang.String sixty",
                    assertThrows(StructException.class, () -> view.set("tm_sec", "sixty")).getMessage());
            assertEquals("struct tm.tm_sec (int): 4294967296 is out of range -2147483648..2147483647",
                    assertThrows(StructException.class, () -> view.set("tm_sec", 1L << 32)).getMessage());
            StructType bits = TIME.struct("bits");
            assertEquals("struct bits.a (unsigned int): 8 is out of range 0..7 for a 3-bit field",
                    assertThrows(StructException.class, () -> bits.allocate(arena).set("a", 8)).getMessage());
        }
    }

    @Test
    void shouldRejectAnIndexPastTheEnd() {
        StructException e = assertThrows(StructException.class, () -> TIME.struct("mixed").accessor("tail[3]"));
        assertEquals("struct mixed: index 3 in 'tail[3]' is past the end of char[3] (length 3)", e.getMessage());
        assertThrows(StructException.class, () -> TIME.struct("mixed").accessor("c[0]"));
        assertThrows(StructException.class, () -> TIME.struct("mixed").accessor("c.x"));
    }

    @Test
    void shouldRejectASegmentTooSmallOrNull() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals("segment of 8 bytes is too small for struct timeval (16 bytes) at offset 0",
                    assertThrows(StructException.class, () -> TIMEVAL.view(arena.allocate(8))).getMessage());
        }
        assertEquals("cannot view struct timeval at NULL",
                assertThrows(StructException.class, () -> TIMEVAL.view(MemorySegment.NULL)).getMessage());
    }

    @Test
    void shouldRefuseAViewWhoseMemoryWasFreed() {
        Arena arena = Arena.ofConfined();
        StructView view = TIMEVAL.allocate(arena);
        arena.close();
        assertThrows(IllegalStateException.class, () -> view.get("tv_sec")); // the JDK refuses: no crash
    }

    @Test
    void shouldRejectImpossibleDefinitions() {
        assertEquals("struct d: duplicate field 'x'", assertThrows(StructException.class,
                () -> StructType.struct("d").field("x", "int").field("x", "long").build()).getMessage());
        assertEquals("struct w: bit-field 'f' is 9 bits wide, wider than its type unsigned char (8 bits)",
                assertThrows(StructException.class,
                        () -> StructType.struct("w").bitField("f", "unsigned char", 9).build()).getMessage());
        assertTrue(assertThrows(StructException.class, () -> FieldType.of("quux_t")).getMessage()
                .startsWith("unknown C type 'quux_t'; known: ["));
    }

    @Test
    void shouldGiveTheRecordMismatchByName() {
        record Wrong(long tv_sec, long tv_nsec) {}
        try (Arena arena = Arena.ofConfined()) {
            StructException e = assertThrows(StructException.class,
                    () -> TIMEVAL.allocate(arena).toRecord(Wrong.class));
            assertEquals("record Wrong has component 'tv_nsec', which struct timeval lacks; its fields are"
                    + " [tv_sec, tv_usec]", e.getMessage());
        }
    }

    @Test
    void shouldReadAndWriteThroughTypedAccessors() {
        StructType type = StructType.struct("typed").field("i", "int").field("u", "unsigned short").field("l", "long")
                .field("d", "double").field("f", "float").build();
        StructField i = type.accessor("i");
        StructField u = type.accessor("u");
        StructField l = type.accessor("l");
        StructField d = type.accessor("d");
        StructField f = type.accessor("f");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = type.allocate(arena).segment();
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
            assertEquals("typed.i (int) is a int, not a float or double",
                    assertThrows(StructException.class, () -> i.getDouble(s)).getMessage());
            assertEquals("typed.d (double) is a double, not an integer",
                    assertThrows(StructException.class, () -> d.getLong(s)).getMessage());
        }
    }

    @Test
    void shouldWriteArrayFieldsFromJavaArrays() {
        try (Arena arena = Arena.ofConfined()) {
            StructView mixed = TIME.struct("mixed").allocate(arena).set("tail", new int[] {65, 66, 67});
            assertArrayEquals(new int[] {65, 66, 67}, (int[]) mixed.get("tail"));
            assertEquals(66, mixed.get("tail[1]"));
            StructView outer = TIME.struct("outer").allocate(arena).set("grid", new int[][] {{1, 2, 3}, {4, 5, 6}});
            assertEquals(6, outer.get("grid[1][2]"));
            assertEquals("struct mixed.tail (char[3]): an array of 4 elements does not fit in 3",
                    assertThrows(StructException.class, () -> mixed.set("tail", new int[4])).getMessage());
        }
    }
}
