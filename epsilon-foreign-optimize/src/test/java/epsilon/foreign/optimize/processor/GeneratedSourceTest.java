package epsilon.foreign.optimize.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.optimize.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The source the processor writes for a sample interface, compared with the text expected of it
 * ({@code src/test/resources/expected/SampleNative.java}): readable, one holder per function, conversions written
 * out, and compiled without a warning under {@code -Xlint:all -Werror}.
 */
class GeneratedSourceTest {
    static final String SAMPLE = """
            package sample;

            import epsilon.foreign.CFunction;
            import epsilon.foreign.Errno;
            import epsilon.foreign.NativeType;
            import epsilon.foreign.optimize.NativeLibrary;
            import java.lang.foreign.MemorySegment;

            @NativeLibrary("c")
            public interface Sample {
                long labs(long value);

                @NativeType("size_t")
                long strlen(String text);

                @CFunction("strlen")
                @NativeType("size_t")
                long strlenOf(MemorySegment text);

                @Errno
                int open(String path, int flags);

                @NativeType("uint32_t")
                long htonl(@NativeType("uint32_t") long value);

                long strtol(String text, String[] end, int base);
            }
            """;

    @Test
    void shouldWriteTheExpectedSource() throws IOException {
        Compilation compilation = Compilation.of(Map.of("sample/Sample.java", SAMPLE));
        assertTrue(compilation.success(), compilation::report);
        assertTrue(compilation.diagnostics().isEmpty(), compilation::report);
        assertEquals(Set.of("sample/SampleNative.java"), compilation.generated().keySet());
        assertEquals(expected("SampleNative.java"), compilation.generated().get("sample/SampleNative.java"));
    }

    @Test
    void shouldWriteTheSameSourceEveryTime() {
        Compilation first = Compilation.of(Map.of("sample/Sample.java", SAMPLE));
        Compilation second = Compilation.of(Map.of("sample/Sample.java", SAMPLE));
        assertEquals(first.generated(), second.generated());
    }

    static String expected(String name) throws IOException {
        try (InputStream in = GeneratedSourceTest.class.getResourceAsStream("/expected/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
