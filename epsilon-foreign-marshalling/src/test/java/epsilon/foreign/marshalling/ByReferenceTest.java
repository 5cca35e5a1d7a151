package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The holder itself: its type, as told or as taken from the initial value, and what it accepts. */
class ByReferenceTest {
    @Test
    void shouldTakeItsTypeFromTheInitialValue() {
        assertEquals(Optional.of(Integer.class), ByReference.of(5).type());
        try (Arena arena = Arena.ofConfined()) {
            // any segment, whatever its implementation class, makes a MemorySegment holder
            assertEquals(Optional.of(MemorySegment.class), ByReference.of(arena.allocate(ValueLayout.JAVA_INT))
                    .type());
        }
        assertEquals(Optional.empty(), ByReference.of(null).type());
        assertEquals(Optional.empty(), ByReference.empty().type());
        assertEquals(Optional.of(String.class), ByReference.empty(String.class).type());
        assertNull(ByReference.empty(String.class).get());
    }

    @Test
    void shouldRefuseAPrimitiveTypeAndAValueOfAnotherType() {
        IllegalArgumentException primitive = assertThrows(IllegalArgumentException.class,
                () -> ByReference.empty(int.class));
        assertEquals("a ByReference holds objects: use Integer.class, not int", primitive.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> ByReference.empty(null));
        assertEquals("type", none.getMessage());
        @SuppressWarnings({"unchecked", "rawtypes"})
        ByReference<Object> ints = (ByReference) ByReference.empty(Integer.class);
        ClassCastException wrong = assertThrows(ClassCastException.class, () -> ints.set("five"));
        assertEquals("Cannot cast java.lang.String to java.lang.Integer", wrong.getMessage());
        ints.set(null);
        assertNull(ints.get());
    }

    @Test
    void shouldShowWhatItHolds() {
        ByReference<Long> held = ByReference.of(7L);
        held.set(8L);
        assertEquals("ByReference[8]", held.toString());
    }
}
