package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.marshalling.DeclarationError;
import org.junit.jupiter.api.Test;

class UnboxedInvokeTest {

    @Test
    void invokeLongIntAndDoubleReturnTheUnboxedResult() {
        assertEquals(5_000_000_000L, Foreign.defshared("long labs(long j)", "c").invokeLong(-5_000_000_000L));
        assertEquals(5L, Foreign.defshared("size_t strlen(const char *s)", "c").invokeLong("hello"));
        assertEquals(4_000_000_000L, Foreign.defshared("unsigned int strtoul(const char *s, char **end, int base)",
                "c").invokeLong("4000000000", null, 10)); // converted, not the exact path: unsigned int is a long
        assertEquals(200, Foreign.defshared("int abs(int j)", "c").invokeInt(-200)); // outside the Integer cache
        assertEquals(70_000, Foreign.defshared("int abs(int j)", "c").invokeInt(-70_000));
        assertEquals(1.0, Foreign.defshared("double cos(double x)", "m").invokeDouble(0.0));
        assertEquals(1.0, Foreign.defshared("float cosf(float x)", "m").invokeDouble(0.0f));
    }

    @Test
    void aReturnTypeThatIsNotTheAskedOneIsRefusedBeforeCRuns() {
        DeclarationError wrongWidth = assertThrows(DeclarationError.class,
                () -> Foreign.defshared("long labs(long j)", "c").invokeInt(-1L));
        assertEquals("invokeInt needs a function returning int, but labs (long labs(long j)) does not: its return type"
                + " long is a long in Java; call invoke", wrongWidth.getMessage());
        DeclarationError text = assertThrows(DeclarationError.class,
                () -> Foreign.defshared("char *getenv(const char *name)", "c").invokeLong("HOME"));
        assertEquals("invokeLong needs a function returning long, but getenv (char *getenv(char *name)) does not: its"
                + " return type char * is a String in Java; call invoke", text.getMessage());
        DeclarationError none = assertThrows(DeclarationError.class,
                () -> Foreign.defshared("void srand(unsigned int seed)", "c").invokeDouble(1));
        assertEquals("invokeDouble needs a function returning double or float, but srand (void srand(unsigned int seed))"
                + " does not: its return type void is void; call invoke", none.getMessage());
        DeclarationError errno = assertThrows(DeclarationError.class,
                () -> Foreign.with(CallOption.errno(ErrnoPolicy.RETURN)).defshared("int close(int fd)", "c")
                        .invokeInt(-1));
        assertEquals("invokeInt needs a function returning int, but close (int close(int fd)) does not: it returns an"
                + " ErrnoResult (ErrnoPolicy.RETURN); call invoke", errno.getMessage());
    }
}
