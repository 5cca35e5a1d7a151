package epsilon.foreign.binding;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CFunction;
import epsilon.foreign.Foreign;
import epsilon.foreign.FreedWith;
import epsilon.foreign.NativeType;
import epsilon.foreign.Variadic;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.NativeArrays;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.UnknownLibraryError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bound interfaces with Java objects for pointers: out-parameters ({@code ByReference}, {@code MemorySegment[]},
 * {@code String[]}), struct views for {@code struct T *}, callbacks and lambdas for function pointers, strings freed
 * with the library's own function; and package-private interfaces bound with the caller's lookup.
 */
class BoundObjectsTest {
    /** A nested, package-private interface: bound with this class's lookup. */
    interface Sqlite {
        int sqlite3_open(String filename, ByReference<MemorySegment> db);

        @CFunction("sqlite3_open")
        int openInto(String filename, @NativeType("sqlite3 **") MemorySegment[] db);

        int sqlite3_close(MemorySegment db);

        int sqlite3_exec(MemorySegment db, String sql,
                         @NativeType("int (*)(void *, int, char **, char **)") RowHandler callback, MemorySegment arg,
                         @NativeType("char **") ByReference<MemorySegment> errmsg);

        @FreedWith("sqlite3_free")
        @Variadic(fixed = 1)
        String sqlite3_mprintf(String format, String value);
    }

    /** What sqlite3_exec calls for each row. */
    @FunctionalInterface
    interface RowHandler {
        int row(MemorySegment arg, int columns, MemorySegment values, MemorySegment names);
    }

    public interface Libc {
        long strtol(String s, String[] end, int base);

        double frexp(double x, ByReference<Integer> exponent);

        void qsort(MemorySegment base, long count, long size,
                   @NativeType("int (*)(const void *, const void *)") Callback compare);

        @CFunction("qsort")
        void sortWith(MemorySegment base, long count, long size,
                      @NativeType("int (*)(const int *, const int *)") IntComparator compare);

        @NativeType("struct tm *")
        StructView gmtime_r(@NativeType("const time_t *") long[] time, @NativeType("struct tm *") StructView out);

        @FreedWith("free")
        String strdup(String s);
    }

    /** A comparator over two C ints, as qsort calls it. */
    @FunctionalInterface
    public interface IntComparator {
        int compare(MemorySegment a, MemorySegment b);
    }

    private static final StructType TM = CHeader.include("time.h").struct("tm");

    static {
        CType.define("struct tm", TM);
    }

    private static final Libc LIBC = Foreign.bind(Libc.class, "c");

    @Test
    void shouldFillOutParametersOfABoundSqlite() {
        Sqlite sqlite = bindSqlite();
        ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
        assertEquals(0, sqlite.sqlite3_open(":memory:", db));
        assertNotEquals(0, db.get().address());
        MemorySegment[] second = new MemorySegment[1];
        assertEquals(0, sqlite.openInto(":memory:", second));
        assertNotEquals(db.get().address(), second[0].address());
        assertEquals(0, sqlite.sqlite3_close(second[0]));
        assertEquals(0, sqlite.sqlite3_close(db.get()));
    }

    @Test
    void shouldCallALambdaForEveryRowOfABoundSqlite3Exec() {
        Sqlite sqlite = bindSqlite();
        ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
        sqlite.sqlite3_open(":memory:", db);
        try {
            ByReference<MemorySegment> errmsg = ByReference.empty(MemorySegment.class);
            assertEquals(0, sqlite.sqlite3_exec(db.get(), "CREATE TABLE t(a); INSERT INTO t VALUES (1), (NULL)", null,
                    MemorySegment.NULL, errmsg));
            List<String> values = new ArrayList<>();
            RowHandler collect = (arg, columns, row, names) -> {
                values.add(NativeArrays.readStrings(names, columns)[0] + "=" + NativeArrays.readStrings(row,
                        columns)[0]);
                return 0;
            };
            assertEquals(0, sqlite.sqlite3_exec(db.get(), "SELECT a FROM t", collect, MemorySegment.NULL, errmsg));
            assertEquals(List.of("a=1", "a=null"), values);
            assertEquals(0, errmsg.get().address());
        } finally {
            sqlite.sqlite3_close(db.get());
        }
    }

