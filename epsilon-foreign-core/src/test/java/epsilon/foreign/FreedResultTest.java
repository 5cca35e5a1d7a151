package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.frontend.TestLibrary;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings C allocates for the caller to free, decoded and freed in one step at every level
 * ({@code CallOption.freedWith}, {@code @FreedWith}), against a gcc-built library whose free function counts.
 */
class FreedResultTest {
    private static final String SOURCE = """
            #include <stdlib.h>
            #include <string.h>
            static int freed;
            char *make_text(const char *s) { return s ? strdup(s) : NULL; }
            void counting_free(void *p) { if (p) freed++; free(p); }
            int freed_count(void) { return freed; }
            long not_text(void) { return 1; }
            """;

    @TempDir
    static Path directory;
    private static String library;

    /** The library, bound with its counting free function. */
    public interface Texts {
        @FreedWith("counting_free")
        String make_text(String s);

        int freed_count();
    }

    @BeforeAll
    static void compile() throws Exception {
        library = TestLibrary.compile(directory, "freed", SOURCE).toString();
    }

    @Test
    void shouldDecodeThenFreeAtTheDynamicLevels() {
        int before = freedCount();
        ForeignFunction make = Foreign.defshared("char *make_text(const char *s)", library,
                CallOption.freedWith("counting_free"));
        assertEquals("abc", make.invoke("abc"));
        assertEquals(before + 1, freedCount());
        assertEquals("xyz", Foreign.with(CallOption.freedWith("counting_free"))
                .sharedCall("char *make_text(const char *s)", library, "xyz"));
        assertEquals(before + 2, freedCount());
        assertNull(make.invoke((Object) null)); // NULL: nothing to free
        assertEquals(before + 2, freedCount());
    }

    @Test
    void shouldDecodeThenFreeInABoundInterface() {
        Texts texts = Foreign.bind(Texts.class, library);
        int before = texts.freed_count();
        assertEquals("bound", texts.make_text("bound"));
        assertNull(texts.make_text(null));
        assertEquals(before + 1, texts.freed_count());
    }

    @Test
    void shouldRefuseToFreeAResultThatIsNotAString() {
        ForeignError e = assertThrows(ForeignError.class, () -> Foreign.defshared("long not_text(void)", library,
                CallOption.freedWith("counting_free")));
        assertEquals("not_text cannot have its result freed with counting_free: it returns long, not a char * to"
                + " decode and free", e.getMessage());
    }

    @Test
    void shouldRefuseAFreeFunctionNeitherLibraryHas() {
        UnknownSymbolError e = assertThrows(UnknownSymbolError.class, () -> Foreign.defshared(
                "char *make_text(const char *s)", library, CallOption.freedWith("no_such_free")));
        assertEquals("'no_such_free', to free the results of make_text, is in neither library '" + library
                + "' nor the C library", e.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> CallOption.freedWith(" "));
        assertEquals("FreeResult needs the name of the function that frees the result", blank.getMessage());
    }

    private static int freedCount() {
        return (int) Foreign.sharedCall("int freed_count(void)", library);
    }
}
