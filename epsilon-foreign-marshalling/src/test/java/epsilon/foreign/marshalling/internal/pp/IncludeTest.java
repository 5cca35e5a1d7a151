package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncludeTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Preprocessor with(PreprocessorConfig.Builder b) {
        return new Preprocessor(b.predefinedMacros(List.of()).systemDirectories(List.of()).build());
    }

    @Test
    void quoteIncludesLookBesideTheIncluderThenQuoteThenIncludeDirectories() throws IOException {
        write("main/a.h", "main_a\n#include \"b.h\"\n");
        write("main/b.h", "main_b\n");
        write("quote/b.h", "quote_b\n");
        write("quote/c.h", "quote_c\n");
        write("inc/c.h", "inc_c\n");
        write("inc/d.h", "inc_d\n");
        Preprocessor pp = with(PreprocessorConfig.builder().quoteDirectory(dir.resolve("quote"))
                .includeDirectory(dir.resolve("inc")));
        PreprocessedUnit u = pp.preprocessText("m.c",
                "#include \"a.h\"\n#include \"c.h\"\n#include <c.h>\n#include <d.h>\n", dir.resolve("main"));
        assertEquals("main_a main_b quote_c inc_c inc_d", Pp.print(u.tokens()));
        assertEquals(List.of("m.c", dir.resolve("main/a.h").toString(), dir.resolve("main/b.h").toString(),
                dir.resolve("quote/c.h").toString(), dir.resolve("inc/c.h").toString(),
                dir.resolve("inc/d.h").toString()), u.files());
        Token t = u.tokens().get(1);
        assertEquals(new SourcePosition(dir.resolve("main/b.h").toString(), 1, 1), t.position());
    }

    @Test
    void includeNextContinuesAfterTheDirectoryOfTheCurrentFile() throws IOException {
        write("one/x.h", "one\n#include_next <x.h>\n");
        write("two/x.h", "two\n#include_next <x.h>\n");
        write("three/x.h", "three\n");
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("one"))
                .includeDirectory(dir.resolve("two")).includeDirectory(dir.resolve("three")));
        assertEquals("one two three", Pp.print(pp.preprocessText("m.c", "#include <x.h>\n", null).tokens()));
        assertEquals("T", Pp.print(pp.preprocessText("m.c", "#if __has_include_next(<x.h>)\nT\n#endif\n", null)
                .tokens()));
    }

    @Test
    void computedIncludes() throws IOException {
        write("inc/sys/x.h", "sys_x\n");
        write("inc/q.h", "q\n");
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc")));
        assertEquals("sys_x q", Pp.print(pp.preprocessText("m.c",
                "#define H <sys/x.h>\n#define Q \"q.h\"\n#include H\n#include Q\n", null).tokens()));
        ParseError e = assertThrows(ParseError.class, () -> pp.preprocessText("m.c", "#define H 3\n#include H\n", null));
        assertTrue(e.getMessage().contains("#include expects \"FILENAME\" or <FILENAME>"), e.getMessage());
    }

    @Test
    void aMissingFileNamesItAndTheDirectoriesSearched() {
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc")));
        ParseError e = assertThrows(ParseError.class,
                () -> pp.preprocessText("m.c", "int a;\n  #include <nowhere.h>\n", null));
        assertTrue(e.getMessage().startsWith("m.c:2:4: <nowhere.h>: file not found; searched "), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("inc").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("<built-in>"), e.getMessage());
        ParseError empty = assertThrows(ParseError.class, () -> pp.preprocessText("m.c", "#include \"\"\n", null));
        assertTrue(empty.getMessage().contains("empty filename"), empty.getMessage());
    }

    @Test
    void onceImportAndIncludeGuards() throws IOException {
        write("inc/once.h", "#pragma once\nonce\n");
        write("inc/imp.h", "imp\n");
        write("inc/guarded.h", "/* c */\n#ifndef G_H\n#define G_H\nguarded\n#endif /* G_H */\n\n");
        write("inc/notguarded.h", "#ifndef N_H\n#define N_H\n#endif\nafter\n");
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc")));
        PreprocessedUnit u = pp.preprocessText("m.c", """
                #include <once.h>
                #include <once.h>
                #import <imp.h>
                #import <imp.h>
                #include <guarded.h>
                #include <guarded.h>
                #include <notguarded.h>
                #include <notguarded.h>
                """, null);
        assertEquals("once imp guarded after after", Pp.print(u.tokens()));
    }

    @Test
    void aGuardedFileIsNotReadAgain() throws IOException {
        write("inc/guarded.h", "#ifndef G_H\n#define G_H\nguarded\n#endif\n");
        write("inc/plain.h", "plain\n");
        // with a budget of 3 files read, ten includes of a guarded header fit, ten of a plain one do not
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc"))
                .limits(PreprocessorConfig.Limits.DEFAULTS.withMaxIncludes(3)));
        assertEquals("guarded", Pp.print(pp.preprocessText("m.c", "#include <guarded.h>\n".repeat(10), null)
                .tokens()));
        ParseError e = assertThrows(ParseError.class,
                () -> pp.preprocessText("m.c", "\n#include <plain.h>\n".repeat(10), null));
        assertEquals("m.c:6:2", e.source() + ":" + e.line() + ":" + e.column(), e.getMessage());
    }

    @Test
    void guardedFileIsReadAgainOnceItsMacroIsUndefined() throws IOException {
        write("inc/g.h", "#if !defined(G)\n#define G\ng\n#endif\n");
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc")));
        assertEquals("g g", Pp.print(pp.preprocessText("m.c", "#include <g.h>\n#include <g.h>\n#undef G\n"
                + "#include <g.h>\n", null).tokens()));
    }

    @Test
    void includeDepthIsBounded() throws IOException {
        Path self = write("inc/self.h", "x\n#include \"self.h\"\n");
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc")));
        ParseError e = assertThrows(ParseError.class, () -> pp.preprocessText("m.c", "#include <self.h>\n", null));
        assertTrue(e.getMessage().contains("#include nested depth 200 exceeds maximum of 200"), e.getMessage());
        assertTrue(e.getMessage().contains("maxIncludeDepth"), e.getMessage());
        assertEquals(self.toString(), e.source());
        // the total number of files read is bounded too (a file including itself twice is a tree of 2^200 reads)
        write("inc/leaf.h", "leaf\n");
        Preprocessor few = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc"))
                .limits(PreprocessorConfig.Limits.DEFAULTS.withMaxIncludes(50)));
        ParseError total = assertThrows(ParseError.class,
                () -> few.preprocessText("m.c", "#include <leaf.h>\n".repeat(60), null));
        assertTrue(total.getMessage().contains("more than 50 files read in one run (limit maxIncludes)"),
                total.getMessage());
    }

    @Test
    void conditionalsMayNotSpanFiles() throws IOException {
        write("inc/open.h", "#if 1\n");
        Preprocessor pp = with(PreprocessorConfig.builder().includeDirectory(dir.resolve("inc")));
        ParseError e = assertThrows(ParseError.class,
                () -> pp.preprocessText("m.c", "#include <open.h>\n#endif\n", null));
        assertTrue(e.getMessage().contains("unterminated #if"), e.getMessage());
        assertEquals(dir.resolve("inc/open.h").toString(), e.source());
    }

    @Test
    void builtInHeadersComeLastAndArePositionedAsBuiltIn() {
        PreprocessedUnit u = Pp.HOST.preprocessText("m.c", "#include <stdbool.h>\nbool b = true;\n", null);
        assertEquals("_Bool b = 1;", Pp.print(u.tokens()));
        assertTrue(u.files().contains("<built-in>/stdbool.h"), u.files()::toString);
        assertEquals(new SourcePosition("<built-in>/stdbool.h", 5, 9), u.macros().get("bool").position());
        Preprocessor bare = new Preprocessor(PreprocessorConfig.builder().systemDirectories(List.of()).build());
        PreprocessedUnit s = bare.preprocessText("m.c", "#include <stddef.h>\n#include <stdint.h>\n#include <limits.h>\n"
                + "#include <float.h>\n#include <stdarg.h>\n#include <iso646.h>\n#include <stdalign.h>\n"
                + "#include <stdnoreturn.h>\nsize_t int64_t INT_MAX CHAR_MIN FLT_MAX va_list and alignas noreturn\n",
                null);
        String out = Pp.print(s.tokens());
        assertTrue(out.endsWith("size_t int64_t 0x7fffffff (-0x7f - 1) " + hostFltMax()
                + " va_list && _Alignas _Noreturn"), out);
        PreprocessorConfig none = PreprocessorConfig.builder().systemDirectories(List.of()).builtInHeaders(false).build();
        assertThrows(ParseError.class, () -> new Preprocessor(none).preprocessText("m.c", "#include <stddef.h>\n", null));
    }

    private static String hostFltMax() {
        return PlatformMacros.host().stream().filter(d -> d.startsWith("__FLT_MAX__ ")).findFirst().orElseThrow()
                .substring("__FLT_MAX__ ".length());
    }

    @Test
    void preprocessFileNamesPositionsByThePathGiven() throws IOException {
        Path main = write("src/main.c", "#include \"local.h\"\nmain __FILE__\n");
        write("src/local.h", "local __FILE__ __INCLUDE_LEVEL__\n");
        PreprocessedUnit u = Pp.BARE.preprocessFile(main);
        assertEquals("local \"" + dir.resolve("src/local.h") + "\" 1 main \"" + main + "\"", Pp.print(u.tokens()));
        ParseError e = assertThrows(ParseError.class, () -> Pp.BARE.preprocessFile(dir.resolve("none.c")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void userMacrosApplyAfterThePredefinedOnes() {
        Preprocessor pp = new Preprocessor(PreprocessorConfig.builder().define("A").define("B", "2 + 3")
                .define("F(x)", "[x]").undefine("__STDC__").define("__STDC_VERSION__", "1").build());
        PreprocessedUnit u = pp.preprocessText("m.c", "A B F(1) __STDC__ __STDC_VERSION__\n", null);
        assertEquals("1 2 + 3 [1] __STDC__ 1", Pp.print(u.tokens()));
        assertEquals(new SourcePosition("<command-line>", 1, 1), u.macros().get("A").position());
        assertTrue(u.warnings().getFirst().contains("\"__STDC_VERSION__\" redefined"), u.warnings()::toString);
    }
}
