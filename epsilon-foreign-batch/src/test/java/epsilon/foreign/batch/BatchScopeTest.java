package epsilon.foreign.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CFunction;
import epsilon.foreign.ForeignMemory;
import epsilon.foreign.NativeType;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Lisp batch functions in Java: a scope whose promises deliver, batch memory, named operations, recorders. */
class BatchScopeTest {

    @AfterEach
    void noRunMemoryIsLeftOpen() {
        assertEquals(0, Batch.liveRunMemories(), "a run's memory was not freed");
    }

    /** Functions of the C library, as Foreign.bind reads them. */
    public interface Libc {
        @NativeType("size_t")
        long strlen(String s);

        @CFunction("labs")
        long absolute(long j);

        double atof(String text);

        default long twice(String s) {
            strlen(s);
            return strlen(s + s);
        }
    }

    @Test
    void shouldDeliverEveryPromiseWhenTheScopeCloses() {
        CompletableFuture<Object> length;
        CompletableFuture<Object> printed;
        ForeignMemory kept;
        try (BatchScope scope = BatchScope.open()) {
            ForeignMemory buffer = scope.allocate(32);
            kept = buffer;
            length = scope.call("size_t strlen(const char *s)", "c", "hello");
            printed = scope.call("int snprintf(char *s, size_t n, const char *format, ...)", "c", buffer, 32L,
                    "%d", 42);
            CompletableFuture<Object> abs = scope.call("labs", "c", CType.LONG, List.of(CType.LONG), -3L);
            assertFalse(length.isDone());
            assertEquals(3, scope.pending());
            BatchResults flushed = scope.flush();
            assertEquals(3L, abs.join());
            assertEquals(3, flushed.size());
            assertEquals("42", buffer.segment().getString(0));
            length = scope.call("size_t strlen(const char *s)", "c", "again");
        }
        assertEquals(5L, length.join());
        assertEquals(2, printed.join());
        assertThrows(FreedMemoryError.class, kept::segment); // batch memory is freed with the scope
    }

    @Test
    void shouldFailThePromisesOfAFailedCallAndOfTheCallsAfterIt() {
        BatchScope scope = BatchScope.open();
        ForeignMemory buffer = scope.allocate(CType.INT, 4);
        CompletableFuture<Object> first = scope.call("long labs(long j)", "c", -1L);
        CompletableFuture<Object> bad = scope.call("long labs(long j)", "c", "x");
        CompletableFuture<Object> after = scope.call("long labs(long j)", "c", -2L);
        BatchError e = assertThrows(BatchError.class, scope::close);
        assertEquals(1, e.index());
        assertEquals(1L, first.join());
        CompletionException failed = assertThrows(CompletionException.class, bad::join);
        assertSame(e, failed.getCause());
        BatchError notRun = assertInstanceOf(BatchError.class, assertThrows(CompletionException.class, after::join)
                .getCause());
        assertEquals("call 2 did not run: call 1 of the batch failed first", notRun.getMessage());
        assertThrows(FreedMemoryError.class, buffer::segment); // freed although the batch failed
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> scope.allocate(8));
        assertEquals("this batch scope is closed", closed.getMessage());
    }

    @Test
    void shouldFreeBatchMemoryEarlyAndRefuseAFreeOfForeignMemory() {
        try (BatchScope scope = BatchScope.open()) {
            ForeignMemory block = scope.allocate(16);
            scope.free(block);
            assertThrows(FreedMemoryError.class, block::segment);
            FreedMemoryError twice = assertThrows(FreedMemoryError.class, () -> scope.free(block));
            assertTrue(twice.getMessage().startsWith("this memory is not allocated by this batch scope, or was"
                    + " already freed"), twice.getMessage());
        }
    }

    @Test
    void shouldRunANamedOperation() {
        BatchOperation.define("lengths", BatchPlan.builder()
                .call("size_t strlen(const char *s)", "c")
                .call("size_t strlen(const char *s)", "c")
                .build());
        BatchResults r = BatchOperation.named("lengths").orElseThrow().invoke("ab", "cde");
        assertEquals(2L, r.getLong(0));
        assertEquals(3L, r.getLong(1));
        assertTrue(BatchOperation.named("no such operation").isEmpty());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> BatchOperation.define(" ", BatchPlan.builder().build()));
        assertEquals("a batch operation needs a name", blank.getMessage());
    }

    @Test
    void shouldRecordTheCallsOfABoundInterface() {
        Batch batch = Batch.create();
        Libc libc = batch.record(Libc.class, "c");
        assertEquals(0L, libc.strlen("hello"));   // recorded; the value comes from the run
        assertEquals(0L, libc.absolute(-7L));
        assertEquals(0.0, libc.atof("2.5"));
        libc.twice("abc");                         // a default method records what it calls
        BatchResults r = batch.run();
        assertEquals(5, r.size());
        assertEquals(5L, r.getLong(0));
        assertEquals(7L, r.getLong(1));
        assertEquals(2.5, r.getDouble(2));
        assertEquals(6L, r.getLong(4));
    }

    /** An interface with a method whose type a batch cannot infer. */
    public interface Unmappable {
        long strlen(StringBuilder s);
    }

    @Test
    void shouldRefuseAnInterfaceMethodWithoutACType() {
        ForeignError e = assertThrows(ForeignError.class, () -> Batch.create().record(Unmappable.class, "c"));
        assertEquals("cannot record Unmappable.strlen's parameter 0: a StringBuilder has no C type a batch can infer;"
                + " give it with @NativeType", e.getMessage());
    }
}
