package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CEnum;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Registry, scopes, close, call-callback, conversions and threads. */
class CallbackLifecycleTest {
    /** A Java enum with C values that are not its ordinals, as a C header's flags would be. */
    enum Color implements CEnum.Valued {
        RED(1), GREEN(2), BLUE(4);

        private final int value;

        Color(int value) {
            this.value = value;
        }

        @Override
        public int cValue() {
            return value;
        }
    }

    static final CType COLOR = CType.enumOf(CEnum.of(Color.class));

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
            CallbackRegistryError thrown = assertThrows(CallbackRegistryError.class,
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
        CallbackRegistryError unknownName = assertThrows(CallbackRegistryError.class,
                () -> Callbacks.registry().unregister("lifecycle-never"));
        assertTrue(unknownName.getMessage().contains("'lifecycle-never'"), unknownName.getMessage());
        CallbackRegistryError unknownAddress = assertThrows(CallbackRegistryError.class,
                () -> Callbacks.call(MemorySegment.ofAddress(0x1234)));
        assertTrue(unknownAddress.getMessage().contains("0x1234"), unknownAddress.getMessage());
    }

    @Test
    void shouldFailUseAfterClose() {
        Callback callback = Callbacks.create(args -> 1, "int (*)(void)", CallbackOption.name("lifecycle-closed"));
        MemorySegment pointer = callback.pointer();
        callback.close();
        CallbackClosedError onPointer = assertThrows(CallbackClosedError.class, callback::pointer);
        assertTrue(onPointer.getMessage().contains("'lifecycle-closed'"), onPointer.getMessage());
        assertTrue(onPointer.getMessage().contains("pointer() after close()"), onPointer.getMessage());
        CallbackClosedError onCall = assertThrows(CallbackClosedError.class, callback::call);
        assertTrue(onCall.getMessage().contains("call(...) after close()"), onCall.getMessage());
        assertThrows(CallbackRegistryError.class, () -> Callbacks.call(pointer));
    }

    @Test
    void shouldCloseAGroupWithItsScope() {
        int before = Callbacks.registry().liveCount();
        List<Callback> made = new ArrayList<>();
        int sum = Callbacks.withCallbackScope(scope -> {
            Callback one = scope.create(args -> 1, "int (*)(void)");
            Callback two = scope.of(IntUnaryOperator.class, x -> x + 1, CPrototype.parse("int next(int x)"));
            made.add(one);
            made.add(two);
            assertEquals(before + 2, Callbacks.registry().liveCount());
            assertEquals(List.of(one, two), scope.callbacks());
            return (Integer) one.call() + (Integer) two.call(1);
        });
        assertEquals(3, sum);
        assertEquals(before, Callbacks.registry().liveCount());
        made.forEach(c -> assertFalse(c.isAlive()));
        assertThrows(CallbackClosedError.class, () -> made.getFirst().pointer());
    }

    @Test
    void shouldRefuseToCloseAScopeWhileCIsRunningOneOfItsCallbacksAndCloseItAfter() {
        CallbackScope scope = Callbacks.openScope();
        List<String> refusals = new ArrayList<>();
        Callback compare = scope.create(args -> {
            if (refusals.isEmpty()) {
                try {
                    scope.close(); // from inside qsort, which is using this very callback
                } catch (CallbackClosedError refused) {
                    refusals.add(refused.getMessage());
                }
            }
            return 0;
        }, "int (*)(const void *, const void *)");
        try (Arena arena = Arena.ofConfined()) {
            Libc.qsort(arena.allocateFrom(JAVA_INT, 2, 1), 2, 4, compare.pointer());
        }
        assertEquals(List.of("cannot close this CallbackScope of 1 callbacks: a native call is using one of them;"
                + " close it after that call returns"), refusals);
        assertTrue(scope.isOpen());
        assertTrue(compare.isAlive());
        scope.close(); // the call has returned: now it closes, stubs and all
        assertFalse(scope.isOpen());
        assertFalse(compare.isAlive());
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
        CallbackClosedError thrown = assertThrows(CallbackClosedError.class,
                () -> scope.create(args -> null, "void (*)(void)"));
        assertTrue(thrown.getMessage().contains("CallbackScope is closed"), thrown.getMessage());
    }

