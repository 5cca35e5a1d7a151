package epsilon.foreign.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CallOption;
import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches of real libc calls: every kind of result, out-parameters, failures in both modes, errno, callbacks. */
class BatchTest {
    private static final String STRLEN = "size_t strlen(const char *s)";
    private static final String LABS = "long labs(long j)";
    private static final String SNPRINTF = "int snprintf(char *s, size_t n, const char *format, ...)";
    private static final String QSORT = "void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *,"
            + " const void *))";

    @AfterEach
    void noRunMemoryIsLeftOpen() {
        assertEquals(0, Batch.liveRunMemories(), "a run's memory was not freed");
    }

    @Test
    void shouldRunCallsAddedInEveryFormAndReturnTheirResultsInOrder() {
        ForeignFunction labs = Foreign.defshared(LABS, "c");
        BatchResults r = Batch.create()
                .add("strlen", "c", CType.SIZE_T, List.of(CType.STRING), "hello")
                .add(LABS, "c", -7L)
                .add(labs, -9L)
                .add("double sqrt(double x)", "m", 2.0)
                .add("char *strchr(const char *s, int c)", "c", "hello", (int) 'l')
                .run();
        assertEquals(5, r.size());
        assertEquals(5L, r.getLong(0));
        assertEquals(7L, r.getLong(1));
        assertEquals(9, r.getInt(2));
        assertEquals(Math.sqrt(2.0), r.getDouble(3));
        assertEquals("llo", r.getString(4)); // decoded while the copy of "hello" was alive
        assertEquals(List.of(), r.failed());
        assertEquals("BatchResults[strlen=5, labs=7, labs=9, sqrt=1.4142135623730951, strchr=llo]", r.toString());
    }

    @Test
    void shouldRefuseAnAccessorOfTheWrongKindNamingTheCall() {
        BatchResults r = Batch.create().add(STRLEN, "c", "abc").add("double sqrt(double x)", "m", 4.0).run();
        ConversionError e = assertThrows(ConversionError.class, () -> r.getString(0));
        assertEquals("call 0 (strlen) returns size_t, which is not read as a String", e.getMessage());
        ConversionError d = assertThrows(ConversionError.class, () -> r.getLong(1));
        assertTrue(d.getMessage().contains("call 1 (sqrt) returns double"), d.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.get(2));
    }

