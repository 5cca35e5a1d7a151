package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.UnknownLibraryError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import org.junit.jupiter.api.Test;

/** The {@link Foreign#bind} entry point; the binder itself is tested in the binding package. */
class BindTest {
    public interface Libc {
        @NativeType("size_t")
        long strlen(String s);

        long labs(long j);
    }

    public interface Missing {
        int epsilon_not_a_function(int x);
    }

    @Test
    void shouldBindAnInterfaceToALibraryByName() {
        Libc libc = Foreign.bind(Libc.class, "c");
        assertEquals(5L, libc.strlen("hello"));
        assertEquals(8L, libc.labs(-8L));
    }

    @Test
    void shouldRejectAnUnknownFunctionAtBindTime() {
        UnknownSymbolError e = assertThrows(UnknownSymbolError.class, () -> Foreign.bind(Missing.class, "c"));
        assertTrue(e.getMessage().contains("epsilon_not_a_function"), e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownLibraryAtBindTime() {
        UnknownLibraryError e = assertThrows(UnknownLibraryError.class, () -> Foreign.bind(Libc.class, "epsilon_nolib"));
        assertTrue(e.getMessage().startsWith("library 'epsilon_nolib' not found"), e.getMessage());
    }
}
