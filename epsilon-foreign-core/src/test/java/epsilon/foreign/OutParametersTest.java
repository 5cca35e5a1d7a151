package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.NativeArrays;
import epsilon.foreign.marshalling.NativeStrings;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Out-parameters at the dynamic levels ({@code sharedCall}, {@code call}, {@code ForeignFunction}): a
 * {@code ByReference}, a {@code MemorySegment[]} or a {@code String[]} passed for a {@code T *} holds, after the
 * call, what C wrote there. Against real SQLite and libc.
 */
class OutParametersTest {
    private static final String OPEN = "int sqlite3_open(const char *filename, sqlite3 **ppDb)";
    private static final String CLOSE = "int sqlite3_close(sqlite3 *db)";
    private static final String EXEC = "int sqlite3_exec(sqlite3 *db, const char *sql,"
            + " int (*callback)(void *, int, char **, char **), void *arg, char **errmsg)";
    private static final String FREE = "void sqlite3_free(void *p)";

    @Test
    void shouldOpenAnSqliteDatabaseThroughAByReference() {
        InstalledLibraries.assumeInstalled("sqlite3");
        ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
        assertEquals(0, Foreign.sharedCall(OPEN, "sqlite3", ":memory:", db));
        assertNotEquals(0, db.get().address());
        assertEquals(0, Foreign.sharedCall(CLOSE, "sqlite3", db.get()));
    }

    @Test
    void shouldOpenAnSqliteDatabaseThroughAOneElementSegmentArray() {
        InstalledLibraries.assumeInstalled("sqlite3");
        MemorySegment[] db = new MemorySegment[1];
        ForeignFunction open = Foreign.defshared(OPEN, "sqlite3");
        assertEquals(0, open.invoke(":memory:", db));
        assertNotEquals(0, db[0].address());
        assertEquals(0, Foreign.sharedCall(CLOSE, "sqlite3", db[0]));
    }

    @Test
    void shouldHandBackTheErrorMessageSqliteAllocatedAndFreeItWithSqlite3Free() {
        InstalledLibraries.assumeInstalled("sqlite3");
        MemorySegment db = openMemoryDatabase();
        try {
            ByReference<MemorySegment> errmsg = ByReference.empty(MemorySegment.class);
            int rc = (int) Foreign.sharedCall(EXEC, "sqlite3", db, "SELECT * FROM no_such_table", null, null, errmsg);
            assertEquals(1, rc); // SQLITE_ERROR
            List<MemorySegment> freed = new ArrayList<>();
            String message = NativeStrings.fromNativeAndFree(errmsg.get(), pointer -> {
                freed.add(pointer);
                Foreign.sharedCall(FREE, "sqlite3", pointer);
            });
            assertEquals("no such table: no_such_table", message);
            assertEquals(List.of(errmsg.get()), freed);
        } finally {
            Foreign.sharedCall(CLOSE, "sqlite3", db);
        }
    }

    @Test
    void shouldLeaveANullErrorMessageNullAndFreeNothing() {
        InstalledLibraries.assumeInstalled("sqlite3");
        MemorySegment db = openMemoryDatabase();
        try {
            String[] errmsg = {"stale"};
            assertEquals(0, Foreign.sharedCall(EXEC, "sqlite3", db, "CREATE TABLE t(x)", null, null, errmsg));
            assertNull(errmsg[0]); // C wrote NULL over the value passed in
            List<MemorySegment> freed = new ArrayList<>();
            assertNull(NativeStrings.fromNativeAndFree(MemorySegment.NULL, freed::add));
            assertEquals(List.of(), freed);
        } finally {
            Foreign.sharedCall(CLOSE, "sqlite3", db);
        }
    }

    @Test
    void shouldReadWhereStrtolStoppedThroughAStringArray() {
        String[] end = new String[1];
        assertEquals(123L, Foreign.call("strtol", "123abc", end, 10));
        assertEquals("abc", end[0]);
        ByReference<String> rest = ByReference.empty(String.class);
        assertEquals(255L, Foreign.sharedCall("long strtol(const char *s, char **end, int base)", "c", "ff zz", rest,
                16));
        assertEquals(" zz", rest.get());
    }

    @Test
    void shouldScanIntoTypedHoldersAndPrimitiveArraysInAVariadicCall() {
        ByReference<Integer> count = ByReference.empty(Integer.class);
        ByReference<Double> ratio = ByReference.empty(Double.class);
        long[] big = new long[1];
        int matched = (int) Foreign.call("sscanf", "42 2.5 9000000000", "%d %lf %lld", count, ratio, big);
        assertEquals(3, matched);
        assertEquals(42, count.get());
        assertEquals(2.5, ratio.get());
        assertArrayEquals(new long[] {9_000_000_000L}, big);
    }

