package epsilon.foreign.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CFunction;
import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.NativeType;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.NullArgumentError;
import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pointer parameter C declares nonnull refuses Java's {@code null} and C's {@code NULL} before C runs, at every call
 * level, instead of a SIGSEGV inside libc; other pointer parameters still take NULL.
 */
class NonnullTest {
    private static final String NULL_MESSAGE = "argument 0 of strlen: null for a parameter of C type char * that"
            + " strlen declares nonnull (C would dereference it)";
    private static final String NULL_POINTER_MESSAGE = "argument 0 of strlen: NULL for a parameter of C type char *"
            + " that strlen declares nonnull (C would dereference it)";

    public interface Strings {
        @NativeType("size_t")
        long strlen(String s);

        @CFunction("strlen")
        @NativeType("size_t")
        long strlenOf(MemorySegment s);
    }

    private static void refused(String message, Executable call) {
        NullArgumentError e = assertThrows(NullArgumentError.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(0, e.index());
        assertEquals("strlen", e.functionName().orElseThrow());
    }

    @Test
    void shouldRefuseNullForStrlenAtEveryLevel() {
        refused(NULL_MESSAGE, () -> Foreign.call("strlen", (Object) null));
        refused(NULL_POINTER_MESSAGE, () -> Foreign.call("strlen", MemorySegment.NULL));
        List<CType> oneString = List.of(CType.STRING);
        refused(NULL_MESSAGE, () -> Foreign.sharedCall("strlen", "c", CType.SIZE_T, oneString, (Object) null));
        refused(NULL_POINTER_MESSAGE, () -> Foreign.sharedCallFast("strlen", "c", CType.SIZE_T, oneString,
                MemorySegment.NULL));
        refused(NULL_MESSAGE, () -> Foreign.sharedCall("strlen", "libc", "size_t", new String[] {"char *"},
                (Object) null));
        refused(NULL_MESSAGE, () -> Foreign.sharedCall("size_t strlen(const char *s)", "c", (Object) null));
        ForeignFunction strlen = Foreign.defshared("size_t strlen(const char *s)", "c");
        refused(NULL_MESSAGE, () -> strlen.invoke((Object) null));
        refused(NULL_POINTER_MESSAGE, () -> strlen.invoke(MemorySegment.NULL));
        Strings bound = Foreign.bind(Strings.class, "c");
        refused(NULL_MESSAGE, () -> bound.strlen(null));
        refused(NULL_POINTER_MESSAGE.replace("char *", "void *"), () -> bound.strlenOf(MemorySegment.NULL));
        assertEquals(5L, strlen.invoke("hello"));
        assertEquals(5L, bound.strlen("hello"));
    }

    @Test
    void shouldRefuseNullWhereAHeaderDeclaresIt() {
        CHeader header = CHeader.parse("unsigned long strlen(const char *s) __attribute__((__nonnull__));");
        ForeignFunction strlen = Foreign.defshared(header.function("strlen"), "c");
        refused(NULL_MESSAGE, () -> strlen.invoke((Object) null));
        assertEquals(2L, strlen.invoke("hi"));
    }

    @Test
    void shouldStillPassNullWhereCAllowsIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment now = arena.allocate(16);
            assertEquals(0, Foreign.call("gettimeofday", now, null)); // the time zone may be NULL
            assertEquals(12L, Foreign.call("strtol", "12", null, 10)); // so may the end pointer
            MemorySegment end = arena.allocate(ValueLayout.ADDRESS);
            assertEquals(12L, Foreign.call("strtol", "12", end, 10));
        }
    }

    @Test
    void shouldKeepAJvmThatCallsStrlenWithNullAlive(@TempDir Path work) throws Exception {
        // The same call in a child JVM: it must end normally, having caught the error, not die of SIGSEGV.
        Path program = work.resolve("StrlenNull.java");
        java.nio.file.Files.writeString(program, """
                public class StrlenNull {
                    public static void main(String[] args) {
                        try {
                            epsilon.foreign.Foreign.call("strlen", (Object) null);
                            System.out.println("no error");
                        } catch (epsilon.foreign.marshalling.ForeignError e) {
                            System.out.println("refused: " + e.getClass().getSimpleName());
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), program.toString()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("refused: NullArgumentError"), output);
        assertTrue(!new File(work.toFile(), "hs_err.log").exists());
    }
}
