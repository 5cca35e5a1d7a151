package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectivesTest {

    @Test
    void redefinitionIdenticalIsSilentDifferentWarnsAndWins() {
        PreprocessedUnit same = Pp.run("#define A  1 +  2\n#define A 1 + 2 /* c */\nA");
        assertEquals(List.of(), same.warnings());
        PreprocessedUnit other = Pp.run("#define A 1\n#define B 0\n#define A 2\nA");
        assertEquals("2", Pp.print(other.tokens()));
        assertEquals(1, other.warnings().size());
        assertTrue(other.warnings().getFirst().startsWith("t.c:3:9: warning: \"A\" redefined"),
                other.warnings().getFirst());
        assertTrue(other.warnings().getFirst().contains("t.c:1:9"), other.warnings().getFirst());
        assertEquals(List.of("B", "A"), List.copyOf(other.macros().keySet()));
        // white space between tokens must be where it was (6.10.3p2)
        assertEquals(1, Pp.run("#define A 1+2\n#define A 1 + 2\n").warnings().size());
        assertEquals(1, Pp.run("#define f(a) a\n#define f(b) b\n").warnings().size());
    }

    @Test
    void macrosRecordTheirShape() {
        PreprocessedUnit u = Pp.run("#define OBJ (1)\n#define F(a, b) a b\n#define V(x, ...) x\n#define N(rest...) rest\n"
                + "#define E() e\n");
        Macro obj = u.macros().get("OBJ");
        assertNull(obj.parameters());
        assertFalse(obj.functionLike());
        assertEquals("(1)", obj.replacementText());
        assertEquals(new SourcePosition("t.c", 1, 9), obj.position());
        assertFalse(obj.builtIn());
        assertEquals(List.of("a", "b"), u.macros().get("F").parameters());
        assertEquals(List.of("x", "__VA_ARGS__"), u.macros().get("V").parameters());
        assertTrue(u.macros().get("V").variadic());
        assertEquals("N(rest...) rest", u.macros().get("N").definition());
        assertEquals("V(x, ...) x", u.macros().get("V").definition());
        assertEquals(List.of(), u.macros().get("E").parameters());
        assertTrue(Pp.HOST.preprocessText("t.c", "", null).macros().get("__STDC__").builtIn());
    }

    @Test
    void defineErrors() {
        Pp.fails("#define\n", 1, 2, "no macro name given in #define");
        Pp.fails("#define 3 x\n", 1, 9, "macro names must be identifiers");
        Pp.fails("#define defined 1\n", 1, 9, "\"defined\" cannot be used as a macro name");
        Pp.fails("#define f(a, a) a\n", 1, 14, "duplicate macro parameter \"a\"");
        Pp.fails("#define f(a b) a\n", 1, 13, "expected ',' or ')'");
        Pp.fails("#define f(a\n", 1, 9, "missing ')' in the parameter list of macro \"f\"");
        Pp.fails("#define f(1) a\n", 1, 11, "expected parameter name, found '1'");
        Pp.fails("#define f(__VA_ARGS__) a\n", 1, 11, "__VA_ARGS__ can not be used as a parameter name");
        Pp.fails("#define f(..., a) a\n", 1, 14, "expected ')'");
    }

    @Test
    void undef() {
        assertEquals("A", Pp.out("#define A 1\n#undef A\nA"));
        assertEquals("", Pp.out("#undef NEVER_DEFINED\n"));
        Pp.fails("#undef\n", 1, 2, "no macro name given in #undef");
    }

    @Test
    void conditionals() {
        assertEquals("a c e g i", Pp.out("""
                #define X 1
                #if X
                a
                #else
                b
                #endif
                #ifdef Y
                b
                #elif defined X && defined(X)
                c
                #endif
                #ifndef X
                d
                #elifndef Y
                e
                #endif
                #if 0
                f
                #elifdef X
                g
                #elif 1
                h
                #endif
                #if 0
                #if 1
                x
                #else
                y
                #endif
                #elif 2
                i
                #endif
                """));
    }

    @Test
    void definedProducedByExpansionWorksAsInGcc() {
        assertEquals("yes", Pp.out("#define D defined(X)\n#define X\n#if D\nyes\n#endif"));
    }

    @Test
    void elifAfterATakenBranchIsNotEvaluated() {
        assertEquals("a", Pp.out("#if 1\na\n#elif 1/0\nb\n#endif"));
        Pp.fails("#if 0\n#elif 1/0\n#endif", 2, 8, "division by zero in #if");
    }

    @Test
    void unbalancedConditionals() {
        Pp.fails("int a;\n#if 1\n#if 0\n#endif\n", 2, 2, "unterminated #if");
        Pp.fails("#ifdef X\n", 1, 2, "unterminated #ifdef");
        Pp.fails("#endif\n", 1, 2, "#endif without #if");
        Pp.fails("#else\n", 1, 2, "#else without #if");
        Pp.fails("#elif 1\n", 1, 2, "#elif without #if");
        Pp.fails("#if 1\n#else\n#else\n#endif\n", 3, 2, "#else after #else");
        Pp.fails("#if 1\n#else\n#elif 1\n#endif\n", 3, 2, "#elif after #else");
        Pp.fails("#if\n#endif\n", 1, 2, "#if with no expression");
        Pp.fails("#ifdef\n#endif\n", 1, 2, "no macro name given in #ifdef");
        Pp.fails("#ifdef 3\n#endif\n", 1, 8, "macro names must be identifiers");
    }

    @Test
    void errorAndWarning() {
        Pp.fails("int a;\n  #error don't \"do\" this\n", 2, 3, "#error don't \"do\" this");
        PreprocessedUnit u = Pp.run("#warning careful now\nx");
        assertEquals(List.of("t.c:1:1: warning: #warning careful now"), u.warnings());
        assertEquals("", Pp.out("#if 0\n#error not reached\n#endif"));
    }

    @Test
    void lineAndLinemarkers() {
        List<Token> t = Pp.run("#line 10\na\n#line 20 \"b.c\"\nb\n# 33 \"c.h\" 1 3\nc\n#define L 40\n#line L\nd").tokens();
        assertEquals(new SourcePosition("t.c", 10, 1), t.get(0).position());
        assertEquals(new SourcePosition("b.c", 20, 1), t.get(1).position());
        assertEquals(new SourcePosition("c.h", 33, 1), t.get(2).position());
        assertEquals(new SourcePosition("c.h", 40, 1), t.get(3).position());
        Pp.fails("#line x\n", 1, 2, "'x' after #line is not a positive integer");
        Pp.fails("#line 1 x\n", 1, 9, "invalid filename");
    }

    @Test
    void ignoredAndUnknownDirectives() {
        assertEquals("a", Pp.out("#ident \"v1\"\n#sccs \"v2\"\n#\n# /* null */\na"));
        Pp.fails("int a;\n#frobnicate now\n", 2, 2, "invalid preprocessing directive #frobnicate");
        assertEquals("", Pp.out("#if 0\n#frobnicate now\n#endif"));
        Pp.fails("# \"x\"\n", 1, 3, "invalid preprocessing directive");
    }

    @Test
    void pragmasPassOnAsTokens() {
        List<Token> t = Pp.run("#pragma pack(push, 1)\nint x;\n  #  pragma pack(pop)\n#pragma pack()\n"
                + "#pragma GCC visibility push(default)\n#pragma pack(4)").tokens();
        assertEquals(TokenKind.PRAGMA, t.get(0).kind());
        assertEquals("pack(push, 1)", t.get(0).text());
        assertEquals(new SourcePosition("t.c", 1, 1), t.get(0).position());
        assertEquals("pack(pop)", t.get(4).text());
        assertEquals(new SourcePosition("t.c", 3, 3), t.get(4).position());
        assertEquals("pack()", t.get(5).text());
        assertEquals("GCC visibility push(default)", t.get(6).text());
        assertEquals("pack(4)", t.get(7).text());
    }

    @Test
    void pragmasThePreprocessorHandles() {
        assertEquals("", Pp.out("#pragma GCC system_header\n#pragma once\n"));
        assertEquals("1 2 1 X", Pp.out("""
                #define X 1
                X
                #pragma push_macro("X")
                #undef X
                #define X 2
                X
                #pragma pop_macro("X")
                X
                #pragma push_macro("X")
                #undef X
                #pragma pop_macro("X")
                #undef X
                #pragma pop_macro("X")
                X
                """));
        Pp.fails("#pragma GCC poison bad\nint a;\n int bad;", 3, 6, "attempt to use poisoned \"bad\"");
        Pp.fails("#pragma GCC poison bad\n#ifdef bad\n#endif", 2, 8, "poisoned");
        assertTrue(Pp.run("#define bad 1\n#pragma GCC poison bad\n").warnings().getFirst().contains("poisoning existing"));
        Pp.fails("#pragma GCC error \"stop here\"\n", 1, 1, "stop here");
        assertEquals(List.of("t.c:1:1: warning: careful"), Pp.run("#pragma GCC warning \"careful\"\n").warnings());
    }
}