    @Test
    void shouldCallVariadicSnprintfWithEachShapeOfVariadicArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32);
            MemorySegment other = arena.allocate(16);
            BatchResults r = Batch.create()
                    .add(SNPRINTF, "c", buffer, 32L, "%d-%s", 42, "x")
                    .add(SNPRINTF, "c", other, 16L, "%.2f|%lld", 2.5, 1L << 40)
                    .run();
            assertEquals(4, r.getInt(0));
            assertEquals("42-x", buffer.getString(0));
            assertEquals(18, r.getInt(1));
            assertEquals("2.50|1099511627", other.getString(0)); // truncated to 15 bytes and the NUL
        }
    }

    @Test
    void shouldParseWithStrtolAndCopyTheEndPointerBack() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment digits = arena.allocateFrom("123abc");
            MemorySegment[] end = new MemorySegment[1];
            BatchResults r = Batch.create()
                    .add("long strtol(const char *s, char **end, int base)", "c", digits, end, 10)
                    .add("long strtol(const char *s, char **end, int base)", "c", "ff", null, 16)
                    .run();
            assertEquals(123L, r.getLong(0));
            assertEquals(digits.address() + 3, end[0].address());
            assertEquals(255L, r.getLong(1));
        }
    }

    @Test
    void shouldRefuseAnEndPointerIntoTheRunsTemporaryMemory() {
        ByReference<MemorySegment> end = ByReference.of(MemorySegment.NULL);
        BatchError e = assertThrows(BatchError.class, () -> Batch.create()
                .add("long strtol(const char *s, char **end, int base)", "c", "42z", end, 10).run());
        assertInstanceOf(ConversionError.class, e.getCause());
        assertTrue(e.getMessage().contains("batch's temporary memory"), e.getMessage());
    }

    @Test
    void shouldRefuseAPointerResultIntoTheRunsTemporaryMemory() {
        BatchError e = assertThrows(BatchError.class, () -> Batch.create()
                .add("void *strchr(const char *s, int c)", "c", "hello", (int) 'e').run());
        assertEquals(0, e.index());
        assertTrue(e.getCause().getMessage().startsWith("the result of strchr (void *) points into the batch's"
                + " temporary memory"), e.getCause().getMessage());
    }

    @Test
    void shouldStopAtAFailingCallNamingItAndTheCallsThatRan() {
        Batch batch = Batch.create().add(STRLEN, "c", "ab").add(LABS, "c", -1L).add(LABS, "c", "not a long")
                .add(STRLEN, "c", "never");
        BatchError e = assertThrows(BatchError.class, batch::run);
        assertEquals(2, e.index());
        assertEquals(2, e.completed());
        assertEquals(-1, e.row());
        assertEquals("labs", e.functionName().orElseThrow());
        assertInstanceOf(ArgumentTypeError.class, e.getCause());
        assertTrue(e.getMessage().startsWith("call 2 of 4 (labs) failed: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; calls 0 to 1 had already run, and what C did in them stays done;"
                + " the calls after it did not run"), e.getMessage());
        BatchResults partial = e.partialResults().orElseThrow();
        assertEquals(2L, partial.getLong(0));
        assertEquals(1L, partial.getLong(1));
        assertThrows(BatchError.class, () -> partial.getLong(2));
        BatchError notRun = assertThrows(BatchError.class, () -> partial.getLong(3));
        assertEquals("call 3 (strlen) did not run: the run stopped at call 2", notRun.getMessage());
        assertEquals("BatchResults[strlen=2, labs=1, labs=failed, strlen=not run]", partial.toString());
    }

    @Test
    void shouldCollectFailuresAndRunTheRestWhenContinuing() {
        BatchResults r = Batch.create().onError(OnError.CONTINUE)
                .add(STRLEN, "c", "ab").add(LABS, "c", "not a long").add(STRLEN, "c", "abcd").add(STRLEN, "c",
                        (Object) null)
                .run();
        assertEquals(2L, r.getLong(0));
        assertEquals(4L, r.getLong(2));
        assertEquals(List.of(1, 3), r.failed());
        assertInstanceOf(ArgumentTypeError.class, r.failure(1).orElseThrow());
        assertTrue(r.failure(0).isEmpty());
        BatchError e = assertThrows(BatchError.class, () -> r.getLong(1));
        assertTrue(e.getMessage().startsWith("call 1 (labs) failed, so it has no value: "), e.getMessage());
        assertEquals(1, e.index());
    }

    @Test
    void shouldReportErrnoPerCallWhenCaptured() {
        BatchResults r = Batch.create().captureErrno()
                .add("int close(int fd)", "c", -1)
                .add(LABS, "c", 3L)
                .run();
        assertEquals(-1, r.getInt(0));
        assertEquals(9, r.errno(0)); // EBADF
        assertEquals(3L, r.getLong(1));
        BatchResults plain = Batch.create().add(LABS, "c", 3L).run();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plain.errno(0));
        assertTrue(e.getMessage().startsWith("errno was not captured"), e.getMessage());
    }

    @Test
    void shouldStopWithTheErrnoErrorOfAFunctionDeclaredToThrow() {
        ForeignFunction close = Foreign.defshared("int close(int fd)", "c", CallOption.errno(ErrnoPolicy.THROW));
        ForeignFunction closeReturning = Foreign.defshared("int close(int fd)", "c",
                CallOption.errno(ErrnoPolicy.RETURN));
        BatchResults returned = Batch.create().add(closeReturning, -1).run();
        assertEquals(-1, returned.getInt(0));
        assertEquals(9, returned.errno(0));
        BatchError e = assertThrows(BatchError.class, () -> Batch.create().add(LABS, "c", 1L).add(close, -1).run());
        assertEquals(1, e.index());
        ErrnoError errno = assertInstanceOf(ErrnoError.class, e.getCause());
        assertEquals(9, errno.errno());
        assertEquals(9, e.errorCode().orElseThrow());
    }

    @Test
    void shouldSortWithAJavaComparatorAndStopWhenItThrows() {
        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
        try (Arena arena = Arena.ofConfined();
             Callback compare = Callbacks.of(Comparator.class, ascending, "int (*)(const int *, const int *)")) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 5, 3, 9, 1, 7);
            int[] javaArray = {4, 2, 8};
            BatchResults r = Batch.create().add(QSORT, "c", array, 5L, 4L, compare)
                    .add(QSORT, "c", javaArray, 3L, 4L, compare).run();
            assertNull(r.get(0));
            assertArrayEquals(new int[] {1, 3, 5, 7, 9}, array.toArray(JAVA_INT));
            assertArrayEquals(new int[] {2, 4, 8}, javaArray);
        }
        Comparator<MemorySegment> failing = (a, b) -> {
            throw new IllegalStateException("comparator broke");
        };
        try (Arena arena = Arena.ofConfined();
             Callback compare = Callbacks.of(Comparator.class, failing, "int (*)(const int *, const int *)")) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1);
            BatchError e = assertThrows(BatchError.class, () -> Batch.create().add(LABS, "c", 1L)
                    .add(QSORT, "c", array, 2L, 4L, compare).add(LABS, "c", 2L).run());
            assertEquals(1, e.index());
            CallbackError cause = assertInstanceOf(CallbackError.class, e.getCause());
            assertEquals("comparator broke", cause.getCause().getMessage());
        }
        assertEquals(3L, Batch.create().add(LABS, "c", -3L).run().getLong(0)); // nothing left pending
    }

    @Test
    void shouldReturnAStructByValueAsAViewOfAHeapCopy() {
        StructType divT = StructType.struct("div_t").field("quot", "int").field("rem", "int").build();
        BatchResults r = Batch.create().add("div", "c", divT, List.of(CType.INT, CType.INT), 17, 5)
                .add("div", "c", divT, List.of(CType.INT, CType.INT), 9, 2).run();
        StructView first = r.getStruct(0);
        assertEquals(Map.of("quot", 3, "rem", 2), first.toMap());
        assertEquals(4, r.getStruct(1).get("quot"));
        assertTrue(!first.segment().isNative());
    }

    @Test
    void shouldRefuseAWrongArgumentCountWhenTheCallIsAdded() {
        ArityError e = assertThrows(ArityError.class, () -> Batch.create().add(LABS, "c", 1L).add(LABS, "c"));
        assertEquals("call 1 of the batch: labs takes 1 argument (long labs(long j)), got 0", e.getMessage());
    }

    @Test
    void shouldRefuseAFunctionThatFreesItsResult() {
        ForeignFunction strdup = Foreign.defshared("char *strdup(const char *s)", "c", CallOption.freedWith("free"));
        BatchError e = assertThrows(BatchError.class, () -> Batch.create().add(strdup, "x").run());
        assertTrue(e.getMessage().startsWith("call 0 (strdup) frees its result with free"), e.getMessage());
    }

    @Test
    void shouldRunAnEmptyBatch() {
        assertEquals(0, Batch.create().run().size());
    }

    @Test
    void shouldReuseThePlanOfABatchOfTheSameShape() {
        BatchPlan first = Batch.create().add(STRLEN, "c", "a").add(LABS, "c", 1L).plan();
        BatchPlan second = Batch.create().add(STRLEN, "c", "bb").add(LABS, "c", 2L).plan();
        assertEquals(first.toString(), second.toString());
        assertSame(first.functions().get(0), second.functions().get(0));
    }
}
