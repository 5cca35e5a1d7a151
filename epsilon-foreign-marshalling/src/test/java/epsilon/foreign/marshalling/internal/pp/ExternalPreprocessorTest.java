package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExternalPreprocessorTest {
    @TempDir
    Path dir;

    private static boolean cpp;

    @BeforeAll
    static void probe() {
        cpp = ExternalPreprocessor.isAvailable("cpp");
    }

    private static ExternalPreprocessor external(PreprocessorConfig config) {
        assumeTrue(cpp, "cpp is not installed");
        return new ExternalPreprocessor("cpp", config);
    }

    @Test
    void availability() {
        assertFalse(ExternalPreprocessor.isAvailable("no-such-preprocessor-command"));
        assertThrows(IllegalArgumentException.class, () -> new ExternalPreprocessor(" ", PreprocessorConfig.host()));
    }

    @Test
    void positionsMacrosAndPragmasAsCppReportsThem() throws IOException {
        Files.writeString(dir.resolve("local.h"), "#define LOCAL 7\nint local;\n");
        ExternalPreprocessor pp = external(PreprocessorConfig.builder().define("USER", "3").build());
        PreprocessedUnit u = pp.preprocessText("m.c", """
                #include "local.h"
                #define TWICE(x) ((x) + (x))
                #pragma pack(push, 1)
                  int a = TWICE(LOCAL);
                int b = USER;
                #undef LOCAL
                """, dir);
        List<Token> t = u.tokens();
        Token local = t.get(1);
        assertEquals("local", local.text());
        assertEquals(new SourcePosition("local.h", 2, 5), local.position());
        Token pragma = t.stream().filter(x -> x.kind() == TokenKind.PRAGMA).findFirst().orElseThrow();
        assertEquals("pack(push, 1)", pragma.text());
        assertEquals(new SourcePosition("m.c", 3, 1), pragma.position());
        Token a = t.stream().filter(x -> x.text().equals("a")).findFirst().orElseThrow();
        assertEquals("m.c", a.position().source());
        assertEquals(4, a.position().line());
        Token firstOfLine = t.get(t.indexOf(pragma) + 1);
        assertEquals(new SourcePosition("m.c", 4, 3), firstOfLine.position());
        assertTrue(Pp.print(t).contains("int a = ((7) + (7)); int b = 3;"), Pp.print(t));
        assertNull(u.macros().get("LOCAL"));
        assertEquals("((x) + (x))", u.macros().get("TWICE").replacementText());
        assertEquals(new SourcePosition("m.c", 2, 9), u.macros().get("TWICE").position());
        assertFalse(u.macros().get("TWICE").builtIn());
        assertTrue(u.macros().get("__STDC__").builtIn());
        assertEquals("3", u.macros().get("USER").replacementText());
        assertTrue(u.files().contains("m.c") && u.files().contains("local.h"), u.files()::toString);
        assertEquals(TokenKind.END, t.getLast().kind());
        assertEquals("((2) + (2))", Pp.print(u.expand(Pp.run("TWICE(2)").tokens())));
    }

    @Test
    void aRealHeaderGivesTheMacrosAndLinesCppGives() {
        assumeTrue(PlatformMacros.hostSystemDirectories().stream().anyMatch(d -> Files.isRegularFile(
                d.resolve("zlib.h"))), "zlib.h is not installed");
        PreprocessedUnit u = external(PreprocessorConfig.host()).preprocessText("z.c", "#include <zlib.h>\n", null);
        assertEquals("0", u.macros().get("Z_OK").replacementText());
        assertEquals("(-2)", u.macros().get("Z_STREAM_ERROR").replacementText());
        Token deflate = u.tokens().stream().filter(x -> x.text().equals("deflateInit_")).findFirst().orElseThrow();
        assertTrue(deflate.position().source().endsWith("zlib.h"), deflate.position()::toString);
        Macro zOk = u.macros().get("Z_OK");
        assertTrue(zOk.position().source().endsWith("zlib.h"), zOk.position()::toString);
        assertEquals(List.of("0"), u.expand(zOk.replacement()).stream().map(Token::text).toList());
    }

    @Test
    void anErrorBecomesAParseErrorWithCppsPosition() throws IOException {
        ExternalPreprocessor pp = external(PreprocessorConfig.host());
        ParseError e = assertThrows(ParseError.class, () -> pp.preprocessText("m.c", "int a;\n #error stop now\n", null));
        assertEquals("m.c", e.source());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().startsWith("m.c:2:3: #error stop now"), e.getMessage());
        Path file = dir.resolve("bad.c");
        Files.writeString(file, "#include <no/such/header.h>\n");
        ParseError missing = assertThrows(ParseError.class, () -> pp.preprocessFile(file));
        assertEquals(file.toString(), missing.source());
        assertEquals(1, missing.line());
        assertTrue(missing.getMessage().contains("no/such/header.h"), missing.getMessage());
    }

    @Test
    void warningsAreCollected() {
        PreprocessedUnit u = external(PreprocessorConfig.host()).preprocessText("m.c", "#warning look here\n", null);
        assertEquals(1, u.warnings().size());
        assertTrue(u.warnings().getFirst().startsWith("m.c:1:2: warning: #warning look here"), u.warnings()::toString);
    }
}
