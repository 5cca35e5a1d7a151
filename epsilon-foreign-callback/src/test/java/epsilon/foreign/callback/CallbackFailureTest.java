package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CEnum;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Exceptions thrown inside callbacks never reach C: they surface in Java, on a handler, or in the log. */
class CallbackFailureTest {
    private static final String INT_COMPARATOR = "int (*)(const int *, const int *)";

    @AfterEach
    void resetRouting() {
        CallbackFailures.setHandler(null);
        CallbackFailures.clearPending();
    }

    @Test
    void shouldSurviveAnExceptionInQsortAndRethrowItAfterTheDowncall() {
        Comparator<MemorySegment> broken = (a, b) -> {
            throw new IllegalStateException("comparator refused " + a.get(JAVA_INT, 0));
        };
        try (Arena arena = Arena.ofConfined(); Callback cmp = Callbacks.of(Comparator.class, broken, INT_COMPARATOR)) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 3, 2, 1);
            Libc.qsort(array, 3, 4, cmp.pointer()); // the JVM is still here
            assertTrue(CallbackFailures.pending().isPresent());
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    CallbackFailures::rethrowIfPending);
            assertTrue(thrown.getMessage().startsWith("comparator refused"), thrown.getMessage());
            // qsort compared more than once: the later failures are counted, not lost
            assertEquals(1, thrown.getSuppressed().length);
            assertTrue(thrown.getSuppressed()[0].getMessage().contains("more time(s)"));
            assertFalse(CallbackFailures.pending().isPresent());
            CallbackFailures.rethrowIfPending(); // cleared: nothing left to throw
        }
    }

    @Test
    void shouldRethrowAtTheEndOfWithCallback() {
        Comparator<MemorySegment> broken = (a, b) -> {
            throw new ArithmeticException("division by zero in comparator");
        };
        ArithmeticException thrown = assertThrows(ArithmeticException.class, () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1);
                Callbacks.withCallback(Comparator.class, broken, INT_COMPARATOR, cmp -> {
                    Libc.qsort(array, 2, 4, cmp.pointer());
                    return null;
                });
            }
        });
        assertEquals("division by zero in comparator", thrown.getMessage());
    }

    @Test
    void shouldReturnDeclaredDefaultToC() {
        IntBinaryOperator broken = (a, b) -> {
            throw new IllegalArgumentException("no sum for " + a + " and " + b);
        };
        try (Callback add = Callbacks.of(IntBinaryOperator.class, broken, "int (*)(int, int)",
                CallbackOption.defaultResult(-1))) {
            // call() makes a real downcall to the stub, then rethrows; the C side saw -1
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> add.call(2, 3));
            assertEquals("no sum for 2 and 3", thrown.getMessage());
        }
        List<Object> seenByC = new ArrayList<>();
        try (Callback add = Callbacks.of(IntBinaryOperator.class, broken, "int (*)(int, int)",
                CallbackOption.defaultResult(-1), CallbackOption.onFailure(f -> seenByC.add(f.error())))) {
            assertEquals(-1, add.call(2, 3));
            assertEquals(1, seenByC.size());
        }
    }

    @Test
    void shouldReturnZeroNullAndFalseByDefault() {
        List<CallbackFailure> failures = new ArrayList<>();
        CallbackFailures.setHandler(failures::add);
        CallbackFunction broken = args -> {
            throw new UnsupportedOperationException("not today");
        };
        try (Callback i = Callbacks.create(broken, "int (*)(void)");
                Callback d = Callbacks.create(broken, "double (*)(void)");
                Callback p = Callbacks.create(broken, "void *(*)(void)");
                Callback b = Callbacks.create(broken, "bool (*)(void)");
                Callback v = Callbacks.create(broken, "void (*)(int)")) {
            assertEquals(0, i.call());
            assertEquals(0.0, d.call());
            assertEquals(MemorySegment.NULL, p.call());
            assertEquals(false, b.call());
            assertEquals(null, v.call(7));
        }
        assertEquals(5, failures.size());
        assertInstanceOf(UnsupportedOperationException.class, failures.getFirst().error());
        assertFalse(failures.getFirst().foreignThread());
    }

    @Test
    void shouldWrapCheckedExceptionsWithTheirCause() {
        try (Callback reader = Callbacks.create(args -> {
            throw new IOException("disk on fire");
        }, "int (*)(int)", CallbackOption.name("reader"))) {
            CallbackFailedException thrown = assertThrows(CallbackFailedException.class, () -> reader.call(1));
            assertInstanceOf(IOException.class, thrown.getCause());
            assertTrue(thrown.getMessage().contains("'reader'"), thrown.getMessage());
            assertTrue(thrown.getMessage().contains("disk on fire"), thrown.getMessage());
        }
    }

    @Test
    void shouldCatchErrorsToo() {
        try (Callback deep = Callbacks.create(args -> {
            throw new AssertionError("invariant broken");
        }, "void (*)(void)")) {
            AssertionError thrown = assertThrows(AssertionError.class, deep::call);
            assertEquals("invariant broken", thrown.getMessage());
        }
    }

    @Test
    void shouldReportAWrongResultTypeFromADynamicFunction() {
        try (Callback wrong = Callbacks.create(args -> "seven", "int (*)(void)")) {
            ArgumentTypeError thrown = assertThrows(ArgumentTypeError.class, wrong::call);
            assertEquals("the result of callback int (*)(void): expected C type int (a Byte, Short, Integer, Long,"
                    + " BigInteger or Character) but got java.lang.String \"seven\"", thrown.getMessage());
        }
        try (Callback narrowing = Callbacks.create(args -> 5_000_000_000L, "int (*)(void)")) {
            ConversionError thrown = assertThrows(ConversionError.class, narrowing::call);
            assertEquals("the result of callback int (*)(void): 5000000000 does not fit C type int"
                    + " (range -2147483648..2147483647)", thrown.getMessage());
        }
    }

    @Test
    void shouldRethrowTheCallbacksFailureWhenTheDefaultCGotCannotBeReadBack() {
        LinkedHashMap<String, Integer> levels = new LinkedHashMap<>();
        levels.put("low", 1);
        levels.put("mid", 5);
        CType level = CType.enumOf(CEnum.of("level", levels));
        try (Callback echo = Callbacks.create(args -> args[0], CPrototype.of(null, level, level))) {
            // 7 passes to C unchecked (enums may be flags), the callback cannot read it and C gets the default 0,
            // which call() cannot read back either: the callback's own failure is the one reported
            ConversionError thrown = assertThrows(ConversionError.class, () -> echo.call(7));
            assertEquals("enum level has no keyword for value 7; known: {low=1, mid=5}", thrown.getMessage());
            assertEquals(1, thrown.getSuppressed().length);
            assertEquals("enum level has no keyword for value 0; known: {low=1, mid=5}",
                    thrown.getSuppressed()[0].getMessage());
            assertFalse(CallbackFailures.pending().isPresent(), "nothing left to surface in a later call");
            assertEquals("mid", echo.call("mid"));
        }
    }

    @Test
    void shouldAttachPendingFailureToAnExceptionOfTheWithCallbackBody() {
        Comparator<MemorySegment> broken = (a, b) -> {
            throw new IllegalStateException("inner");
        };
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1);
                Callbacks.withCallback(Comparator.class, broken, INT_COMPARATOR, cmp -> {
                    Libc.qsort(array, 2, 4, cmp.pointer());
                    throw new IllegalArgumentException("outer");
                });
            }
        });
        assertEquals("outer", thrown.getMessage());
        assertEquals("inner", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void shouldSendForeignThreadFailureToTheCallbacksHandler() throws Throwable {
        List<CallbackFailure> failures = new CopyOnWriteArrayList<>();
        try (Arena arena = Arena.ofConfined();
                Callback start = Callbacks.create(args -> {
                    throw new IllegalStateException("failed on a C thread");
                }, "void *(*)(void *)", CallbackOption.onFailure(failures::add))) {
            runOnPthread(arena, start);
            assertEquals(1, failures.size());
            CallbackFailure failure = failures.getFirst();
            assertTrue(failure.foreignThread(), "a pthread has no Java caller");
            assertEquals("failed on a C thread", failure.error().getMessage());
            assertSame(start, failure.callback());
        }
        assertFalse(CallbackFailures.pending().isPresent(), "nothing pending on the Java thread");
    }

    @Test
    void shouldLogForeignThreadFailureWhenNoHandlerIsSet() throws Throwable {
        CapturingSlf4jProvider.clear();
        IllegalStateException failure = new IllegalStateException("nobody is waiting");
        String callback;
        try (Arena arena = Arena.ofConfined();
                Callback start = Callbacks.create(args -> {
                    throw failure;
                }, "void *(*)(void *)", CallbackOption.name("orphan"))) {
            callback = "callback #" + start.id() + " 'orphan' void *(*)(void *)";
            runOnPthread(arena, start);
        }
        List<CapturingSlf4jProvider.Event> logged = CapturingSlf4jProvider.events("epsilon.foreign.callback");
        assertEquals(1, logged.size(), logged.toString());
        CapturingSlf4jProvider.Event event = logged.getFirst();
        assertEquals(Level.ERROR, event.level());
        assertEquals(callback + " threw on thread '" + event.thread() + "', which C created, so no Java caller can"
                + " receive it; C got the default result", event.message());
        assertSame(failure, event.thrown(), "the exception itself is logged, with its stack trace");
        assertFalse(event.thread().equals(Thread.currentThread().getName()), "logged on the C thread");
        assertFalse(CallbackFailures.pending().isPresent());
    }

    @Test
    void shouldLogAHandlerThatThrowsWithTheFailureItWasHandling() {
        CapturingSlf4jProvider.clear();
        IllegalStateException original = new IllegalStateException("the callback's own failure");
        IllegalArgumentException broken = new IllegalArgumentException("the handler's failure");
        String callback;
        try (Callback failing = Callbacks.create(args -> {
            throw original;
        }, "int (*)(void)", CallbackOption.onFailure(failure -> {
            throw broken;
        }))) {
            callback = "callback #" + failing.id() + " int (*)(void)";
            assertEquals(0, failing.call(), "C got the default, and call() has nothing to rethrow");
        }
        List<CapturingSlf4jProvider.Event> logged = CapturingSlf4jProvider.events("epsilon.foreign.callback");
        assertEquals(1, logged.size(), logged.toString());
        assertEquals(Level.ERROR, logged.getFirst().level());
        assertEquals("the failure handler of " + callback + " threw while handling " + original,
                logged.getFirst().message());
        assertSame(broken, logged.getFirst().thrown());
        assertEquals(List.of(original), List.of(broken.getSuppressed()), "the callback's failure is not lost");
    }

    @Test
    void shouldLogAHandlerThatRethrowsTheFailureOnce() {
        CapturingSlf4jProvider.clear();
        IllegalStateException original = new IllegalStateException("passed on");
        try (Callback failing = Callbacks.create(args -> {
            throw original;
        }, "void (*)(void)", CallbackOption.onFailure(failure -> {
            throw (IllegalStateException) failure.error();
        }))) {
            failing.call();
        }
        List<CapturingSlf4jProvider.Event> logged = CapturingSlf4jProvider.events("epsilon.foreign.callback");
        assertEquals(1, logged.size(), logged.toString());
        assertSame(original, logged.getFirst().thrown());
        assertEquals(0, original.getSuppressed().length, "an exception cannot suppress itself");
    }

    @Test
    void shouldHandAnOutOfMemoryErrorToTheCallerAndGiveCTheDefault() {
        OutOfMemoryError starved = new OutOfMemoryError("test");
        Comparator<MemorySegment> failing = (a, b) -> {
            throw starved;
        };
        try (Arena arena = Arena.ofConfined();
                Callback cmp = Callbacks.of(Comparator.class, failing, INT_COMPARATOR)) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, 2, 1);
            // as core's call levels do, which throw it as the cause of a CallbackError
            Object suspended = CallbackFailures.suspendPending();
            Libc.qsort(array, 2, 4, cmp.pointer());
            Throwable failure = CallbackFailures.resumePending(suspended);
            assertSame(starved, failure);
            assertEquals("test", failure.getMessage());
            assertEquals(0, failure.getSuppressed().length);
            assertEquals(List.of(2, 1), List.of(array.get(JAVA_INT, 0), array.get(JAVA_INT, 4)),
                    "C got 0, equal, and left the order as it was");
            OutOfMemoryError rethrown = assertThrows(OutOfMemoryError.class, () -> cmp.call(array, array.asSlice(4)));
            assertSame(starved, rethrown);
            assertFalse(CallbackFailures.pending().isPresent());
        }
    }

    @Test
    void shouldRetryTheLogOnceWhenItFailsToTakeAHandlersFailure() {
        CapturingSlf4jProvider.clear();
        IllegalStateException original = new IllegalStateException("the callback's own failure");
        IllegalArgumentException broken = new IllegalArgumentException("the handler's failure");
        List<CallbackFailure> handled = new ArrayList<>();
        String callback;
        try (Callback failing = Callbacks.create(args -> {
            throw original;
        }, "int (*)(void)", CallbackOption.defaultResult(-1), CallbackOption.onFailure(failure -> {
            handled.add(failure);
            throw broken;
        }))) {
            callback = "callback #" + failing.id() + " int (*)(void)";
            CapturingSlf4jProvider.failNext(1, new IllegalStateException("the log backend is down"));
            assertEquals(-1, failing.call(), "C got the default, and call() has nothing to rethrow");
        } finally {
            CapturingSlf4jProvider.failNext(0, null); // the log works again
        }
        assertEquals(1, handled.size(), "the handler ran once; only the log was tried again");
        assertSame(original, handled.getFirst().error());
        List<CapturingSlf4jProvider.Event> logged = CapturingSlf4jProvider.events("epsilon.foreign.callback");
        assertEquals(1, logged.size(), logged.toString());
        assertEquals(Level.ERROR, logged.getFirst().level());
        assertEquals("the failure handler of " + callback + " threw while handling " + original,
                logged.getFirst().message());
        assertSame(broken, logged.getFirst().thrown());
        assertEquals(List.of(original), List.of(broken.getSuppressed()), "the callback's failure is not lost");
    }

    @Test
    void shouldRethrowAFailureThatNeitherItsHandlerNorTheLogCouldTakeToTheJavaCaller() {
        CapturingSlf4jProvider.clear();
        IllegalStateException original = new IllegalStateException("the callback's own failure");
        IllegalArgumentException broken = new IllegalArgumentException("the handler's failure");
        IllegalStateException logDown = new IllegalStateException("the log backend is down");
        try (Callback failing = Callbacks.create(args -> {
            throw original;
        }, "int (*)(void)", CallbackOption.onFailure(failure -> {
            throw broken;
        }))) {
            CapturingSlf4jProvider.failNext(Integer.MAX_VALUE, logDown);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, failing::call);
            assertSame(original, thrown, "the callback's own failure, not the handler's or the log's");
            assertEquals("the callback's own failure", thrown.getMessage());
            assertEquals(List.of(broken), List.of(thrown.getSuppressed()));
            assertTrue(List.of(broken.getSuppressed()).contains(logDown), List.of(broken.getSuppressed()).toString());
            assertFalse(CallbackFailures.pending().isPresent());
        } finally {
            CapturingSlf4jProvider.failNext(0, null); // the log works again
        }
        assertEquals(List.of(), CapturingSlf4jProvider.events("epsilon.foreign.callback"));
    }

    static void runOnPthread(Arena arena, Callback start) {
        Libc.runOnPthread(arena, start.pointer(), MemorySegment.NULL);
    }
}
