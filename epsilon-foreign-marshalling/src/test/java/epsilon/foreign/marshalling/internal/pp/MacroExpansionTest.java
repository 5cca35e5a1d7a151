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

class MacroExpansionTest {

    @Test
    void objectAndFunctionLikeMacros() {
        assertEquals("int x = 42 ;", Pp.out("#define N 42\nint x = N ;"));
        assertEquals("(1 + 2)", Pp.out("#define add(a, b) (a + b)\nadd(1, 2)"));
        assertEquals("x", Pp.out("#define f() x\nf()"));
        assertEquals("(1)", Pp.out("#define f(a) (a)\nf( 1 )"));
    }

    @Test
    void aFunctionLikeNameWithoutParenthesisIsNotExpanded() {
        assertEquals("f + f ;", Pp.out("#define f(x) x\nf + f ;"));
        assertEquals("f", Pp.out("#define f(x) x\nf"));
        // the ( may come lines later
        assertEquals("1", Pp.out("#define f(x) x\nf\n\n(1)"));
    }

    @Test
    void argumentsSpanLinesAndMayBeEmpty() {
        assertEquals("[1 2]", Pp.out("#define f(x) [x]\nf(1\n2)"));
        // the space before the empty b passes on, as gcc prints it
        assertEquals("[] < >", Pp.out("#define f(x) [x]\n#define g(a, b) <a b>\nf() g(,)"));
        assertEquals("{(a, b)}", Pp.out("#define f(x) {x}\nf((a, b))"));
    }

    @Test
    void directivesInsideArgumentsRunAsGccRunsThem() {
        assertEquals("1 2", Pp.out("#define f(x) x\n#define X 2\nf(1\n#undef X\n#define X 2\nX)"));
        assertEquals("#pragma(foo) 1 2", Pp.out("#define f(x) x\nf(1\n#pragma foo\n2)"));
        assertEquals("1", Pp.out("#define f(x) x\nf(\n#if 0\n2\n#else\n1\n#endif\n)"));
        Pp.fails("#define f(x) x\nf(1\n#include \"x.h\"\n)", 3, 1, "#include inside the arguments of macro \"f\"");
    }

    @Test
    void argumentCountErrors() {
        Pp.fails("#define f(a, b) a\n  f(1)", 2, 3, "macro \"f\" requires 2 arguments, but only 1 given");
        Pp.fails("#define f(a) a\nf(1, 2)", 2, 1, "macro \"f\" passed 2 arguments, but takes just 1");
        Pp.fails("#define f() a\nf(1)", 2, 1, "macro \"f\" passed 1 arguments, but takes just 0");
        Pp.fails("#define f(a, b, ...) a\nf(1)", 2, 1, "macro \"f\" requires at least 2 arguments, but only 1");
        Pp.fails("#define f(a) a\nint x;\n f(1, (2)", 3, 2, "unterminated argument list invoking macro \"f\"");
    }

    @Test
    void variadicMacros() {
        assertEquals("p(1, 2, 3)", Pp.out("#define v(...) p(__VA_ARGS__)\nv(1, 2, 3)"));
        assertEquals("p()", Pp.out("#define v(...) p(__VA_ARGS__)\nv()"));
        assertEquals("p(a: 1, 2)", Pp.out("#define v(x, args...) p(x: args)\nv(a, 1, 2)"));
        // GNU comma elision: the comma goes when the variable argument is left out, as gcc does it (gcc keeps it
        // when the argument is there but empty)
        assertEquals("f(\"x\") f(\"x\",) f(\"x\", 1, 2)", Pp.out(
                "#define e(fmt, ...) f(fmt, ## __VA_ARGS__)\ne(\"x\") e(\"x\",) e(\"x\", 1, 2)"));
        assertEquals("p(a) p(a,b) p(a,,)", Pp.out("#define e(...) p(a, ##__VA_ARGS__)\ne() e(b) e(,)"));
        assertEquals("f(a) f(a , b)", Pp.out("#define e(fmt, args...) f(fmt , ##args)\ne(a) e(a, b)"));
    }

