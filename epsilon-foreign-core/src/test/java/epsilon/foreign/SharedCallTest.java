package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.UnknownLibraryError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedCallTest {

    @Test
    void shouldCallStrlenWithCTypeValues() {
        assertEquals(5L, Foreign.sharedCall("strlen", "libc", CType.SIZE_T, List.of(CType.STRING), "hello"));
    }

    @Test
    void shouldCallStrlenWithLispKeywords() {
        assertEquals(11L, Foreign.sharedCall("strlen", "libc", "unsigned-long", new String[] {":string"},
                "hello world"));
    }

    @Test
    void shouldCallStrlenWithCSpellings() {
        assertEquals(3L, Foreign.sharedCall("strlen", "c", "unsigned long", new String[] {"const char *"}, "abc"));
    }

    @Test
    void shouldCallThroughAPrototype() {
        assertEquals(4L, Foreign.sharedCall("size_t strlen(const char *s)", "c", "four"));
    }

    @Test
    void shouldCountUtf8BytesNotChars() {
        assertEquals((long) "héllo ✓".getBytes(StandardCharsets.UTF_8).length,
                Foreign.sharedCall("size_t strlen(const char *s)", "c", "héllo ✓"));
    }

    @Test
    void shouldCallLabsAndAbs() {
        assertEquals(42L, Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), -42L));
        assertEquals(7, Foreign.sharedCall("int abs(int j)", "c", -7));
    }

    @Test
    void shouldWidenSmallerJavaIntegersToTheCType() {
        assertEquals(9L, Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), -9));
    }

    @Test
    void shouldCallToupper() {
        assertEquals((int) 'Q', Foreign.sharedCall("int toupper(int c)", "c", (int) 'q'));
    }

    @Test
    void shouldCallLibmFunctions() {
        assertEquals(Math.sqrt(2.0), (double) Foreign.sharedCall("double sqrt(double x)", "m", 2.0), 0.0);
        assertEquals(1024.0, (double) Foreign.sharedCall("pow", "libm", CType.DOUBLE,
                List.of(CType.DOUBLE, CType.DOUBLE), 2.0, 10.0), 0.0);
        assertEquals(1.0, (double) Foreign.sharedCall("cos", "libm.so.6", CType.DOUBLE, List.of(CType.DOUBLE), 0.0),
                0.0);
    }

    @Test
    void shouldCompareStringsWithStrcmp() {
        assertTrue((int) Foreign.sharedCall("int strcmp(const char *a, const char *b)", "c", "apple", "banana") < 0);
        assertEquals(0, Foreign.sharedCall("int strcmp(const char *a, const char *b)", "c", "same", "same"));
    }

    @Test
    void shouldParseWithStrtolThroughAnOutPointer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("1234xyz");
            MemorySegment end = arena.allocate(ValueLayout.ADDRESS);
            long value = (long) Foreign.sharedCall("long strtol(const char *nptr, char **endptr, int base)", "c",
                    text, end, 10);
            assertEquals(1234L, value);
            long consumed = end.get(ValueLayout.ADDRESS, 0).address() - text.address();
            assertEquals(4L, consumed);
        }
    }

    @Test
    void shouldFormatWithVariadicSnprintf() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            int written = (int) Foreign.sharedCall("int snprintf(char *s, size_t n, const char *format, ...)", "c",
                    buffer, 64L, "%s=%d (%.2f) %ld", "x", 42, 2.5, 7L);
            assertEquals("x=42 (2.50) 7", buffer.getString(0));
            assertEquals("x=42 (2.50) 7".length(), written);
        }
    }

    @Test
    void shouldCallVariadicFunctionsWithDifferentArgumentTypesInTurn() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            String proto = "int snprintf(char *s, size_t n, const char *format, ...)";
            Foreign.sharedCall(proto, "c", buffer, 64L, "%d", 1);
            assertEquals("1", buffer.getString(0));
            Foreign.sharedCall(proto, "c", buffer, 64L, "%s", "one");
            assertEquals("one", buffer.getString(0));
            Foreign.sharedCall(proto, "c", buffer, 64L, "no arguments");
            assertEquals("no arguments", buffer.getString(0));
        }
    }

    @Test
    void shouldReturnTheProcessIdFromGetpid() {
        assertEquals(ProcessHandle.current().pid(), ((Number) Foreign.sharedCall("int getpid(void)", "c")).longValue());
    }

    @Test
    void shouldReadTheEnvironmentWithGetenv() {
        String path = System.getenv("PATH");
        assertEquals(path, Foreign.sharedCall("char *getenv(const char *name)", "c", "PATH"));
        assertNull(Foreign.sharedCall("char *getenv(const char *name)", "c", "EPSILON_SURELY_UNSET_VARIABLE"));
    }

    @Test
    void shouldCallByNameAloneFromKnownPrototypes() {
        assertEquals(5L, Foreign.call("strlen", "hello"));
        assertEquals(3.0, (double) Foreign.call("sqrt", 9.0), 0.0);
    }

    @Test
    void shouldResolveOnceWithDefshared() {
        ForeignFunction strlen = Foreign.defshared("size_t strlen(const char *s)", "c")
                .withDocumentation("Length of a C string in bytes.");
        assertEquals(0L, strlen.invoke(""));
        assertEquals(6L, strlen.invoke("abcdef"));
        assertEquals("strlen", strlen.name());
        assertEquals(List.of(CType.STRING), strlen.parameterTypes());
        assertEquals("Length of a C string in bytes.", strlen.documentation());
        ForeignFunction labs = Foreign.defshared("labs", "c", CType.LONG, CType.LONG);
        assertEquals(3L, labs.invoke(-3L));
    }

    @Test
    void shouldCacheOneLibraryPerName() {
        assertSame(Foreign.libOpen("m"), Foreign.libOpen("libm"));
        assertSame(Foreign.libOpen("c"), Foreign.libOpen("libc"));
    }

    // ---- errors ------------------------------------------------------------------------------------

    @Test
    void shouldRejectAnUnknownLibraryListingWhatWasTried() {
        UnknownLibraryError e = assertThrows(UnknownLibraryError.class,
                () -> Foreign.sharedCall("f", "epsilon_no_such_lib", CType.INT, List.of()));
        assertTrue(e.getMessage().contains("library 'epsilon_no_such_lib' not found; tried "), e.getMessage());
        assertTrue(e.getMessage().contains("libepsilon_no_such_lib.so"), e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownSymbol() {
        UnknownSymbolError e = assertThrows(UnknownSymbolError.class,
                () -> Foreign.sharedCall("epsilon_no_such_function", "c", CType.INT, List.of()));
        assertTrue(e.getMessage().startsWith("symbol 'epsilon_no_such_function' not found in library 'c'"),
                e.getMessage());
        assertEquals("epsilon_no_such_function", e.functionName().orElseThrow());
    }

    @Test
    void shouldRejectTheWrongNumberOfArguments() {
        ArityError e = assertThrows(ArityError.class,
                () -> Foreign.sharedCall("size_t strlen(const char *s)", "c", "a", "b"));
        assertEquals("strlen takes 1 argument (size_t strlen(char *s)), got 2", e.getMessage());
        assertEquals(1, e.expected());
        assertEquals(2, e.actual());
    }

    @Test
    void shouldCheckSharedCallFastArgumentsLikeEveryOtherLevel() {
        List<CType> oneLong = List.of(CType.LONG);
        ArityError arity = assertThrows(ArityError.class,
                () -> Foreign.sharedCallFast("labs", "c", CType.LONG, oneLong, -1L, -2L));
        assertEquals("labs takes 1 argument (long labs(long)), got 2", arity.getMessage());
        ArgumentTypeError type = assertThrows(ArgumentTypeError.class,
                () -> Foreign.sharedCallFast("labs", "c", CType.LONG, oneLong, "seven"));
        assertEquals(0, type.index());
        UnknownSymbolError symbol = assertThrows(UnknownSymbolError.class,
                () -> Foreign.sharedCallFast("epsilon_no_such_function", "c", CType.INT, List.of()));
        assertTrue(symbol.getMessage().startsWith("symbol 'epsilon_no_such_function' not found in library 'c'"),
                symbol.getMessage());
        assertEquals(7L, Foreign.sharedCallFast("labs", "c", CType.LONG, oneLong, -7L)); // the cache is intact
    }

    @Test
    void shouldRejectTooFewArgumentsForAVariadicFunction() {
        ArityError e = assertThrows(ArityError.class,
                () -> Foreign.sharedCall("int printf(const char *format, ...)", "c"));
        assertTrue(e.getMessage().startsWith("printf takes at least 1 argument"), e.getMessage());
    }

    @Test
    void shouldRejectAnArgumentOfTheWrongJavaType() {
        ArgumentTypeError e = assertThrows(ArgumentTypeError.class,
                () -> Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), "not a number"));
        assertEquals(0, e.index());
        assertEquals("labs", e.functionName().orElseThrow());
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void shouldRejectNullForAValueParameter() {
        NullArgumentError e = assertThrows(NullArgumentError.class,
                () -> Foreign.sharedCall("int abs(int j)", "c", (Object) null));
        assertEquals(0, e.index());
        assertEquals("abs", e.functionName().orElseThrow());
    }

    @Test
    void shouldRejectAValueOutOfTheCTypesRange() {
        assertThrows(ConversionError.class,
                () -> Foreign.sharedCall("int abs(int j)", "c", 1L << 40));
    }

    @Test
    void shouldPassAVariadicNullAsANullPointer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(16);
            Foreign.sharedCall("int snprintf(char *s, size_t n, const char *format, ...)", "c", buffer, 16L, "%p",
                    null);
            assertEquals("(nil)", buffer.getString(0));
        }
    }

    @Test
    void shouldRejectAVariadicArgumentWithNoCType() {
        try (Arena arena = Arena.ofConfined()) {
            ArgumentTypeError e = assertThrows(ArgumentTypeError.class, () -> Foreign.sharedCall(
                    "int snprintf(char *s, size_t n, const char *format, ...)", "c", arena.allocate(8), 8L, "%d",
                    true));
            assertEquals(3, e.index());
            assertTrue(e.getMessage().contains("has no C type in a variadic call"), e.getMessage());
        }
    }

    @Test
    void shouldRejectAMalformedPrototypeNamingThePosition() {
        ParseError e = assertThrows(ParseError.class, () -> Foreign.sharedCall("size_t strlen(const char *s", "c", "x"));
        assertTrue(e.column() > 0, "column " + e.column());
    }

    @Test
    void shouldRejectANameWithNoKnownPrototype() {
        ForeignError e = assertThrows(ForeignError.class, () -> Foreign.call("epsilon_frobnicate", 1));
        assertTrue(e.getMessage().contains("epsilon_frobnicate"), e.getMessage());
    }
}
