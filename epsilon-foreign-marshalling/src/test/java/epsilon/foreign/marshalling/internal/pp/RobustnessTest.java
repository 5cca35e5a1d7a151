package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input ends in a ParseError naming the limit, quickly, and never in a stack overflow or OOM. */
@Timeout(20)
class RobustnessTest {
    private static ParseError fails(String text, String... fragments) {
        ParseError e = assertThrows(ParseError.class, () -> Pp.run(text));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> e.getMessage() + " lacks " + f);
        }
        return e;
    }

    @Test
    void macroBombEndsAtTheTokenBudget() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append("#define m").append(i).append(" m").append(i + 1).append(" m").append(i + 1).append('\n');
        }
        b.append("m0\n");
        long start = System.nanoTime();
        ParseError e = fails(b.toString(), "macro expansion exceeds 1000000 tokens", "maxExpansionTokens");
        assertEquals(41, e.line());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void functionLikeBombEndsToo() {
        String text = "#define f(x) x x x x x x x x\n" + "f(".repeat(30) + "1" + ")".repeat(30) + "\n";
        fails(text, "maxExpansionTokens");
    }

    @Test
    void deepMacroArgumentNestingIsBounded() {
        String defs = "#define f(x) x\n";
        assertEquals("1", Pp.out(defs + "f(".repeat(200) + "1" + ")".repeat(200)));
        fails(defs + "f(".repeat(300) + "1" + ")".repeat(300), "nested more than 256", "maxMacroNesting");
        fails(defs + "f(".repeat(100_000) + "1" + ")".repeat(100_000), "parentheses nested more than 4096",
                "maxExpressionDepth");
    }

    @Test
    void longRescanChainsUseNoStack() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append("#define a").append(i).append(" a").append(i + 1).append('\n');
        }
        assertEquals("a20000", Pp.out(b + "a0\n"));
    }

    @Test
    void deepConditionalNestingIsBounded() {
        assertEquals("x", Pp.out("#if 1\n".repeat(1000) + "x\n" + "#endif\n".repeat(1000)));
        ParseError e = fails("#if 1\n".repeat(5000), "#if nesting deeper than 4096", "maxConditionalDepth");
        assertEquals(4097, e.line());
    }

    @Test
    void deepExpressionNestingIsBounded() {
        fails("#if " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n#endif\n", "too deeply nested");
    }

    @Test
    void fileSizeIsBounded() {
        Preprocessor small = new Preprocessor(Pp.CONFIG.toBuilder().limits(PreprocessorConfig.Limits.DEFAULTS
                .withMaxFileSize(1000)).build());
        ParseError e = assertThrows(ParseError.class, () -> small.preprocessText("big.c", "x ".repeat(600), null));
        assertTrue(e.getMessage().contains("1200 chars is more than the limit of 1000 (limit maxFileSize)"),
                e.getMessage());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> PreprocessorConfig.Limits.DEFAULTS.withMaxIncludeDepth(0));
    }

    @Test
    void manyArgumentsAndLongLinesAreLinear() {
        String args = String.join(",", java.util.Collections.nCopies(50_000, "a"));
        String out = Pp.out("#define v(...) [__VA_ARGS__]\nv(" + args + ")");
        assertEquals(2 + 50_000 * 2 - 1, Pp.outTexts("#define v(...) [__VA_ARGS__]\nv(" + args + ")").size());
        assertTrue(out.startsWith("[a,a"));
        assertEquals(List.of("x"), Pp.outTexts("/*" + " ".repeat(1_000_000) + "*/x"));
    }
}