    @Test
    void shouldRethrowALambdasFailureFromTheBoundCallAndNotLater() {
        Sqlite sqlite = bindSqlite();
        ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
        sqlite.sqlite3_open(":memory:", db);
        try {
            RowHandler failing = (arg, columns, row, names) -> {
                throw new IllegalStateException("row handler broke");
            };
            ByReference<MemorySegment> errmsg = ByReference.empty(MemorySegment.class);
            CallbackError e = assertThrows(CallbackError.class,
                    () -> sqlite.sqlite3_exec(db.get(), "SELECT 1", failing, MemorySegment.NULL, errmsg));
            assertEquals("a callback threw during the call to sqlite3_exec: java.lang.IllegalStateException: row"
                    + " handler broke", e.getMessage());
            assertEquals("row handler broke", e.getCause().getMessage());
            // the next, unrelated call does not see it
            assertEquals(3L, Foreign.call("labs", -3L));
        } finally {
            sqlite.sqlite3_close(db.get());
        }
    }

    @Test
    void shouldDecodeAndFreeAStringSqliteAllocated() {
        Sqlite sqlite = bindSqlite();
        assertEquals("'it''s'", sqlite.sqlite3_mprintf("%Q", "it's"));
        assertEquals("NULL", sqlite.sqlite3_mprintf("%Q", null));
        assertEquals("copy", LIBC.strdup("copy"));
    }

    @Test
    void shouldCopyOutParametersBackFromBoundLibcFunctions() {
        String[] end = new String[1];
        assertEquals(0x1fL, LIBC.strtol("1f!", end, 16));
        assertEquals("!", end[0]);
        ByReference<Integer> exponent = ByReference.empty(Integer.class);
        assertEquals(0.75, LIBC.frexp(6.0, exponent));
        assertEquals(3, exponent.get());
    }

