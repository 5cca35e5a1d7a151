package epsilon.foreign.trampoline;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Runs in both modes: surefire executes this module's tests once per {@code epsilon.trampoline.mode}. */
class TrampolineTest {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final SymbolLookup LIBM = SymbolLookup.libraryLookup("libm.so.6", Arena.global());

    private static MemorySegment libc(String name) {
        return LIBC.find(name).orElseThrow();
    }

    @Test
    void shouldCallFunctionsOfEveryCarrierShape() {
        assertEquals(42L, Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)).invoke(libc("labs"), -42L));
        assertEquals(7, Trampolines.of(FunctionDescriptor.of(JAVA_INT, JAVA_INT)).invoke(libc("abs"), -7));
        assertEquals(1.0, Trampolines.of(FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE))
                .invoke(LIBM.find("cos").orElseThrow(), 0.0));
        assertEquals((int) ProcessHandle.current().pid(),
                Trampolines.of(FunctionDescriptor.of(JAVA_INT)).invoke(libc("getpid")));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(5L, Trampolines.of(FunctionDescriptor.of(JAVA_LONG, ADDRESS))
                    .invoke(libc("strlen"), arena.allocateFrom("hello")));
        }
    }

    @Test
    void shouldReturnNullForVoidAndPassManyArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8);
            Object result = Trampolines.of(FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG))
                    .invoke(libc("memset"), buffer, 0x41, 8L); // memset's pointer result ignored as void
            assertNull(result);
            assertEquals(0x4141414141414141L, buffer.get(JAVA_LONG, 0));
            MemorySegment out = arena.allocate(64);
            FunctionDescriptor snprintf = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT,
                    JAVA_LONG, JAVA_DOUBLE, ADDRESS, JAVA_INT);
            int written = (int) Trampolines.of(snprintf, Linker.Option.firstVariadicArg(3)).invoke(libc("snprintf"),
                    out, 64L, arena.allocateFrom("%d %ld %.1f %s %d"), 1, 2L, 3.5, arena.allocateFrom("four"), 5);
            assertEquals("1 2 3.5 four 5", out.getString(0));
            assertEquals(14, written);
        }
    }

    @Test
    void shouldReturnAStructByValueThroughAnAllocator() {
        StructLayout divT = MemoryLayout.structLayout(JAVA_INT.withName("quot"), JAVA_INT.withName("rem"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment result = (MemorySegment) Trampolines.of(FunctionDescriptor.of(divT, JAVA_INT, JAVA_INT))
                    .invoke(libc("div"), (SegmentAllocator) arena, 17, 5);
            assertEquals(3, result.get(JAVA_INT, 0));
            assertEquals(2, result.get(JAVA_INT, 4));
        }
    }

    @Test
    void shouldCaptureErrno() {
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment captured = arena.allocate(state);
            int fd = (int) Trampolines.of(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                    Linker.Option.captureCallState("errno"))
                    .invoke(libc("open"), captured, arena.allocateFrom("/epsilon/no/such/file"), 0);
            assertEquals(-1, fd);
            assertEquals(2, (int) errno.get(captured, 0L)); // ENOENT
        }
    }

    @Test
    void shouldShareOneTrampolinePerShapeIgnoringLayoutNames() {
        Trampoline plain = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
        Trampoline named = Trampolines.of(FunctionDescriptor.of(JAVA_LONG.withName("result"),
                JAVA_LONG.withName("a"), JAVA_LONG.withName("b")));
        assertSame(plain, named);
        assertNotSame(plain, Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.critical(false)));
        StructLayout a = MemoryLayout.structLayout(JAVA_INT.withName("x"), JAVA_INT.withName("y")).withName("point");
        StructLayout b = MemoryLayout.structLayout(JAVA_INT.withName("quot"), JAVA_INT.withName("rem"));
        assertSame(Trampolines.of(FunctionDescriptor.of(a, JAVA_INT)), Trampolines.of(FunctionDescriptor.of(b, JAVA_INT)));
    }

    @Test
    void shouldCountHitsAndMisses() {
        FunctionDescriptor unusual = FunctionDescriptor.of(JAVA_INT, JAVA_DOUBLE, JAVA_INT, JAVA_DOUBLE, JAVA_INT,
                JAVA_DOUBLE, JAVA_INT, JAVA_DOUBLE);
        TrampolineStatistics before = Trampolines.statistics();
        Trampolines.of(unusual);
        Trampolines.of(unusual);
        Trampolines.of(unusual);
        TrampolineStatistics after = Trampolines.statistics();
        assertTrue(after.misses() - before.misses() >= 1); // other tests may add their own misses concurrently
        assertTrue(after.hits() - before.hits() >= 2);
        assertTrue(after.compiledShapes() >= 1);
        assertEquals(System.getProperty("epsilon.trampoline.mode", "specialized"), after.mode());
    }

    @Test
    void shouldCompileANewShapeOnceUnderConcurrentRequests() throws Exception {
        FunctionDescriptor fresh = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Trampoline>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> {
                    start.await();
                    return Trampolines.of(fresh);
                });
            }
            List<Future<Trampoline>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            start.countDown();
            Set<Trampoline> distinct = ConcurrentHashMap.newKeySet();
            for (Future<Trampoline> future : futures) {
                distinct.add(future.get());
            }
            assertEquals(1, distinct.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldBindAnAddressOnce() {
        BoundTrampoline labs = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)).bind(libc("labs"));
        assertEquals(3L, labs.invoke(-3L));
        assertEquals(libc("labs"), labs.address());
        assertEquals(3L, exactCall(labs));
    }

    @Test
    void shouldCallOnlyExactArgumentsThroughInvokeIfExact() {
        BoundTrampoline labs = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)).bind(libc("labs"));
        assertEquals(3L, labs.invokeIfExact(new Object[] {-3L}));
        assertSame(BoundTrampoline.NOT_EXACT, labs.invokeIfExact(new Object[] {-3}), "an Integer is not a long's box");
        assertSame(BoundTrampoline.NOT_EXACT, labs.invokeIfExact(new Object[] {-3L, 4L}));
        assertSame(BoundTrampoline.NOT_EXACT, labs.invokeIfExact(new Object[0]));
        assertSame(BoundTrampoline.NOT_EXACT, labs.invokeIfExact(null));
        assertSame(BoundTrampoline.NOT_EXACT, labs.invokeIfExact(new Object[] {null}));
        assertEquals(3L, labs.invokePrechecked(new Object[] {-3L}));
        assertThrows(ClassCastException.class, () -> labs.invokePrechecked(new Object[] {-3}),
                "unchecked arguments still fail safely, with the JVM's own exception");
        RuntimeException shortArray = assertThrows(RuntimeException.class, () -> labs.invokePrechecked(new Object[0]));
        assertTrue(shortArray instanceof ArrayIndexOutOfBoundsException // generated: aaload
                || shortArray instanceof IllegalArgumentException, // combinators: asSpreader's length check
                shortArray.toString());

        BoundTrampoline strlen = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, ADDRESS)).bind(libc("strlen"));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(5L, strlen.invokeIfExact(new Object[] {arena.allocateFrom("hello")}));
            assertSame(BoundTrampoline.NOT_EXACT, strlen.invokeIfExact(new Object[] {MemorySegment.NULL}),
                    "C's NULL is left to the caller, which may refuse it");
            assertSame(BoundTrampoline.NOT_EXACT, strlen.invokeIfExact(new Object[] {"hello"}));
        }
        MemorySegment freed;
        try (Arena arena = Arena.ofConfined()) {
            freed = arena.allocateFrom("gone");
        }
        MemorySegment closed = freed;
        assertThrows(IllegalStateException.class, () -> strlen.invokeIfExact(new Object[] {closed}));
        assertEquals("BoundTrampoline.NOT_EXACT", BoundTrampoline.NOT_EXACT.toString());
    }

    @Test
    void aSharedShapeInvokerNeverCallsThroughInvokeIfExact() {
        Trampoline shape = Trampolines.of(FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        assertEquals(7, shape.invoke(libc("abs"), -7));
        assertEquals(7, shape.bind(libc("abs")).invokeIfExact(new Object[] {-7}));
    }

    private static long exactCall(BoundTrampoline labs) {
        try {
            return (long) labs.handle().invokeExact(-3L);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void shouldClearTheCache() {
        Trampoline before = Trampolines.of(FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        Trampolines.clear();
        assertNotSame(before, Trampolines.of(FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)));
        assertEquals(7, before.invoke(libc("abs"), -7, 0, 0)); // handed-out trampolines keep working
    }

    // ---- errors ------------------------------------------------------------------------------------

    @Test
    void shouldRejectTheWrongArgumentCount() {
        Trampoline labs = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        TrampolineArgumentException e = assertThrows(TrampolineArgumentException.class,
                () -> labs.invoke(libc("labs"), 1L, 2L));
        assertEquals("trampoline (J)J: expected 1 argument, got 2", e.getMessage());
    }

    @Test
    void shouldRejectABoxOfTheWrongType() {
        Trampoline labs = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        TrampolineArgumentException e = assertThrows(TrampolineArgumentException.class,
                () -> labs.invoke(libc("labs"), "minus one"));
        assertEquals("trampoline (J)J: argument 0: expected long (Long), got java.lang.String", e.getMessage());
        TrampolineArgumentException widened = assertThrows(TrampolineArgumentException.class,
                () -> labs.invoke(libc("labs"), 1));
        assertEquals("trampoline (J)J: argument 0: expected long (Long), got java.lang.Integer", widened.getMessage());
    }

    @Test
    void shouldRejectNullForAPrimitive() {
        Trampoline abs = Trampolines.of(FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        TrampolineArgumentException e = assertThrows(TrampolineArgumentException.class,
                () -> abs.invoke(libc("abs"), (Object) null));
        assertEquals("trampoline (I)I: argument 0: expected int (Integer), got null", e.getMessage());
    }

    @Test
    void shouldRejectANullAddress() {
        Trampoline abs = Trampolines.of(FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        assertEquals("trampoline (I)I: function address is null",
                assertThrows(TrampolineArgumentException.class, () -> abs.invoke(null, 1)).getMessage());
        assertEquals("trampoline (I)I: cannot bind a null address",
                assertThrows(TrampolineArgumentException.class, () -> abs.bind(null)).getMessage());
    }

    @Test
    void shouldRefuseAnAddressWhoseLibraryWasUnloaded() {
        Arena arena = Arena.ofShared();
        MemorySegment cos = SymbolLookup.libraryLookup("libm.so.6", arena).find("cos").orElseThrow();
        BoundTrampoline bound = Trampolines.of(FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE)).bind(cos);
        assertEquals(1.0, bound.invoke(0.0));
        arena.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bound.invoke(0.0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void shouldRefuseAFreedArgumentSegment() {
        Arena arena = Arena.ofConfined();
        MemorySegment text = arena.allocateFrom("gone");
        arena.close();
        assertThrows(IllegalStateException.class,
                () -> Trampolines.of(FunctionDescriptor.of(JAVA_LONG, ADDRESS)).invoke(libc("strlen"), text));
    }
}
