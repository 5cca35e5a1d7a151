package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identity cache in front of {@code sharedCall}: a hit must mean the same function, so what the cache may
 * not recognise by reference (a mutable type list, a null) still gives the right answer or the right error.
 */
class IdentityCacheTest {

    @Test
    void aTypeListChangedBetweenCallsIsReadAgain() {
        List<CType> types = new ArrayList<>(List.of(CType.LONG));
        assertEquals(5L, Foreign.sharedCall("labs", "c", CType.LONG, types, -5L));
        assertEquals(5L, Foreign.sharedCall("labs", "c", CType.LONG, types, -5L));
        types.add(CType.LONG);
        ArityError error = assertThrows(ArityError.class,
                () -> Foreign.sharedCall("labs", "c", CType.LONG, types, -5L));
        assertEquals("labs takes 2 arguments (long labs(long, long)), got 1", error.getMessage());
    }

    @Test
    void theSameConstantArgumentsKeepAnsweringAcrossCalls() {
        List<CType> one = List.of(CType.LONG);
        for (long i = -300; i <= 300; i++) {
            assertEquals(Math.abs(i), Foreign.sharedCall("labs", "c", CType.LONG, one, i));
            assertEquals(Math.abs(i), Foreign.sharedCallFast("labs", "c", CType.LONG, one, i));
        }
    }

    @Test
    void equalButDistinctArgumentsFindTheSameFunctionByValue() {
        String name = new String("labs".toCharArray());
        String library = new String("c".toCharArray());
        assertEquals(9L, Foreign.sharedCall(name, library, CType.LONG, new ArrayList<>(List.of(CType.LONG)), -9L));
        assertEquals(9L, Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), -9L));
    }

    @Test
    void nullsAreRefusedOnTheMissPathNamingTheArgument() {
        List<CType> one = List.of(CType.LONG);
        assertEquals("function", assertThrows(NullPointerException.class,
                () -> Foreign.sharedCall(null, "c", CType.LONG, one, 1L)).getMessage());
        assertEquals("library", assertThrows(NullPointerException.class,
                () -> Foreign.sharedCall("labs", null, CType.LONG, one, 1L)).getMessage());
        assertEquals("returnType", assertThrows(NullPointerException.class,
                () -> Foreign.sharedCall("labs", "c", null, one, 1L)).getMessage());
        assertEquals("argumentTypes", assertThrows(NullPointerException.class,
                () -> Foreign.sharedCallFast("labs", "c", CType.LONG, null, 1L)).getMessage());
        assertEquals("prototype", assertThrows(NullPointerException.class,
                () -> Foreign.sharedCall(null, "c", 1L)).getMessage());
        assertEquals("function", assertThrows(NullPointerException.class,
                () -> Foreign.call(null, 1L)).getMessage());
    }

    @Test
    void aStringLongerThanTheFrameBlockStillConverts() {
        String big = "x".repeat(70_000); // more than the 64 KiB block: the frame's overflow arena takes it
        ForeignFunction strlen = Foreign.defshared("size_t strlen(const char *s)", "c");
        assertEquals(70_000L, strlen.invoke(big));
        assertEquals(3L, strlen.invoke("abc")); // and the frame is usable again after the overflow was freed
        assertEquals(70_000L, Foreign.sharedCall("size_t strlen(const char *s)", "c", big));
    }

    @Test
    void severalStringsInOneCallEachGetTheirOwnMemory() {
        ForeignFunction strcmp = Foreign.defshared("int strcmp(const char *a, const char *b)", "c");
        assertEquals(0, strcmp.invoke("same", "same"));
        assertEquals(-1, Integer.signum((Integer) strcmp.invoke("abc", "abd")));
        assertEquals(1, Integer.signum((Integer) strcmp.invoke("b".repeat(30_000), "a".repeat(30_000))));
    }

    @Test
    void aStringWithANulIsRefusedWithItsPosition() {
        ForeignFunction strlen = Foreign.defshared("size_t strlen(const char *s)", "c");
        ConversionError error = assertThrows(ConversionError.class, () -> strlen.invoke("ab\0cd"));
        assertEquals("argument 0 of strlen: string contains a NUL character at index 2 (length 5); C would see only"
                + " its first 2 characters", error.getMessage());
    }
}