    @Test
    void shouldConvertStringsEnumsAndBooleans() {
        CPrototype signature = CPrototype.of(null, CType.BOOL, CType.STRING, COLOR);
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
                CPrototype.of(null, COLOR, COLOR))) {
            assertEquals(Color.RED, recolor.call(Color.BLUE));
            assertEquals(Color.BLUE, recolor.call(2), "C's 2 is GREEN, by value");
        }
    }

    @Test
    void shouldExchangeEnumsByTheirCValuesAndReportAValueThatNamesNoConstant() throws Throwable {
        try (Callback recolor = Callbacks.of(Recolor.class, c -> c == Color.BLUE ? Color.RED : Color.BLUE,
                CPrototype.of(null, COLOR, COLOR))) {
            // C may pass any int: call the stub as int (*)(int), as C code would
            MethodHandle asInts = Linker.nativeLinker().downcallHandle(FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            assertEquals(1, (int) asInts.invokeExact(recolor.pointer(), 4), "4 is BLUE, and RED is 1 in C");
            assertEquals(4, (int) asInts.invokeExact(recolor.pointer(), 2), "2 is GREEN, and BLUE is 4 in C");
            CallbackFailures.rethrowIfPending();

            assertEquals(0, (int) asInts.invokeExact(recolor.pointer(), 3), "C got the default");
            ConversionError thrown = assertThrows(ConversionError.class, CallbackFailures::rethrowIfPending);
            assertEquals("enum Color has no constant for value 3; known: {RED=1, GREEN=2, BLUE=4}",
                    thrown.getMessage());
        }
    }

    @Test
    void shouldRejectAnEnumFunctionForAnIntResultAndWrongArgumentsToCall() {
        CallbackSignatureError misfit = assertThrows(CallbackSignatureError.class,
                () -> Callbacks.of(Recolor.class, c -> c, CPrototype.of(null, CType.INT, COLOR)));
        assertEquals("Recolor.next returns " + Color.class.getName() + ", which cannot become the int that"
                + " int (*)(enum Color) returns; return int", misfit.getMessage());
        try (Callback sink = Callbacks.create(args -> null, "void (*)(int)")) {
            String callback = "callback #" + sink.id() + " void (*)(int)";
            ArgumentTypeError wrongType = assertThrows(ArgumentTypeError.class, () -> sink.call("seven"));
            assertEquals("argument 0 of " + callback + ": expected C type int (a Byte, Short, Integer, Long,"
                    + " BigInteger or Character) but got java.lang.String \"seven\"", wrongType.getMessage());
            assertEquals(0, wrongType.index());
            ArityError wrongCount = assertThrows(ArityError.class, () -> sink.call(1, 2));
            assertEquals(callback + " takes 1 argument, got 2", wrongCount.getMessage());
            assertEquals(1, wrongCount.expected());
            assertEquals(2, wrongCount.actual());
        }
    }

    @Test
    void shouldPassStructsByValue() {
        StructType point = StructType.struct("struct point").field("x", "int").field("y", "int").build();
        CPrototype signature = CPrototype.of(null, point, point, CType.DOUBLE);
        try (Arena arena = Arena.ofConfined();
                Callback scale = Callbacks.create(args -> {
                    MemorySegment in = (MemorySegment) args[0];
                    double factor = (Double) args[1];
                    MemorySegment out = Arena.ofAuto().allocate(point.layout());
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
    void shouldRunAStandardUnaryOperatorAsAPthreadStartRoutine() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        UnaryOperator<MemorySegment> doubleIt = argument -> {
            threads.add(Thread.currentThread().getName());
            MemorySegment value = argument.reinterpret(4);
            value.set(JAVA_INT, 0, value.get(JAVA_INT, 0) * 2);
            return argument; // what pthread_join hands back
        };
        try (Arena arena = Arena.ofConfined();
                Callback start = Callbacks.of(UnaryOperator.class, doubleIt, "void *(*start_routine)(void *)")) {
            MemorySegment value = arena.allocateFrom(JAVA_INT, 21);
            MemorySegment returned = Libc.runOnPthread(arena, start.pointer(), value);
            CallbackFailures.rethrowIfPending();
            assertEquals(42, value.get(JAVA_INT, 0));
            assertEquals(value.address(), returned.address(), "the routine's result reached pthread_join");
        }
        assertEquals(1, threads.size());
        assertFalse(threads.contains(Thread.currentThread().getName()), "ran on " + threads);
    }

    @Test
    void shouldReturnAPointerOrNullFromAnErasedGenericAndRefuseWhatNeedsMemory() {
        List<Throwable> failures = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("epsilon");
            Supplier<Object> answer = () -> text;
            try (Callback name = Callbacks.of(Supplier.class, answer, "const char *(*)(void)")) {
                assertEquals("epsilon", name.call());
            }
            try (Callback nothing = Callbacks.of(Supplier.class, () -> null, "const char *(*)(void)");
                    Callback copied = Callbacks.of(Supplier.class, () -> "a copy", "const char *(*)(void)",
                            CallbackOption.onFailure(failure -> failures.add(failure.error())));
                    Callback array = Callbacks.of(Supplier.class, () -> new int[] {1, 2}, "int *(*)(void)",
                            CallbackOption.onFailure(failure -> failures.add(failure.error())))) {
                assertEquals(null, nothing.call(), "null is C's NULL");
                assertEquals(null, copied.call(), "C got NULL, the default");
                assertEquals(MemorySegment.NULL, array.call(), "C got NULL, the default");
            }
        }
        assertEquals(List.of("the result of callback char *(*)(void): converting a String to C type char *"
                + " allocates native memory, but no allocator was given", "the result of callback int *(*)(void):"
                + " converting a Java array to C type int * allocates native memory, but no allocator was given"),
                failures.stream().map(Throwable::getMessage).toList());
        failures.forEach(failure -> assertInstanceOf(ConversionError.class, failure));
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
