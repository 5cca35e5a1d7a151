package epsilon.foreign.optimize.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.optimize.Optimize;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The C library through a generated binding: every conversion the processor writes, against real libc, and the
 * refusals with their types and messages. The same tests run through {@code Foreign.bind} with
 * {@code -Depsilon.optimize=false}, so both paths must give the same results.
 */
class GeneratedLibcTest {
    private static final LibcBinding LIBC = GeneratedBindings.bind(LibcBinding.class);

    @Test
    void shouldBeTheGeneratedClassUnlessSwitchedOff() {
        assertEquals(Optimize.isEnabled(), LIBC.getClass().getName().equals(LibcBinding.class.getName() + "Native"),
                LIBC.getClass().getName());
    }

    @Test
    void shouldPassPrimitivesAsTheyAre() {
        assertEquals(42L, LIBC.labs(-42L));
        assertEquals(Long.MAX_VALUE, LIBC.labs(-Long.MAX_VALUE));
        assertEquals(7, LIBC.abs(-7));
        assertEquals(ProcessHandle.current().pid(), LIBC.getpid());
    }

    @Test
    void shouldEncodeStringsInTheCallFrame() {
        assertEquals(5L, LIBC.strlen("hello"));
        assertEquals(0L, LIBC.strlen(""));
        assertEquals(2L, LIBC.strlen("é"));
        assertEquals(100_000L, LIBC.strlen("x".repeat(100_000)));   // past the frame's block: its own arena
        assertEquals(5L, LIBC.wcslen("héllo"));
    }

