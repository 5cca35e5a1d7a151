package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.FieldPathError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structs in dynamic calls: by value both ways (div, ldiv, lldiv, inet_ntoa) and by pointer (out-params). */
class StructCallTest {
    private static final StructType IN_ADDR = StructType.struct("struct in_addr").field("s_addr", "uint32_t").build();
    private static final StructType TIMEVAL = StructType.struct("struct timeval")
            .field("tv_sec", "time_t").field("tv_usec", "suseconds_t").build();
    private static final StructType TM = StructType.struct("struct tm")
            .field("tm_sec", "int").field("tm_min", "int").field("tm_hour", "int").field("tm_mday", "int")
            .field("tm_mon", "int").field("tm_year", "int").field("tm_wday", "int").field("tm_yday", "int")
            .field("tm_isdst", "int").field("tm_gmtoff", "long").field("tm_zone", "const char *").build();

    record Quotient(int quot, int rem) {}

    @Test
    void shouldReturnDivTByValueFromTheKnownPrototypes() {
        StructView result = (StructView) Foreign.call("div", 17, 5);
        assertEquals(Map.of("quot", 3, "rem", 2), result.toMap());
        assertEquals(new Quotient(3, 2), result.toRecord(Quotient.class));
        StructView wide = (StructView) Foreign.call("ldiv", 1L << 40, 3L);
        assertEquals((1L << 40) / 3, wide.get("quot"));
        StructView longLong = (StructView) Foreign.call("lldiv", -7L, 2L);
        assertEquals(-3L, longLong.get("quot"));
        assertEquals(-1L, longLong.get("rem"));
    }

    @Test
    void shouldReturnAStructDeclaredWithAStructType() {
        StructType divT = StructType.struct("div_t").field("quot", "int").field("rem", "int").build();
        StructView r = (StructView) Foreign.sharedCall("div", "c", divT, List.of(CType.INT, CType.INT), 17, 5);
        assertEquals("#<div_t quot=3 rem=2>", r.toString());
    }