    @Test
    void vaOptOfC23() {
        String defs = "#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\n#define E\n";
        assertEquals("f(1 ) f(1 , 2) f(1 )", Pp.out(defs + "F(1) F(1, 2) F(1, E)"));
        assertEquals("\"\" \"x y\"", Pp.out("#define S(...) #__VA_OPT__(x y)\nS() S(1)"));
        assertEquals("ab a", Pp.out("#define P(x, ...) x ## __VA_OPT__(b)\nP(a, 1) P(a)"));
        Pp.fails("#define F(...) __VA_OPT__(a\n", 1, 16, "unterminated __VA_OPT__");
    }

    @Test
    void stringizingFollowsSection6_10_3_2() {
        String s = "#define s(x) #x\n";
        assertEquals("\"a + b\"", Pp.out(s + "s(  a   +\n  b  )"));
        assertEquals("\"\\\"a\\\\n\\\" '\\\\'' 'x'\"", Pp.out(s + "s(\"a\\n\" '\\'' 'x')"));
        assertEquals("\"\"", Pp.out(s + "s()"));
        assertEquals("\"L\\\"x\\\"\"", Pp.out(s + "s(L\"x\")"));
        // spacing produced by expansion, as gcc stringizes it
        String x = "#define str(x) #x\n#define xs(x) str(x)\n#define E\n#define F(x) [x]\n";
        assertEquals("\"a b\" \"a()b\" \"a\" \"x [y] z\" \"-[]-\"",
                Pp.out(x + "xs(a E b) xs(a(E)b) xs(E a) xs(x F(y) z) xs(-F(E)-)"));
        Pp.fails("#define s(x) # y\n", 1, 14, "'#' is not followed by a macro parameter");
    }

    @Test
    void pasting() {
        assertEquals("ab 12 -> L'a' .5 x", Pp.out("#define c(a, b) a ## b\nc(a, b) c(1, 2) c(-, >) c(L, 'a') c(., 5) c(, x)"));
        assertEquals("xy", Pp.out("#define c(a) a ## y\nc(x)"));
        // only the last token of the left argument and the first of the right one are pasted
        assertEquals("1 23 4", Pp.out("#define c(a, b) a ## b\nc(1 2, 3 4)"));
        Pp.fails("#define c(a, b) a ## b\nint x;\n  c(/, /)", 3, 3, "pasting \"/\" and \"/\" does not give a valid");
        Pp.fails("#define c(a, b) a ## b\nc(+, -)", 2, 1, "\"+\" and \"-\"");
        Pp.fails("#define c(a) ## a\n", 1, 14, "'##' cannot appear at either end");
        Pp.fails("#define c(a) a ##\n", 1, 16, "'##' cannot appear at either end");
    }

    @Test
    void pastedTokensAreRescanned() {
        assertEquals("42", Pp.out("#define AB 42\n#define c(a, b) a ## b\nc(A, B)"));
    }

    @Test
    void recursionStopsAtTheHideSet() {
        assertEquals("foo", Pp.out("#define foo foo\nfoo"));
        assertEquals("a", Pp.out("#define a b\n#define b a\na"));
        assertEquals("1 f(2)", Pp.out("#define f(x) x f\nf(1)(2)"));
        assertEquals("x ( x )", Pp.out("#define x x ( x )\nx"));
    }

    @Test
    void positionsOfExpandedTokensAreTheOutermostUse() {
        PreprocessedUnit u = Pp.run("#define ONE 1\n#define TWO ONE + ONE\nint a =\n   TWO;");
        List<Token> t = u.tokens();
        assertEquals("1", t.get(3).text());
        assertEquals(new SourcePosition("t.c", 4, 4), t.get(3).position());
        assertEquals("TWO", t.get(3).expandedFrom());
        assertEquals("TWO", t.get(4).expandedFrom());
        assertEquals(new SourcePosition("t.c", 4, 7), t.get(6).position());
        assertNull(t.get(6).expandedFrom());
        assertNull(t.get(0).expandedFrom());
        assertEquals(TokenKind.END, t.getLast().kind());
    }

