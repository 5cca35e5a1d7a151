package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ForeignErrorTest {
    @Test
    void shouldCarryErrnoValueAndTextInTheMessage() {
        ErrnoError error = new ErrnoError("open", 2, "No such file or directory");
        assertEquals("open failed: errno 2 (No such file or directory)", error.getMessage());
        assertEquals(2, error.errno());
        assertEquals(OptionalInt.of(2), error.errorCode());
        assertEquals("open", error.functionName().orElseThrow());
        assertInstanceOf(ForeignError.class, error);
    }

    @Test
    void shouldReportNoFunctionAndNoCodeWhenThereIsNone() {
        ForeignError error = new UnknownLibraryError("library 'nope' not found", null);
        assertTrue(error.functionName().isEmpty());
        assertTrue(error.errorCode().isEmpty());
    }

    @Test
    void shouldKeepBothCountsOfAnArityMismatch() {
        ArityError error = new ArityError("strlen takes 1 argument, got 2", "strlen", 1, 2);
        assertEquals(1, error.expected());
        assertEquals(2, error.actual());
    }
}
