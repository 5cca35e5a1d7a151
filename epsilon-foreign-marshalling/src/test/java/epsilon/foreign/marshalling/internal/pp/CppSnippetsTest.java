package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tricky macro cases (rescanning, hide sets, pasting, GNU comma elision, __VA_OPT__, _Pragma, #if arithmetic), each
 * run through gcc's cpp (no predefined macros, no headers) and through ours: the token sequences must be equal.
 */
class CppSnippetsTest {
    @TempDir
    Path dir;

    static List<String> snippets() {
        return List.of(
                """
                #define f(a) a*g
                #define g(a) f(a)
                f(2)(9)
                """,
                """
                #define EMPTY
                #define g(x) [x]
                g EMPTY (1)
                """,
                """
                #define f(x) x
                #define g f(
                g 1)
                """,
                """
                #define cat(a,b) a##b
                cat(1,e)+3 cat(.,.) 
                """,
                """
                #define f(a) a
                f(f)(1)
                """,
                """
                #define AA BB
                #define BB AA
                AA BB
                """,
                """
                #define f(x) g(x
                #define g(x) x)
                f(1))
                """,
                """
                #define NIL(x) x
                #define G_0(arg) NIL(G_1)(arg)
                #define G_1(arg) NIL(arg)
                G_0(42)
                """,
                """
                #define obj(x) x
                #define fn() obj
                fn()(5) fn() (6)
                """,
                """
                #define q(x) x
                #define r(x, y) x ## y
                q(r(a, b)) r(q, (1)) r(,) r(a,)
                """,
                """
                #define LPAREN (
                #define f(x) [x]
                #define app(m, args) m args
                app(f, (1)) f LPAREN 2)
                """,
                """
                #define str(x) #x
                #define xstr(x) str(x)
                xstr(__LINE__) str(__LINE__) xstr("a\\n" 'b' L"c")
                """,
                """
                #define hash_hash # ## #
                #define mkstr(a) # a
                #define in_between(a) mkstr(a)
                #define join(c, d) in_between(c hash_hash d)
                char p[] = join(x, y);
                """,
                """
                #define t(x,y,z) x ## y ## z
                t(+,+,) t(<,<,=) t(%:,%:,) t(-,>,)
                """,
                """
                #if 1 ? 2 : (1/0)
                a
                #endif
                #if -1 > 0u
                b
                #endif
                #if 0x7fffffffffffffff + 1 < 0
                c
                #endif
                #if (2 || 1/0) && !(0 && 1/0)
                d
                #endif
                """,
                """
                #define f(...) [__VA_ARGS__]
                #define g(a, ...) <a|__VA_ARGS__>
                f() f(,) f(a,b) g(1) g(1,) g(1,2,3)
                """,
                """
                #define e(fmt, ...) p(fmt, ##__VA_ARGS__)
                e(x) e(x,) e(x, y) e(x,y,z)
                """,
                """
                #define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)
                #define G(X, ...) X __VA_OPT__(- X ## __VA_ARGS__ -) end
                F(1) F(1,2) G(a) G(a,b) G(a,)
                """,
                """
                #define x(a) a
                x(x)(x)(1)
                """,
                """
                #define m1() m2
                #define m2() m1
                m1()()()()
                """,
                """
                _Pragma("once") _Pragma("weak foo") x
                #define P _Pragma("weak bar") y
                P z
                """,
                """
                #define f(x) x
                f(_Pragma("weak a") 1)
                """,
                """
                #define EMPTY
                #define f(x) (x)
                f(EMPTY) f( EMPTY ) f(EMPTY EMPTY)
                """,
                """
                #define z z[0]
                #define f(a) a + f(a)
                f(z)
                """,
                """
                #if defined(X) || !defined Y
                ok
                #endif
                #define D defined
                #if D X
                no
                #else
                yes
                #endif
                """,
                """
                #define f(x, y) x + y
                #define ELLIP_FUNC(...) __VA_ARGS__
                ELLIP_FUNC(f, 1, 2) ELLIP_FUNC(f)(1, 2)
                """,
                """
                #define a a b
                #define b a
                a b
                """,
                """
                #define foo() bar
                foo
                () foo
                #define X
                (1)
                """,
                """
                #define e(fmt, ...) p(fmt, ##__VA_ARGS__)
                e(x) e(x,) e(x, y)
                #define E
                e(x,E)
                #define n(fmt, args...) p(fmt, ##args)
                n(x) n(x,)
                #define e2(...) p(a, ##__VA_ARGS__)
                e2() e2(b) e2(,)
                """,
                """
                #define str(s) # s
                str( a "\\\\" '\\'' \\n )
                """,
                """
                #define f(x) #x
                f(a
                #define Z 1
                Z)
                Z
                """,
                """
                #define f(x, y) x y
                #define g(x) f(x)
                g((a, b))
                """,
                """
                #define R(x) x x
                #define S(x) R(x)
                #define T R(1)
                S(T)
                """,
                """
                #if 'a' == 97 && '\\0' == 0 && 'ab' > 0 && L'x' == 120
                yes
                #endif
                #if (-1)/2 == 0 && (-1)%2 == -1 && 1 << 63 < 0 && (1u << 63) > 0
                yes2
                #endif
                """);
    }

    private static String ours(String text) {
        try {
            return texts(Pp.run(text).tokens());
        } catch (ParseError e) {
            return "error";
        }
    }

    private static String texts(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (t.kind() != TokenKind.END) {
                b.append(t.kind() == TokenKind.PRAGMA ? "#pragma(" + t.text() + ")" : t.text()).append(' ');
            }
        }
        return b.toString().trim();
    }

    private String cpp(String text) throws Exception {
        Path file = dir.resolve("s.c");
        Files.writeString(file, text);
        Process p = new ProcessBuilder("cpp", "-undef", "-nostdinc", "-P", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        if (p.exitValue() != 0) {
            return "error";
        }
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("#pragma")) {
                b.append("#pragma(").append(line.substring(8).trim()).append(") ");
                continue;
            }
            for (Token t : Lexer.tokenize("cpp", line)) {
                if (t.kind() != TokenKind.END) {
                    b.append(t.text()).append(' ');
                }
            }
        }
        return b.toString().trim();
    }

    @ParameterizedTest
    @MethodSource("snippets")
    void sameAsCpp(String snippet) throws Exception {
        assumeTrue(ExternalPreprocessor.isAvailable("cpp"), "cpp is not installed");
        assertEquals(cpp(snippet), ours(snippet), snippet);
    }
}