    @Test
    void spaceBeforeOfExpansions() {
        PreprocessedUnit u = Pp.run("#define P (x)\n#define E\na P b E c E(d)");
        List<Token> t = u.tokens();
        assertEquals("a (x) b c (d)", Pp.print(t));
        assertTrue(t.get(1).spaceBefore());
        assertFalse(t.get(2).spaceBefore());
    }

    @Test
    void emptyExpansionPassesItsSpaceOn() {
        assertEquals("a (b)", Pp.out("#define E\na E(b)"));
        assertEquals("\"x= 1\" \"x=+1\"", Pp.out("#define E\n#define s(x) #x\n#define xs(x) s(x)\n"
                + "xs(x= E 1) xs(x=E+1)"));
    }

    @Test
    void dynamicMacros() {
        String out = Pp.out("__LINE__ __FILE__ __BASE_FILE__ __INCLUDE_LEVEL__ __COUNTER__ __COUNTER__\n"
                + "__DATE__ __TIME__\n#line 50 \"z.c\"\n__LINE__ __FILE__");
        assertEquals("1 \"t.c\" \"t.c\" 0 0 1 \"Jan  1 1970\" \"00:00:00\" 50 \"z.c\"", out);
        assertEquals("3", Pp.out("#define L __LINE__\n\nL"));
        assertTrue(Pp.run("#ifdef __LINE__\n#else\n#error no\n#endif\n").tokens().size() == 1);
        assertEquals("__LINE__", Pp.out("#undef __LINE__\n__LINE__"));
    }

    @Test
    void pragmaOperator() {
        List<Token> t = Pp.run("_Pragma(\"pack(push, 1)\") int x;\n#define P(n) _Pragma(#n) y\nP(weak w)").tokens();
        assertEquals(TokenKind.PRAGMA, t.get(0).kind());
        assertEquals("pack(push, 1)", t.get(0).text());
        assertEquals("weak w", t.get(4).text());
        assertEquals("P", t.get(4).expandedFrom());
        assertEquals("y", t.get(5).text());
        assertEquals("pack(4)", Pp.run("_Pragma(L\"pack(4)\")").tokens().getFirst().text());
        assertEquals("message(\"a\\b\")", Pp.run("_Pragma(\"message(\\\"a\\\\b\\\")\")").tokens().getFirst().text());
        Pp.fails("_Pragma(1)", 1, 1, "_Pragma takes a parenthesized string literal");
    }

    @Test
    void strayCharactersAreErrorsOnlyWhenTheyReachTheOutput() {
        Pp.fails("int a;\n  x @ y", 2, 5, "stray '@' in program");
        Pp.fails("#define AT @\nint a;\n  AT", 3, 3, "stray '@'");
        assertEquals("\"@\"", Pp.out("#define s(x) #x\ns(@)"));
        assertEquals("", Pp.out("#if 0\n@ ` \\ don't\n#endif"));
    }

    @Test
    void expandUnderTheFinalTable() {
        PreprocessedUnit u = Pp.run("#define SQLITE_IOERR 10\n#define SQLITE_IOERR_READ (SQLITE_IOERR | (1<<8))\n"
                + "#define Z_OK 0\n#define f(x) x\n");
        assertEquals("(10 | (1<<8))", Pp.print(u.expand(u.macros().get("SQLITE_IOERR_READ").replacement())));
        assertEquals("0", Pp.print(u.expand(u.macros().get("Z_OK").replacement())));
        assertEquals("f", Pp.print(u.expand(Pp.run("f").tokens())));
        assertEquals("3", Pp.print(u.expand(Pp.run("f(3)").tokens())));
    }
}
