package epsilon.foreign.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.Library;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.UnknownLibraryError;
import epsilon.foreign.trampoline.BoundTrampoline;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The generated call a dynamic function gets once it has been called with Strings: the same answers and the same
 * errors as the general path it stands in for, against libc's own string functions.
 */
class StringCallTest {

    /** The function after enough calls with a String that its generated call has been made. */
    private static DynamicFunction warmed(String prototype, String library, Object... arguments) {
        DynamicFunction function = (DynamicFunction) Foreign.defshared(prototype, library);
        for (int i = 0; i < DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
            assertFalse(function.hasStringCall(), "made after " + i + " calls");
            function.invoke(arguments);
        }
        assertTrue(function.hasStringCall(), prototype);
        return function;
    }

    @Test
    void shouldBeMadeAfterTheThresholdAndGiveTheSameAnswers() {
        DynamicFunction strlen = warmed("size_t strlen(const char *s)", "c", "warm");
        assertEquals(5L, strlen.invoke("hello"));
        assertEquals(0L, strlen.invoke(""));
        assertEquals(6L, strlen.invoke("h\u00e9llo"), "UTF-8: two bytes for e-acute");
        assertEquals(4L, strlen.invoke("\uD83D\uDE00"), "UTF-8: four bytes for a supplementary character");
        assertEquals(5L, strlen.invokeLong("hello"));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(3L, strlen.invoke(arena.allocateFrom("abc")), "a segment still goes through");
        }
    }

    @Test
    void shouldNotBeMadeForCallsWithSegmentsOnly() {
        DynamicFunction strlen = (DynamicFunction) Foreign.defshared("size_t strlen(const char *s)", "c");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("abc");
            for (int i = 0; i < 2 * DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
                assertEquals(3L, strlen.invoke(text));
            }
        }
        assertFalse(strlen.hasStringCall());
    }

    @Test
    void shouldTakeStringsSegmentsAndBoxesTogether() {
        DynamicFunction strncmp = warmed("int strncmp(const char *a, const char *b, size_t n)", "c", "a", "b", 1L);
        assertEquals(0, strncmp.invoke("abcX", "abcY", 3L));
        assertTrue((Integer) strncmp.invoke("abcX", "abcY", 4L) < 0);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(0, strncmp.invoke(arena.allocateFrom("same"), "same", 10L));
            assertEquals(0, strncmp.invoke("same", arena.allocateFrom("same"), 10L));
        }
        assertEquals(0, strncmp.invoke("abcX", "abcY", 3), "an Integer for size_t is converted by the general path");
    }

    @Test
    void shouldConvertAResultThatIsNotItsCarrier() {
        DynamicFunction strchr = warmed("char *strchr(const char *s, int c)", "c", "abc", (int) 'b');
        assertEquals("llo", strchr.invoke("hello", (int) 'l'), "char * result decoded");
        assertEquals(null, strchr.invoke("hello", (int) 'z'), "NULL result");
        DynamicFunction atoi = warmed("unsigned int atoi(const char *s)", "c", "1");
        assertEquals(4294967295L, atoi.invoke("-1"), "unsigned int as its Java long");
    }

    @Test
    void shouldEncodeInTheDeclaredCharset() {
        DynamicFunction latin = (DynamicFunction) Foreign.defshared("strlen", "c", CType.SIZE_T,
                CType.string(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
            latin.invoke("warm");
        }
        assertTrue(latin.hasStringCall());
        assertEquals(4L, latin.invoke("caf\u00e9"), "one byte for e-acute in ISO-8859-1 (two in UTF-8)");
        ConversionError euro = assertThrows(ConversionError.class, () -> latin.invoke("5 \u20ac"));
        assertTrue(euro.getMessage().startsWith("argument 0 of strlen: "), euro.getMessage());
        DynamicFunction wide = (DynamicFunction) Foreign.defshared("wcslen", "c", CType.SIZE_T, CType.WIDE_STRING);
        for (int i = 0; i < DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
            wide.invoke("warm");
        }
        assertTrue(wide.hasStringCall());
        assertEquals(5L, wide.invoke("h\u00e9llo"), "wchar_t: one unit per character");
        assertEquals(1L, wide.invoke("\uD83D\uDE00"), "UTF-32: one unit for a supplementary character");
    }

    @Test
    void shouldRefuseAStringWithANulNamingTheFunctionAndArgument() {
        DynamicFunction strlen = warmed("size_t strlen(const char *s)", "c", "warm");
        ConversionError e = assertThrows(ConversionError.class, () -> strlen.invoke("a\0b"));
        assertEquals("argument 0 of strlen: string contains a NUL character at index 1 (length 3); C would see only"
                + " its first 1 characters", e.getMessage());
        assertEquals(3L, strlen.invoke("abc"), "the frame was released after the failure");
    }

    @Test
    void shouldLeaveNullAndWrongArgumentsToTheGeneralPathsErrors() {
        DynamicFunction strlen = warmed("size_t strlen(const char *s)", "c", "warm");
        NullArgumentError nullText = assertThrows(NullArgumentError.class, () -> strlen.invoke((Object) null));
        assertTrue(nullText.getMessage().contains("declares nonnull"), nullText.getMessage());
        NullArgumentError nullSegment = assertThrows(NullArgumentError.class,
                () -> strlen.invoke(MemorySegment.NULL));
        assertTrue(nullSegment.getMessage().contains("NULL for a parameter of C type"), nullSegment.getMessage());
        ArityError arity = assertThrows(ArityError.class, () -> strlen.invoke("a", "b"));
        assertEquals("strlen takes 1 argument (size_t strlen(char *s)), got 2", arity.getMessage());
        ArgumentTypeError type = assertThrows(ArgumentTypeError.class, () -> strlen.invoke(2.5));
        assertEquals(0, type.index());
    }

    @Test
    void shouldRefuseFreedAndForeignThreadSegments() throws Exception {
        DynamicFunction strncmp = warmed("int strncmp(const char *a, const char *b, size_t n)", "c", "a", "b", 1L);
        MemorySegment freed;
        try (Arena arena = Arena.ofConfined()) {
            freed = arena.allocateFrom("gone");
        }
        FreedMemoryError e = assertThrows(FreedMemoryError.class, () -> strncmp.invoke("gone", freed, 4L));
        assertEquals("argument 1 of strncmp is memory that has been freed", e.getMessage());
        try (Arena confined = Arena.ofConfined(); ExecutorService other = Executors.newSingleThreadExecutor()) {
            MemorySegment mine = confined.allocateFrom("mine");
            ForeignError wrongThread = other.submit(() -> assertThrows(ForeignError.class,
                    () -> strncmp.invoke("mine", mine, 4L))).get();
            assertTrue(wrongThread.getMessage().startsWith("strncmp: an argument is memory confined to another thread"),
                    wrongThread.getMessage());
        }
    }

    @Test
    void shouldRefuseACallIntoAClosedLibrary() {
        Library libc = Foreign.libOpen("libc.so.6");
        DynamicFunction strlen = (DynamicFunction) Foreign.defshared("size_t strlen(const char *s)", "libc.so.6");
        for (int i = 0; i < DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
            strlen.invoke("warm");
        }
        assertTrue(strlen.hasStringCall());
        libc.close();
        ClosedLibraryError e = assertThrows(ClosedLibraryError.class, () -> strlen.invoke("abc"));
        assertEquals("call to 'strlen' in library 'libc.so.6', which has been closed", e.getMessage());
    }

    @Test
    void shouldRefuseACallIntoAClosedLibraryTheJvmDoesNotKeep() {
        Library sqlite;
        try {
            sqlite = Foreign.libOpen("sqlite3");
        } catch (UnknownLibraryError absent) {
            Assumptions.abort("libsqlite3 is not installed: " + absent.getMessage());
            return;
        }
        DynamicFunction complete = (DynamicFunction) Foreign.defshared("int sqlite3_complete(const char *sql)",
                "sqlite3");
        for (int i = 0; i < DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
            complete.invoke("select 1;");
        }
        assertTrue(complete.hasStringCall());
        assertEquals(1, complete.invoke("select 1;"));
        assertEquals(0, complete.invoke("select 1"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sql = arena.allocateFrom("select 1;");
            assertEquals(1, complete.invoke(sql));
            sqlite.close();
            // a library the JVM does not keep is unmapped on close: neither path may jump into it
            ClosedLibraryError e = assertThrows(ClosedLibraryError.class, () -> complete.invoke("select 1;"));
            assertEquals("call to 'sqlite3_complete' in library 'sqlite3', which has been closed", e.getMessage());
            ClosedLibraryError exact = assertThrows(ClosedLibraryError.class, () -> complete.invoke(sql));
            assertEquals(e.getMessage(), exact.getMessage());
        }
    }

    @Test
    void shouldPassAStringLargerThanTheFrameBlock() {
        DynamicFunction strlen = warmed("size_t strlen(const char *s)", "c", "warm");
        String big = "x".repeat(200_000);
        assertEquals(200_000L, strlen.invoke(big));
        assertEquals(200_000L, strlen.invoke(big), "the overflow arena was closed and a new one made");
        assertEquals(2L, strlen.invoke("ab"));
    }

    @Test
    void shouldKeepEachThreadsStringsApart() throws Exception {
        DynamicFunction strlen = warmed("size_t strlen(const char *s)", "c", "warm");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        String text = "t" + thread + "-" + "y".repeat(i % 97);
                        if ((Long) strlen.invoke(text) != text.length()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        }
    }

    @Test
    void generatedClassesPassTheVerifier() {
        Charset utf8 = StandardCharsets.UTF_8;
        List<Object[]> shapes = List.of(
                new Object[] {MethodType.methodType(long.class, MemorySegment.class), new Charset[] {utf8},
                        new boolean[] {true}},
                new Object[] {MethodType.methodType(void.class, MemorySegment.class, long.class, double.class,
                        int.class, MemorySegment.class, boolean.class),
                        new Charset[] {utf8, null, null, null, StandardCharsets.UTF_16LE, null},
                        new boolean[] {false, false, false, false, true, false}},
                new Object[] {MethodType.methodType(MemorySegment.class, MemorySegment.class, MemorySegment.class),
                        new Charset[] {StandardCharsets.ISO_8859_1, utf8}, new boolean[] {true, true}},
                new Object[] {MethodType.methodType(float.class, MemorySegment.class, short.class, byte.class,
                        char.class), new Charset[] {utf8, null, null, null}, new boolean[] {false, false, false, false}},
                new Object[] {MethodType.methodType(int.class, int.class, MemorySegment.class, int.class,
                        MemorySegment.class, int.class), new Charset[] {null, utf8, null, utf8, null},
                        new boolean[] {false, true, false, true, false}});
        for (Object[] shape : shapes) {
            byte[] bytes = StringCallGenerator.bytes(ClassDesc.of("epsilon.foreign.internal.VerifiedStringCall"),
                    (MethodType) shape[0], (Charset[]) shape[1], (boolean[]) shape[2]);
            assertEquals(List.of(), ClassFile.of().verify(bytes), shape[0].toString());
            int arity = ((MethodType) shape[0]).parameterCount();
            String calling = arity <= StringCallGenerator.SPREAD_ARITY ? "invoke" + arity : "invokeN";
            for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
                if (method.methodName().equalsString(calling)) {
                    int length = ((CodeAttribute) method.code().orElseThrow()).codeLength();
                    assertTrue(length > 325, calling + " is " + length + " bytes: C2 would inline it (FreqInlineSize)");
                }
            }
        }
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> StringCallGenerator.bytes(ClassDesc.of("epsilon.foreign.internal.Mismatch"),
                        MethodType.methodType(long.class, MemorySegment.class), new Charset[0], new boolean[0]));
        assertEquals("a handle of 1 parameters, 0 charsets and 0 nonnull flags", mismatch.getMessage());
        IllegalArgumentException notPointer = assertThrows(IllegalArgumentException.class,
                () -> StringCallGenerator.bytes(ClassDesc.of("epsilon.foreign.internal.NotPointer"),
                        MethodType.methodType(long.class, long.class), new Charset[] {StandardCharsets.UTF_8},
                        new boolean[1]));
        assertEquals("a charset for parameter 0, carried as long rather than a pointer", notPointer.getMessage());
    }

    @Test
    void shouldDeclineWithoutCallingWhenAnArgumentIsNotItsCarrier() {
        StringCall call = StringCallGenerator.generate("strlen", downcallOf("size_t strlen(const char *s)"),
                new Charset[] {StandardCharsets.UTF_8}, new boolean[] {true});
        assertEquals(3L, call.invoke1("abc"));
        assertEquals(BoundTrampoline.NOT_EXACT, call.invoke1(null));
        assertEquals(BoundTrampoline.NOT_EXACT, call.invoke1(42L));
        assertEquals(BoundTrampoline.NOT_EXACT, call.invoke1(MemorySegment.NULL));
        assertEquals(BoundTrampoline.NOT_EXACT, call.invoke2("a", "b"), "another arity declines");
        assertEquals(BoundTrampoline.NOT_EXACT, call.invokeN(new Object[] {"a", "b", "c", "d", "e"}));
    }

    @Test
    void shouldCallAFunctionOfFiveParametersWithItsArray() {
        // int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags); AT_FDCWD -100
        DynamicFunction linkat = warmed("int linkat(int olddirfd, const char *oldpath, int newdirfd,"
                + " const char *newpath, int flags)", "c", -100, "/epsilon-no-such-dir/a", -100,
                "/epsilon-no-such-dir/b", 0);
        assertEquals(-1, linkat.invoke(-100, "/epsilon-no-such-dir/a", -100, "/epsilon-no-such-dir/b", 0));
        ConversionError e = assertThrows(ConversionError.class,
                () -> linkat.invoke(-100, "/a", -100, "/b\0", 0));
        assertTrue(e.getMessage().startsWith("argument 3 of linkat: string contains a NUL"), e.getMessage());
        StringCall call = StringCallGenerator.generate("linkat", downcallOf("int linkat(int olddirfd,"
                        + " const char *oldpath, int newdirfd, const char *newpath, int flags)"),
                new Charset[] {null, StandardCharsets.UTF_8, null, StandardCharsets.UTF_8, null}, new boolean[5]);
        assertEquals(BoundTrampoline.NOT_EXACT, call.invokeN(null));
        assertEquals(BoundTrampoline.NOT_EXACT, call.invokeN(new Object[4]));
        assertEquals(BoundTrampoline.NOT_EXACT, call.invokeN(new Object[] {-100L, "/a", -100, "/b", 0}),
                "a Long for an int");
        assertEquals(BoundTrampoline.NOT_EXACT, call.invoke1("/a"));
        assertEquals(-1, call.invokeN(new Object[] {-100, "/epsilon-no-such-dir/a", -100, MemorySegment.NULL, 0}),
                "NULL where C does not declare nonnull passes");
    }

    private static java.lang.invoke.MethodHandle downcallOf(String prototype) {
        ForeignFunction function = Foreign.defshared(prototype, "c");
        return java.lang.foreign.Linker.nativeLinker().downcallHandle(function.address(), function.descriptor());
    }
}
