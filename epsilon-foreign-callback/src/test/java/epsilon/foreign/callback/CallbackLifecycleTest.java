package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Registry, scopes, close, call-callback, conversions and threads. */
class CallbackLifecycleTest {
    enum Color { RED, GREEN, BLUE }

    interface ColorFilter {
        boolean accept(String name, Color color);
    }

    interface Recolor {
        Color next(Color color);
    }

    @Test
    void shouldRegisterByIdAddressAndNameAndUnregisterOnClose() {
        CallbackRegistry registry = Callbacks.registry();
        int before = registry.liveCount();
        Callback named = Callbacks.register("lifecycle-twice", args -> 2 * (Integer) args[0], "int (*)(int)");
        Callback anonymous = Callbacks.create(args -> null, "void (*)(void)");
        assertEquals(before + 2, registry.liveCount());
        assertSame(named, registry.byName("lifecycle-twice").orElseThrow());
        assertSame(named, registry.byId(named.id()).orElseThrow());
        assertSame(named, registry.byAddress(named.pointer()).orElseThrow());
        assertTrue(registry.list().contains(anonymous));
        assertEquals(42, Callbacks.call(named.pointer(), 21));

        registry.unregister("lifecycle-twice");
        assertFalse(named.isAlive());
        assertTrue(registry.byName("lifecycle-twice").isEmpty());
        assertTrue(registry.byId(named.id()).isEmpty());
        anonymous.close();
        anonymous.close(); // idempotent
        assertEquals(before, registry.liveCount());
        assertTrue(registry.createdCount() >= 2);
    }

    @Test
    void shouldRejectDuplicateNameAndFreeTheNameOnClose() {
        try (Callback first = Callbacks.register("lifecycle-dup", args -> null, "void (*)(void)")) {
            CallbackRegistryException thrown = assertThrows(CallbackRegistryException.class,
                    () -> Callbacks.register("lifecycle-dup", args -> null, "void (*)(void)"));
            assertTrue(thrown.getMessage().contains("'lifecycle-dup' is taken"), thrown.getMessage());
            assertTrue(first.isAlive());
        }
        try (Callback again = Callbacks.register("lifecycle-dup", args -> null, "void (*)(void)")) {
            assertEquals("lifecycle-dup", again.name().orElseThrow());
        }
    }

    @Test
    void shouldRejectUnknownNameAndAddress() {
        CallbackRegistryException unknownName = assertThrows(CallbackRegistryException.class,
                () -> Callbacks.registry().unregister("lifecycle-never"));
        assertTrue(unknownName.getMessage().contains("'lifecycle-never'"), unknownName.getMessage());
        CallbackRegistryException unknownAddress = assertThrows(CallbackRegistryException.class,
                () -> Callbacks.call(MemorySegment.ofAddress(0x1234)));
        assertTrue(unknownAddress.getMessage().contains("0x1234"), unknownAddress.getMessage());
    }

    @Test
    void shouldFailUseAfterClose() {
        Callback callback = Callbacks.create(args -> 1, "int (*)(void)", CallbackOption.name("lifecycle-closed"));
        MemorySegment pointer = callback.pointer();
        callback.close();
        CallbackClosedException onPointer = assertThrows(CallbackClosedException.class, callback::pointer);
        assertTrue(onPointer.getMessage().contains("'lifecycle-closed'"), onPointer.getMessage());
        assertTrue(onPointer.getMessage().contains("pointer() after close()"), onPointer.getMessage());
        CallbackClosedException onCall = assertThrows(CallbackClosedException.class, callback::call);
        assertTrue(onCall.getMessage().contains("call(...) after close()"), onCall.getMessage());
        assertThrows(CallbackRegistryException.class, () -> Callbacks.call(pointer));
    }

    @Test
    void shouldCloseAGroupWithItsScope() {
        int before = Callbacks.registry().liveCount();
        List<Callback> made = new ArrayList<>();
        int sum = Callbacks.withCallbackScope(scope -> {
            Callback one = scope.create(args -> 1, "int (*)(void)");
            Callback two = scope.of(IntUnaryOperator.class, x -> x + 1, CallbackSignature.parse("int (*)(int)"));
            made.add(one);
            made.add(two);
            assertEquals(before + 2, Callbacks.registry().liveCount());
            assertEquals(List.of(one, two), scope.callbacks());
            return (Integer) one.call() + (Integer) two.call(1);
        });
        assertEquals(3, sum);
        assertEquals(before, Callbacks.registry().liveCount());
        made.forEach(c -> assertFalse(c.isAlive()));
        assertThrows(CallbackClosedException.class, () -> made.getFirst().pointer());
    }

    @Test
    void shouldCloseOneMemberEarlyAndRefuseNewMembersAfterClose() {
        CallbackScope scope = Callbacks.openScope();
        Callback early = scope.create(args -> null, "void (*)(void)");
        Callback late = scope.create(args -> null, "void (*)(void)");
        early.close();
        assertEquals(List.of(late), scope.callbacks());
        scope.close();
        assertFalse(scope.isOpen());
        assertFalse(late.isAlive());
        CallbackClosedException thrown = assertThrows(CallbackClosedException.class,
                () -> scope.create(args -> null, "void (*)(void)"));
        assertTrue(thrown.getMessage().contains("CallbackScope is closed"), thrown.getMessage());
    }

