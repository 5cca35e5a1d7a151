package epsilon.foreign.optimize.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.optimize.Optimize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Out-parameters copied back after the call and functional interfaces made callbacks for one call, through a
 * generated binding and (second surefire run) through {@code Foreign.bind}: same values, same refusals.
 */
class GeneratedOutParameterTest {
    private static final OutParameterBinding C = GeneratedBindings.bind(OutParameterBinding.class);

    @Test
    void shouldBeTheGeneratedClassUnlessSwitchedOff() {
        assertEquals(Optimize.isEnabled(), C.getClass().getName().equals(OutParameterBinding.class.getName() + "Native"),
                C.getClass().getName());
    }

    @Test
    void shouldCopyBackTheEndOfAStrtolAsAString() {
        String[] end = new String[1];
        assertEquals(42L, C.strtol("42abc", end, 10));
        assertEquals("abc", end[0]);
        assertEquals(-255L, C.strtol("-ff", end, 16));
        assertEquals("", end[0]);
        assertEquals(7L, C.strtol("7 rest", null, 10));
    }

    @Test
    void shouldCopyBackTheEndOfAStrtolAsASegment() {
        MemorySegment[] end = new MemorySegment[1];
        assertEquals(123L, C.strtolSegment("123xyz", end, 10));
        assertTrue(end[0] != null && end[0].address() != 0, String.valueOf(end[0]));
        assertEquals('x', end[0].reinterpret(1).get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void shouldCopyBackTheEndOfAStrtolIntoAHolder() {
        ByReference<String> end = ByReference.empty(String.class);
        assertEquals(10L, C.strtolHolder("0x0aZ", end, 16));
        assertEquals("Z", end.get());
        ByReference<MemorySegment> pointer = ByReference.empty(MemorySegment.class);
        assertEquals(5L, C.strtolPointer("5;", pointer, 10));
        assertEquals(';', pointer.get().reinterpret(1).get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void shouldCopyBackAnIntThroughAnArrayOrAHolder() {
        int[] exponent = new int[1];
        assertEquals(0.75, C.frexp(6.0, exponent));
        assertEquals(3, exponent[0]);
        ByReference<Integer> holder = ByReference.empty(Integer.class);
        assertEquals(0.5, C.frexpHolder(1024.0, holder));
        assertEquals(11, holder.get());
        ByReference<Integer> reused = ByReference.of(99);
        assertEquals(0.5, C.frexpHolder(1.0, reused));
        assertEquals(1, reused.get());
    }

    @Test
    void shouldRefuseAHolderThatCannotHoldWhatCWrites() {
        ByReference<Short> tooSmall = ByReference.empty(Short.class);
        ArgumentTypeError error = assertThrows(ArgumentTypeError.class, () -> C.frexpAny(6.0, tooSmall));
        assertTrue(error.getMessage().contains("a ByReference<Short> cannot hold the int C writes"),
                error.getMessage());
        assertTrue(error.getMessage().contains("frexp"), error.getMessage());
        assertNull(tooSmall.get());
    }

    @Test
    void shouldMakeALambdaACallbackForTheCall() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 5, 3, 9, 1);
            C.qsort(ints, 4, 4, (a, b) -> Integer.compare(a.reinterpret(4).get(ValueLayout.JAVA_INT, 0),
                    b.reinterpret(4).get(ValueLayout.JAVA_INT, 0)));
            assertArrayEquals(new int[] {1, 3, 5, 9}, ints.toArray(ValueLayout.JAVA_INT));
        }
    }

    @Test
    void shouldRethrowAComparatorsFailureFromItsOwnCall() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
            CallbackError error = assertThrows(CallbackError.class, () -> C.qsort(ints, 2, 4, (a, b) -> {
                throw new IllegalStateException("comparator failed");
            }));
            assertInstanceOf(IllegalStateException.class, error.getCause());
            assertEquals("comparator failed", error.getCause().getMessage());
            assertTrue(error.getMessage().startsWith("a callback threw during the call to qsort"), error.getMessage());
            assertTrue(CallbackFailures.pending().isEmpty());
        }
    }
}