    @Test
    void shouldPassSegments() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(3L, LIBC.strlenOf(arena.allocateFrom("abc")));
        }
    }

    @Test
    void shouldNarrowAndWidenUnsignedValues() {
        assertEquals(0x78563412L, LIBC.htonl(0x12345678L));
        assertEquals(0xFFFF_FFFFL, LIBC.htonl(0xFFFF_FFFFL));
        assertEquals(0x3412, LIBC.htons(0x1234));
        assertEquals('A', LIBC.toupper('a'));
    }

    @Test
    void shouldRefuseAnUnsignedValueOutOfRange() {
        ConversionError error = assertThrows(ConversionError.class, () -> LIBC.htonl(-1L));
        assertTrue(error.getMessage().contains("argument 0 of htonl"), error.getMessage());
        assertTrue(error.getMessage().contains("4294967295"), error.getMessage());
        ConversionError small = assertThrows(ConversionError.class, () -> LIBC.htons(65536));
        assertTrue(small.getMessage().contains("65535"), small.getMessage());
    }

    @Test
    void shouldRefuseNullWhereTheCLibraryDeclaresNonnull() {
        NullArgumentError error = assertThrows(NullArgumentError.class, () -> LIBC.strlen(null));
        assertEquals("argument 0 of strlen: null for a parameter of C type char * that strlen declares nonnull (C"
                + " would dereference it)", error.getMessage());
        NullArgumentError segment = assertThrows(NullArgumentError.class, () -> LIBC.strlenOf(MemorySegment.NULL));
        assertTrue(segment.getMessage().startsWith("argument 0 of strlen: NULL for a parameter"), segment.getMessage());
    }

    @Test
    void shouldThrowErrnoErrorOnFailureAndReturnOtherwise() {
        ErrnoError error = assertThrows(ErrnoError.class, () -> LIBC.open("/no/such/file/epsilon", 0));
        assertEquals(2, error.errno());
        assertEquals("No such file or directory", error.description());
        int fd = LIBC.open("/dev/null", 0);
        assertTrue(fd >= 0);
        assertEquals(0, LIBC.close(fd));
        ErrnoError closed = assertThrows(ErrnoError.class, () -> LIBC.close(fd));
        assertEquals(9, closed.errno());        // EBADF
    }

    @Test
    void shouldCallVariadicFunctionsWithPromotedArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            assertEquals(14, LIBC.snprintf(buffer, 64, "%d %s %.2f", 42, "apples", 1.5));
            assertEquals("42 apples 1.50", buffer.getString(0).substring(0, 14));
            LIBC.snprintfPromoted(buffer, 64, "%.1f %d %c", 2.5f, (byte) 200, 'z');
            assertEquals("2.5 200 z", buffer.getString(0));
        }
    }

    @Test
    void shouldRefuseANullSegmentTheCLibraryDoesNotDeclareNonnull() {
        NullArgumentError error = assertThrows(NullArgumentError.class, () -> LIBC.snprintf(null, 0, "x", 1, "y", 2));
        // Foreign.bind names the parameter only when the interface was compiled with -parameters.
        assertTrue(error.getMessage().startsWith("LibcBinding.snprintf(MemorySegment, long, String, int, String,"
                + " double): parameter 0"), error.getMessage());
        assertTrue(error.getMessage().endsWith(" is null; pass MemorySegment.NULL for C's NULL"), error.getMessage());
    }

    @Test
    void shouldRefuseFreedMemory() {
        Arena arena = Arena.ofConfined();
        MemorySegment buffer = arena.allocate(16);
        arena.close();
        FreedMemoryError error = assertThrows(FreedMemoryError.class, () -> LIBC.snprintf(buffer, 16, "x", 1, "y", 2));
        assertTrue(error.getMessage().contains("is memory that has been freed"), error.getMessage());
    }

    @Test
    void shouldWriteArraysInPlaceWhenCritical() {
        byte[] bytes = new byte[8];
        LIBC.memset(bytes, 'x', 8);
        assertEquals("xxxxxxxx", new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void shouldCopyArraysInAndBackUnlessConst() {
        int[] destination = new int[3];
        int[] source = {1, 2, 3};
        LIBC.copyInts(destination, source, 12);
        assertArrayEquals(new int[] {1, 2, 3}, destination);
        assertArrayEquals(new int[] {1, 2, 3}, source);
    }

    @Test
    void shouldPassACallbackAndRethrowItsFailure() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
            Comparator<MemorySegment> byValue = Comparator.comparingInt(a -> a.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            try (Callback compare = Callbacks.create(
                    args -> byValue.compare((MemorySegment) args[0], (MemorySegment) args[1]),
                    "int (*)(const void *, const void *)")) {
                LIBC.qsort(ints, 3, 4, compare);
            }
            assertArrayEquals(new int[] {1, 2, 3}, ints.toArray(ValueLayout.JAVA_INT));
            try (Callback failing = Callbacks.create(args -> {
                throw new IllegalStateException("comparator failed");
            }, "int (*)(const void *, const void *)")) {
                CallbackError error = assertThrows(CallbackError.class, () -> LIBC.qsort(ints, 3, 4, failing));
                assertInstanceOf(IllegalStateException.class, error.getCause());
                assertTrue(error.getMessage().startsWith("a callback threw during the call to qsort"),
                        error.getMessage());
            }
            assertTrue(CallbackFailures.pending().isEmpty());
        }
    }

    @Test
    void shouldReportOnlyItsOwnCallbacksFailuresAndKeepAnEarlierOnePending() {
        try (Arena arena = Arena.ofConfined();
             Callback failing = Callbacks.create(args -> {
                 throw new IllegalStateException("failed before the call");
             }, "int (*)(const void *, const void *)");
             Callback compare = Callbacks.create(args -> 0, "int (*)(const void *, const void *)")) {
            rawQsort(arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1), failing);   // C calls it: a failure is pending
            assertTrue(CallbackFailures.pending().isPresent());
            LIBC.qsort(arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1), 2, 4, compare);    // not this call's
            Throwable earlier = CallbackFailures.clearPending().orElseThrow();
            assertEquals("failed before the call", earlier.getMessage());
        }
    }

    /** qsort through a raw downcall, which leaves its callbacks' failures pending for someone else to report. */
    private static void rawQsort(MemorySegment ints, Callback compare) {
        java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
        try {
            linker.downcallHandle(linker.defaultLookup().find("qsort").orElseThrow(),
                    java.lang.foreign.FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS))
                    .invokeExact(ints, 2L, 4L, compare.pointer());
        } catch (Throwable unexpected) {
            throw new AssertionError(unexpected);
        }
    }

    @Test
    void shouldRefuseACallbackOfAnotherSignature() {
        try (Arena arena = Arena.ofConfined();
             Callback wrong = Callbacks.create(args -> null, "void (*)(int)")) {
            ArgumentTypeError error = assertThrows(ArgumentTypeError.class,
                    () -> LIBC.qsort(arena.allocate(8), 2, 4, wrong));
            assertTrue(error.getMessage().contains("does not match the parameter's int (*)(const void *, const void *)"),
                    error.getMessage());
        }
    }

    @Test
    void shouldDecodeAndFreeAFreedWithResult() {
        assertEquals("copy me", LIBC.strdup("copy me"));
        assertNull(LIBC.getenv("EPSILON_OPTIMIZE_NO_SUCH_VARIABLE"));
    }

    @Test
    void shouldPassAndReturnStructViews() {
        StructType tm = (StructType) ((epsilon.foreign.marshalling.PointerType) CType.parse("struct tm *")).target();
        try (Arena arena = Arena.ofConfined()) {
            StructView out = StructView.of(tm, arena.allocate(tm.layout()));
            StructView result = LIBC.gmtime_r(new long[] {86_400L * 365}, out);
            assertEquals(71, ((Number) result.get("tm_year")).intValue());
            assertEquals(0, ((Number) result.get("tm_mon")).intValue());
            assertEquals(71, ((Number) out.get("tm_year")).intValue());
        }
    }
}