    @Test
    void shouldPassAStructByValueAsAMapARecordOrAView() {
        List<CType> oneInAddr = List.of(IN_ADDR); // a StructType is a CType: by value in any call
        int loopback = 0x0100007F; // 127.0.0.1 in network byte order, read as a little-endian uint32
        assertEquals("127.0.0.1", Foreign.sharedCall("inet_ntoa", "c", CType.STRING, oneInAddr,
                Map.of("s_addr", loopback)));
        record InAddr(long s_addr) {}
        assertEquals("10.0.0.1", Foreign.sharedCall("inet_ntoa", "c", CType.STRING, oneInAddr,
                new InAddr(0x0100000AL)));
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(IN_ADDR, arena).set("s_addr", 0x04030201L);
            assertEquals("1.2.3.4", Foreign.sharedCall("inet_ntoa", "c", CType.STRING, oneInAddr, view));
        }
    }

    @Test
    void shouldFillStructsThroughPointersOutParams() {
        try (Arena arena = Arena.ofConfined()) {
            StructView now = StructView.allocate(TIMEVAL, arena);
            assertEquals(0, Foreign.call("gettimeofday", now.segment(), null));
            assertTrue(Math.abs((long) now.get("tv_sec") - System.currentTimeMillis() / 1000) < 5);
            StructView tm = StructView.allocate(TM, arena);
            var seconds = arena.allocateFrom(ValueLayout.JAVA_LONG, 0L);
            Foreign.call("localtime_r", seconds, tm.segment());
            assertTrue((int) tm.get("tm_year") == 69 || (int) tm.get("tm_year") == 70, tm.toString()); // 1970 or 1969
            assertTrue(((String) tm.get("tm_zone")).length() > 0, tm.toString());
            StructView spec = StructView.allocate(StructType.struct("struct timespec").field("tv_sec", "time_t")
                    .field("tv_nsec", "long").build(), arena);
            assertEquals(0, Foreign.call("clock_gettime", 1 /* CLOCK_MONOTONIC */, spec.segment()));
            assertTrue((long) spec.get("tv_nsec") < 1_000_000_000L);
        }
    }

    @Test
    void shouldRejectAStructArgumentThatDoesNotFit() {
        List<CType> oneInAddr = List.of(IN_ADDR);
        FieldPathError unknownField = assertThrows(FieldPathError.class, () -> Foreign.sharedCall("inet_ntoa", "c",
                CType.STRING, oneInAddr, Map.of("address", 1)));
        assertTrue(unknownField.getMessage().startsWith("argument 0 of inet_ntoa: struct in_addr has no field"
                + " 'address'"), unknownField.getMessage());
        ArgumentTypeError wrongType = assertThrows(ArgumentTypeError.class, () -> Foreign.sharedCall("inet_ntoa", "c",
                CType.STRING, oneInAddr, 42));
        assertTrue(wrongType.getMessage().contains("expected struct in_addr as a StructView, MemorySegment, Map or"
                + " record but got java.lang.Integer"), wrongType.getMessage());
        ConversionError tooBig = assertThrows(ConversionError.class, () -> Foreign.sharedCall("inet_ntoa", "c",
                CType.STRING, oneInAddr, Map.of("s_addr", -1)));
        assertEquals("field s_addr of struct in_addr: -1 does not fit C type uint32_t (range 0..4294967295)",
                tooBig.getMessage());
    }

    @Test
    void shouldPassAViewForAStructPointerAndReturnAViewOfTheStructCReturned() {
        try (Arena arena = Arena.ofConfined()) {
            StructView out = StructView.allocate(TM, arena);
            CType tmPointer = CType.pointerTo(TM);
            Object result = Foreign.sharedCall("gmtime_r", "c", tmPointer, List.of(CType.pointerTo(CType.TIME_T),
                    tmPointer), new long[] {86_400L}, out);
            StructView view = assertInstanceOf(StructView.class, result);
            assertEquals(out.segment().address(), view.segment().address());
            assertEquals(2, view.get("tm_mday"));
            assertEquals(70, out.get("tm_year"));
            // a view also passes for void *
            MemorySegment filled = (MemorySegment) Foreign.call("memset", out, 0, TM.byteSize());
            assertEquals(out.segment().address(), filled.address());
            assertEquals(0, out.get("tm_mday"));
        }
    }

    @Test
    void shouldGiveNullForANullStructPointerResult() {
        // strptime returns NULL when the text does not match the format; its struct tm * result is then null
        try (Arena arena = Arena.ofConfined()) {
            StructView out = StructView.allocate(TM, arena);
            CType tmPointer = CType.pointerTo(TM);
            assertNull(Foreign.sharedCall("gmtime_r", "c", tmPointer, List.of(CType.pointerTo(CType.TIME_T),
                    tmPointer), new long[] {Long.MAX_VALUE}, out)); // the year overflows an int: NULL, EOVERFLOW
        }
    }

    @Test
    void shouldRefuseAViewOfAnotherStructForAStructPointer() {
        try (Arena arena = Arena.ofConfined()) {
            StructView address = StructView.allocate(IN_ADDR, arena);
            CType tmPointer = CType.pointerTo(TM);
            ArgumentTypeError e = assertThrows(ArgumentTypeError.class, () -> Foreign.sharedCall("gmtime_r", "c",
                    tmPointer, List.of(CType.pointerTo(CType.TIME_T), tmPointer), new long[] {0}, address));
            assertEquals("argument 1 of gmtime_r: a view of struct in_addr passed for struct tm *; a view passes for"
                    + " a pointer to its own struct or void *", e.getMessage());
            ArgumentTypeError asText = assertThrows(ArgumentTypeError.class, () -> Foreign.call("strlen", address));
            assertEquals("argument 0 of strlen: a view of struct in_addr passed for char *; a view passes for a"
                    + " pointer to its own struct or void *", asText.getMessage());
        }
    }

    @Test
    void shouldTakeAStructDefinedAfterTheFirstCallIntoAccountAtTheNext() {
        String gmtime = "struct epsilon_tm *gmtime_r(const time_t *t, struct epsilon_tm *out)";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(TM.layout());
            Object before = Foreign.sharedCall(gmtime, "c", new long[] {0}, out);
            assertInstanceOf(MemorySegment.class, before); // struct epsilon_tm is incomplete: an address
            StructType defined = StructType.struct("struct epsilon_tm").field("tm_sec", "int").field("tm_min", "int")
                    .field("tm_hour", "int").field("tm_mday", "int").field("tm_mon", "int").field("tm_year", "int")
                    .build();
            CType.define("struct epsilon_tm", defined);
            StructView after = assertInstanceOf(StructView.class, Foreign.sharedCall(gmtime, "c", new long[] {0},
                    out));
            assertEquals(70, after.get("tm_year"));
            assertEquals(defined, after.type());
        }
    }

    @Test
    void shouldKeepAStructReturnedByValueOnTheJavaHeapAndStillPassIt() {
        StructView quotient = (StructView) Foreign.call("div", 17, 5);
        assertFalse(quotient.segment().isNative()); // freed with the view, no native memory waiting for a cleaner
        // by value: inet_makeaddr returns a struct in_addr, which inet_ntoa takes
        StructView address = (StructView) Foreign.sharedCall("inet_makeaddr", "c", IN_ADDR,
                List.of(CType.UINT32, CType.UINT32), 127L, 1L);
        assertEquals("127.0.0.1", Foreign.sharedCall("inet_ntoa", "c", CType.STRING, List.of(IN_ADDR), address));
        // by pointer: C gets a native copy, and what it writes comes back into the view
        Foreign.call("memset", quotient, 0, 8L);
        assertEquals(0, quotient.get("quot"));
        assertEquals(0, quotient.get("rem"));
    }
}
