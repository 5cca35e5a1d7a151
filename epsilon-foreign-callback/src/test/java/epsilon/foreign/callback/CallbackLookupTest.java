package epsilon.foreign.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CPrototype;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

/** A typed callback over an interface this module may not call, with the method found by the caller's lookup. */
class CallbackLookupTest {
    /** Package-private: only this package's lookup can call it. */
    interface Twice {
        int apply(int x);
    }

    private static final CPrototype INT_TO_INT = CPrototype.parse("int twice(int x)");

    @Test
    void shouldCallAPackagePrivateInterfaceFoundWithTheCallersLookup() {
        try (Callback twice = Callbacks.of(Twice.class, x -> 2 * x, INT_TO_INT, MethodHandles.lookup())) {
            assertEquals(42, twice.call(21));
        }
    }

    @Test
    void shouldRefuseALookupThatCannotCallTheInterface() {
        CallbackSignatureError e = assertThrows(CallbackSignatureError.class,
                () -> Callbacks.of(Twice.class, x -> x, INT_TO_INT, MethodHandles.publicLookup()));
        assertTrue(e.getMessage().startsWith("cannot call epsilon.foreign.callback.CallbackLookupTest$Twice.apply with"
                + " the lookup of java.lang.Object: "), e.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class,
                () -> Callbacks.of(Twice.class, x -> x, INT_TO_INT, (MethodHandles.Lookup) null));
        assertEquals("lookup", none.getMessage());
    }
}