    @Test
    void shouldPassAnInitialValueInAndReadTheNewOneBack() {
        // frexp writes the exponent through int *; the holder's initial value is overwritten
        ByReference<Integer> exponent = ByReference.of(-1);
        assertEquals(0.75, Foreign.call("frexp", 6.0, exponent));
        assertEquals(3, exponent.get());
        // an untyped holder takes the C type's own Java type
        ByReference<Object> untyped = ByReference.empty();
        assertEquals(0.5, Foreign.call("frexp", 1.0, untyped));
        assertEquals(1, untyped.get());
    }

    @Test
    void shouldGiveAnEmptyArrayMemoryOfItsOwnSoCWritingThroughItOverwritesNoOtherArgument() {
        // C writes one element through each of these pointers: into the empty array's own cell (marshalling's
        // EmptyArrayArgumentTest shows the next temporary is untouched); nothing comes back, and the call is right.
        assertEquals(0.75, Foreign.call("frexp", 6.0, new int[0]));
        assertEquals(1, Foreign.sharedCall("int sscanf(const char *s, const char *format, ...)", "c", "7 x", "%d",
                new int[0]));
        assertEquals(42L, Foreign.sharedCall("long strtol(const char *s, char **end, int base)", "c", "42z",
                new MemorySegment[0], 10));
    }

    @Test
    void shouldRefuseAHolderWhoseTypeCannotHoldThePointedToValueBeforeTheCall() {
        ByReference<String> wrong = ByReference.empty(String.class);
        ArgumentTypeError e = assertThrows(ArgumentTypeError.class, () -> Foreign.call("frexp", 6.0, wrong));
        assertEquals("argument 1 of frexp: expected C type int * (a ByReference<String> cannot hold the int C"
                + " writes; use ByReference<Integer>) but got epsilon.foreign.marshalling.ByReference"
                + " ByReference[null]", e.getMessage());
        assertNull(wrong.get());
    }

    @Test
    void shouldRefuseAHolderForAPointerToVoid() {
        ArgumentTypeError e = assertThrows(ArgumentTypeError.class, () -> Foreign.sharedCall(
                "void *memset(void *s, int c, size_t n)", "c", ByReference.empty(), 0, 1L));
        assertEquals("argument 0 of memset: expected C type void * (a ByReference needs a pointer to a type of known"
                + " size, such as int * or sqlite3 **; void * is not one) but got"
                + " epsilon.foreign.marshalling.ByReference ByReference[null]", e.getMessage());
    }

    @Test
    void shouldRefuseAnUntypedHolderInTheVariadicPart() {
        ArgumentTypeError e = assertThrows(ArgumentTypeError.class,
                () -> Foreign.call("sscanf", "1", "%d", ByReference.empty()));
        assertEquals("argument 2 of sscanf: a ByReference has no C type in a variadic call; make it with"
                + " ByReference.empty(Integer.class) or another of Integer, Long, Short, Byte, Double, Float, String,"
                + " MemorySegment", e.getMessage());
    }

    @Test
    void shouldRefuseAnArrayWhoseElementsCannotHoldWhatCWritesBeforeTheCall() {
        Long[] exponent = {7L};
        ArgumentTypeError e = assertThrows(ArgumentTypeError.class, () -> Foreign.call("frexp", 6.0, exponent));
        assertEquals("argument 1 of frexp: expected C type int * (a Long[] cannot hold the int values C may write"
                + " back; use Integer[], or declare the parameter const int *) but got java.lang.Long[] of length 1",
                e.getMessage());
        assertArrayEquals(new Long[] {7L}, exponent);
    }

    @Test
    void shouldReadExactlyNStringsOfACharPointerArrayWithNullEntries() {
        InstalledLibraries.assumeInstalled("sqlite3");
        MemorySegment db = openMemoryDatabase();
        try {
            ForeignFunction exec = Foreign.defshared(EXEC, "sqlite3");
            exec.invoke(db, "CREATE TABLE t(a, b); INSERT INTO t VALUES('x', NULL), (NULL, 'y')", null, null, null);
            List<List<String>> rows = new ArrayList<>();
            epsilon.foreign.callback.Callback collect = epsilon.foreign.callback.Callbacks.create(args -> {
                int n = (int) args[1];
                rows.add(java.util.Arrays.asList(NativeArrays.readStrings((MemorySegment) args[2], n)));
                rows.add(java.util.Arrays.asList(NativeArrays.readStrings((MemorySegment) args[3], n)));
                return 0;
            }, "int (*)(void *, int, char **, char **)");
            try (collect) {
                assertEquals(0, exec.invoke(db, "SELECT a, b FROM t", collect, null, null));
            }
            assertEquals(List.of(List.of("x", "null"), List.of("a", "b"), List.of("null", "y"), List.of("a", "b")),
                    rows.stream().map(row -> row.stream().map(String::valueOf).toList()).toList());
        } finally {
            Foreign.sharedCall(CLOSE, "sqlite3", db);
        }
    }

    private static MemorySegment openMemoryDatabase() {
        ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
        assertEquals(0, Foreign.sharedCall(OPEN, "sqlite3", ":memory:", db));
        return db.get();
    }
}
