package epsilon.foreign.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.Foreign;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * Generated text through the frame's String write, as C reads it back: libc's {@code strlen} counts exactly the
 * UTF-8 bytes of the text (the JDK's encoding, {@code '?'} for an unpaired surrogate), and {@code strspn(s, s + "x")},
 * whose second string lands in the frame after the first, counts them again; text holding a NUL is refused instead.
 * Through the generated call of a {@code ForeignFunction}, and through {@code sharedCall}'s cached function, which
 * gets one too.
 */
class StringWritePropertiesTest {
    private static final List<CType> ONE_STRING = List.of(CType.STRING);
    private static final DynamicFunction STRLEN = warmed("size_t strlen(const char *s)");
    private static final DynamicFunction STRSPN = warmed("size_t strspn(const char *s, const char *accept)");

    private static DynamicFunction warmed(String prototype) {
        DynamicFunction function = (DynamicFunction) Foreign.defshared(prototype, "c");
        Object[] arguments = prototype.contains("accept") ? new Object[] {"warm", "warm"} : new Object[] {"warm"};
        for (int i = 0; i < DynamicFunction.STRING_CALLS_BEFORE_GENERATING; i++) {
            function.invoke(arguments);
        }
        assertTrue(function.hasStringCall(), prototype);
        return function;
    }

    @Property(tries = 400)
    void textReachesCAsItsUtf8BytesOrIsRefusedForANul(@ForAll @StringLength(max = 200) String text) {
        if (text.indexOf('\0') >= 0) {
            ConversionError refused = assertThrows(ConversionError.class, () -> STRLEN.invoke(text));
            assertTrue(refused.getMessage().startsWith("argument 0 of strlen: string contains a NUL character at index "
                    + text.indexOf('\0')), refused.getMessage());
            assertThrows(ConversionError.class, () -> STRSPN.invoke("x", text));
            return;
        }
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(bytes, STRLEN.invoke(text));
        // One byte more in the second string: had it overwritten the first, strspn would count that byte too.
        assertEquals(bytes, STRSPN.invoke(text, text + "x"), "the second string of the call, after the first");
        assertEquals(bytes, Foreign.sharedCall("strlen", "c", CType.SIZE_T, ONE_STRING, text));
    }
}