    @Test
    void shouldPassCallbacksAndLambdasForFunctionPointers() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment numbers = arena.allocateFrom(JAVA_INT, 3, 1, 2);
            LIBC.sortWith(numbers, 3, 4, (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0)));
            assertArrayEquals(new int[] {1, 2, 3}, numbers.toArray(JAVA_INT));
            try (Callback descending = Callbacks.create(args -> Integer.compare(
                    ((MemorySegment) args[1]).reinterpret(4).get(JAVA_INT, 0),
                    ((MemorySegment) args[0]).reinterpret(4).get(JAVA_INT, 0)),
                    "int (*)(const void *, const void *)")) {
                LIBC.qsort(numbers, 3, 4, descending);
            }
            assertArrayEquals(new int[] {3, 2, 1}, numbers.toArray(JAVA_INT));
        }
    }

    @Test
    void shouldRefuseAMismatchedOrClosedCallbackBeforeCCallsIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment numbers = arena.allocateFrom(JAVA_INT, 2, 1);
            Callback wrongShape = Callbacks.create(args -> 0, "int (*)(int)");
            ArgumentTypeError mismatch = assertThrows(ArgumentTypeError.class,
                    () -> LIBC.qsort(numbers, 2, 4, wrongShape));
            assertEquals("argument 3 of qsort: the callback's signature int (*)(int) does not match the parameter's"
                    + " int (*)(const void *, const void *); C would call it with the wrong arguments",
                    mismatch.getMessage());
            wrongShape.close();
            Callback closed = Callbacks.create(args -> 0, "int (*)(const void *, const void *)");
            closed.close();
            CallbackClosedError e = assertThrows(CallbackClosedError.class, () -> LIBC.qsort(numbers, 2, 4, closed));
            assertTrue(e.getMessage().startsWith("argument 3 of qsort is a callback that has been closed"),
                    e.getMessage());
            assertArrayEquals(new int[] {2, 1}, numbers.toArray(JAVA_INT));
        }
    }

    @Test
    void shouldTakeAndReturnStructViewsForStructPointers() {
        try (Arena arena = Arena.ofConfined()) {
            StructView out = StructView.allocate(TM, arena);
            StructView result = LIBC.gmtime_r(new long[] {86_400L * 365}, out); // 1971-01-01T00:00:00Z
            assertEquals(out.segment().address(), result.segment().address());
            assertEquals(71, result.get("tm_year"));
            assertEquals(0, result.get("tm_mon"));
            assertEquals(1, result.get("tm_mday"));
            assertEquals(TM, result.type());
        }
    }

    @Test
    void shouldRefuseAViewOfAnotherStructForAStructPointer() {
        StructType other = StructType.struct("struct other").field("x", CType.INT).build();
        try (Arena arena = Arena.ofConfined()) {
            StructView wrong = StructView.allocate(other, arena);
            ArgumentTypeError e = assertThrows(ArgumentTypeError.class,
                    () -> LIBC.gmtime_r(new long[] {0}, wrong));
            assertEquals("argument 1 of gmtime_r: a view of struct other passed for struct tm *; a view passes for a"
                    + " pointer to its own struct or void *", e.getMessage());
        }
    }

    /** Interfaces whose object parameters cannot be bound say why when bound. */
    public interface Unbindable {
        interface NoPointerType {
            long strtol(String s, Integer[] end, int base);
        }

        interface LambdaWithoutType {
            void qsort(MemorySegment base, long count, long size, IntComparator compare);
        }

        interface HolderOfUnknownType {
            double frexp(double x, ByReference<StringBuilder> exponent);
        }

        interface ViewWithoutStruct {
            @NativeType("void *")
            StructView malloc(long size);
        }

        interface FreeingANumber {
            @FreedWith("free")
            long labs(long x);
        }
    }

    @Test
    void shouldRefuseObjectParametersWithoutAPointerTypeWhenBound() {
        assertBindFails(Unbindable.NoPointerType.class, "cannot bind NoPointerType.strtol(String, Integer[], int):"
                + " parameter 1 is Integer[], whose elements C reads through a pointer, so it needs @NativeType"
                + " naming that pointer type (none given)");
        assertBindFails(Unbindable.LambdaWithoutType.class, "cannot bind LambdaWithoutType.qsort(MemorySegment,"
                + " long, long, IntComparator): parameter 3 is the functional interface IntComparator, made a"
                + " callback for the call, so it needs @NativeType naming its function-pointer type, such as"
                + " @NativeType(\"int (*)(const void *, const void *)\")");
        assertBindFails(Unbindable.HolderOfUnknownType.class, "cannot bind HolderOfUnknownType.frexp(double,"
                + " ByReference): parameter 1 is epsilon.foreign.marshalling.ByReference<java.lang"
                + ".StringBuilder>, whose C type cannot be told from its type argument; declare it with @NativeType,"
                + " such as @NativeType(\"sqlite3 **\"), or as ByReference<Integer>, <Long>, <Double>, <String> or"
                + " <MemorySegment>");
        assertBindFails(Unbindable.ViewWithoutStruct.class, "cannot bind ViewWithoutStruct.malloc(long): the return"
                + " type is StructView, so the method needs @NativeType naming a pointer to a struct whose layout is"
                + " known (\"struct tm *\" after CType.define or a header), not @NativeType(\"void *\")");
        assertBindFails(Unbindable.FreeingANumber.class, "cannot bind FreeingANumber.labs(long): @FreedWith(\"free\")"
                + " frees a char * result after decoding it, but the method returns long; return a String");
    }

    @Test
    void shouldRefuseANonPublicInterfaceWithoutALookupAndALookupFromElsewhere() {
        ForeignError without = assertThrows(ForeignError.class, () -> Foreign.bind(Hidden.class, "c"));
        assertEquals("cannot bind epsilon.foreign.binding.BoundObjectsTest$Hidden: it is not public, and the"
                + " implementation is generated in module epsilon.foreign, which can only implement public interfaces;"
                + " make it public or pass MethodHandles.lookup() from its package: Foreign.bind(type, library,"
                + " MethodHandles.lookup())", without.getMessage());
        ForeignError elsewhere = assertThrows(ForeignError.class,
                () -> Foreign.bind(Hidden.class, "c", MethodHandles.lookup().in(String.class)));
        assertTrue(elsewhere.getMessage().startsWith("cannot bind epsilon.foreign.binding.BoundObjectsTest$Hidden:"
                + " the lookup of java.lang.String has not full privilege access"), elsewhere.getMessage());
        Hidden hidden = Foreign.bind(Hidden.class, "c", MethodHandles.lookup());
        assertEquals(4L, hidden.labs(-4L));
        assertFalse(hidden.toString().isEmpty());
        UnknownSymbolError missing = assertThrows(UnknownSymbolError.class,
                () -> Foreign.bind(HiddenMissing.class, "c", MethodHandles.lookup()));
        assertTrue(missing.getMessage().startsWith("cannot bind HiddenMissing.no_such_function_here(): symbol"
                + " 'no_such_function_here' not found"), missing.getMessage());
    }

    interface Hidden {
        long labs(long x);
    }

    interface HiddenMissing {
        void no_such_function_here();
    }

    private static void assertBindFails(Class<?> type, String message) {
        ForeignError e = assertThrows(ForeignError.class, () -> Foreign.bind(type, "c"));
        assertEquals(message, e.getMessage());
    }

    private static Sqlite bindSqlite() {
        try {
            return Foreign.bind(Sqlite.class, "sqlite3", MethodHandles.lookup());
        } catch (UnknownLibraryError absent) {
            Assumptions.abort("libsqlite3 is not installed: " + absent.getMessage());
            throw absent;
        }
    }
}