    @Test
    void shouldConvertStringsEnumsAndBooleans() {
        CallbackSignature signature = CallbackSignature.of(CallbackType.BOOL, CallbackType.string(),
                CallbackType.enumOf(Color.class));
        List<String> names = new ArrayList<>();
        ColorFilter filter = (name, color) -> {
            names.add(name);
            return color == Color.GREEN && name.startsWith("g");
        };
        try (Callback typed = Callbacks.of(ColorFilter.class, filter, signature);
                Callback dynamic = Callbacks.create(args -> args[1] == Color.BLUE && args[0] == null, signature)) {
            assertEquals(true, typed.call("grass", Color.GREEN));
            assertEquals(false, typed.call("sky", Color.GREEN));
            assertEquals(List.of("grass", "sky"), names);
            assertEquals(true, dynamic.call(null, Color.BLUE));
        }
        try (Callback recolor = Callbacks.of(Recolor.class, c -> Color.values()[(c.ordinal() + 1) % 3],
                CallbackSignature.of(CallbackType.enumOf(Color.class), CallbackType.enumOf(Color.class)))) {
            assertEquals(Color.RED, recolor.call(Color.BLUE));
        }
    }

    @Test
    void shouldReportAnOrdinalFromCThatNamesNoConstant() throws Throwable {
        try (Callback recolor = Callbacks.of(Recolor.class, c -> c,
                CallbackSignature.of(CallbackType.enumOf(Color.class), CallbackType.enumOf(Color.class)))) {
            // C may pass any int: call the stub as int (*)(int) with 7
            MethodHandle asInts = Linker.nativeLinker().downcallHandle(FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            int result = (int) asInts.invokeExact(recolor.pointer(), 7);
            assertEquals(0, result, "C got the default");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    CallbackFailures::rethrowIfPending);
            assertTrue(thrown.getMessage().contains("C passed 7, which is no ordinal of enum Color"),
                    thrown.getMessage());
        }
    }

    @Test
    void shouldRejectAnEnumFunctionForAnIntResultAndWrongArgumentsToCall() {
        CallbackSignatureException misfit = assertThrows(CallbackSignatureException.class,
                () -> Callbacks.of(Recolor.class, c -> c,
                        CallbackSignature.of(CallbackType.INT, CallbackType.enumOf(Color.class))));
        assertTrue(misfit.getMessage().contains("Recolor.next"), misfit.getMessage());
        assertTrue(misfit.getMessage().contains("does not fit the signature int (*)(int (enum Color))"),
                misfit.getMessage());
        try (Callback sink = Callbacks.create(args -> null, "void (*)(int)")) {
            CallbackSignatureException wrongType = assertThrows(CallbackSignatureException.class,
                    () -> sink.call("seven"));
            assertTrue(wrongType.getMessage().contains("argument 0"), wrongType.getMessage());
            assertTrue(wrongType.getMessage().contains("must be int"), wrongType.getMessage());
            CallbackSignatureException wrongCount = assertThrows(CallbackSignatureException.class,
                    () -> sink.call(1, 2));
            assertTrue(wrongCount.getMessage().contains("takes 1 argument(s), got 2"), wrongCount.getMessage());
        }
    }

    @Test
    void shouldPassStructsByValue() {
        StructLayout point = MemoryLayout.structLayout(JAVA_INT.withName("x"), JAVA_INT.withName("y"));
        CallbackSignature signature = CallbackSignature.of(CallbackType.struct(point), CallbackType.struct(point),
                CallbackType.DOUBLE);
        try (Arena arena = Arena.ofConfined();
                Callback scale = Callbacks.create(args -> {
                    MemorySegment in = (MemorySegment) args[0];
                    double factor = (Double) args[1];
                    MemorySegment out = Arena.ofAuto().allocate(point);
                    out.set(JAVA_INT, 0, (int) (in.get(JAVA_INT, 0) * factor));
                    out.set(JAVA_INT, 4, (int) (in.get(JAVA_INT, 4) * factor));
                    return out;
                }, signature)) {
            MemorySegment p = arena.allocateFrom(JAVA_INT, 3, -4);
            MemorySegment scaled = (MemorySegment) scale.call(p, 2.5);
            assertEquals(7, scaled.get(JAVA_INT, 0));
            assertEquals(-10, scaled.get(JAVA_INT, 4));
        }
    }

    @Test
    void shouldReceiveSizeTAsLong() {
        try (Arena arena = Arena.ofConfined();
                Callback total = Callbacks.create(args -> {
                    MemorySegment values = ((MemorySegment) args[0]).reinterpret((Long) args[1] * 8);
                    double sum = 0;
                    for (double v : values.toArray(JAVA_DOUBLE)) {
                        sum += v;
                    }
                    return sum;
                }, "double total(const double *values, size_t count)")) {
            assertEquals(6.0, total.call(arena.allocateFrom(JAVA_DOUBLE, 1, 2, 3), 3L));
            assertEquals(6.0, total.call(arena.allocateFrom(JAVA_DOUBLE, 1, 2, 3), 3)); // an int widens
        }
    }

    @Test
    void shouldRunOnThreadsCreatedByC() throws Throwable {
        AtomicInteger runs = new AtomicInteger();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        String caller = Thread.currentThread().getName();
        try (Arena arena = Arena.ofConfined();
                Callback start = Callbacks.create(args -> {
                    runs.incrementAndGet();
                    threads.add(Thread.currentThread().getName());
                    return args[0];
                }, "void *(*)(void *)")) {
            for (int i = 0; i < 3; i++) {
                CallbackFailureTest.runOnPthread(arena, start);
            }
        }
        assertEquals(3, runs.get());
        assertFalse(threads.contains(caller), "ran on " + threads);
    }

    @Test
    void shouldCountConcurrentCallsFromManyThreads() throws Exception {
        LongAdder sum = new LongAdder();
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try (Callback add = Callbacks.of(IntUnaryOperator.class, x -> {
            calls.incrementAndGet();
            sum.add(x);
            return x;
        }, "int (*)(int)")) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= 100; i++) {
                        assertEquals(i, add.call(i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(500, calls.get());
        assertEquals(5 * 5050, sum.sum());
    }
}
