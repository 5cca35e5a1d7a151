package epsilon.foreign.marshalling.internal.pp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The macro examples of C17 6.10.3.4 and 6.10.3.5, each with the standard's stated result. */
class StandardExamplesTest {

    @Test
    void example3OfSection6_10_3_5() {
        String defs = """
                #define x 3
                #define f(a) f(x * (a))
                #undef x
                #define x 2
                #define g f
                #define z z[0]
                #define h g(~
                #define m(a) a(w)
                #define w 0,1
                #define t(a) a
                #define p() int
                #define q(x) x
                #define r(x,y) x ## y
                #define str(x) # x
                """;
        String use = """
                f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
                g(x+(3,4)-w) | h 5) & m
                (f)^m(m);
                p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
                char c[2][6] = { str(hello), str() };
                """;
        String expected = """
                f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
                f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
                int i[] = { 1, 23, 4, 5, };
                char c[2][6] = { "hello", "" };
                """;
        assertEquals(Pp.texts(expected), Pp.outTexts(defs + use));
        assertEquals(expected.replace("\n", " ").trim(), Pp.out(defs + use));
    }

    @Test
    void example4OfSection6_10_3_5() {
        String text = """
                #define str(s) # s
                #define xstr(s) str(s)
                #define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\
                 x ## s, x ## t)
                #define INCFILE(n) vers ## n
                #define glue(a, b) a ## b
                #define xglue(a, b) glue(a, b)
                #define HIGHLOW "hello"
                #define LOW LOW ", world"
                debug(1, 2);
                fputs(str(strncmp("abc\\0d", "abc", '\\4') // this goes away
                 == 0) str(: @\\n), s);
                xstr(INCFILE(2).h)
                glue(HIGH, LOW);
                xglue(HIGH, LOW)
                """;
        String expected = """
                printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
                fputs("strncmp(\\"abc\\\\0d\\", \\"abc\\", '\\\\4') == 0" ": @\\n", s);
                "vers2.h"
                "hello";
                "hello" ", world"
                """;
        assertEquals(Pp.texts(expected), Pp.outTexts(text));
    }

    @Test
    void example5OfSection6_10_3_5() {
        String text = """
                #define t(x,y,z) x ## y ## z
                int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(1,2,), t(,,8), t(9,,),
                 t(10,,), t(,11,), t(,,12), t(,,) };
                """;
        assertEquals("int j[] = { 123, 45, 67, 12, 8, 9, 10, 11, 12, };", Pp.out(text));
    }

    @Test
    void example7OfSection6_10_3_5() {
        String text = """
                #define debug(...) fprintf(stderr, __VA_ARGS__)
                #define showlist(...) puts(#__VA_ARGS__)
                #define report(test, ...) ((test)?puts(#test):\\
                 printf(__VA_ARGS__))
                debug("Flag");
                debug("X = %d\\n", x);
                showlist(The first, second, and third items.);
                report(x>y, "x is %d but y is %d", x, y);
                """;
        String expected = """
                fprintf(stderr, "Flag");
                fprintf(stderr, "X = %d\\n", x);
                puts("The first, second, and third items.");
                ((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));
                """;
        assertEquals(Pp.texts(expected), Pp.outTexts(text));
        assertEquals(expected.replace("\n", " ").trim(), Pp.out(text));
    }

    @Test
    void nestedReplacementOfSection6_10_3_4() {
        String text = """
                #define f(a) a*g
                #define g(a) f(a)
                f(2)(9)
                """;
        // The standard allows 2*f(9) or 2*9*g; gcc (and Prosser's algorithm) give 2*9*g.
        assertEquals("2*9*g", Pp.out(text));
    }

    @Test
    void example6RedefinitionsOfSection6_10_3_5() {
        String valid = """
                #define OBJ_LIKE (1-1)
                #define OBJ_LIKE /* white space */ (1-1) /* other */
                #define FUNC_LIKE(a) ( a )
                #define FUNC_LIKE( a )( /* note the white space */ \\
                 a /* other stuff on this line
                 */ )
                """;
        assertEquals(0, Pp.run(valid).warnings().size(), () -> Pp.run(valid).warnings().toString());
        String invalid = valid + """
                #define OBJ_LIKE (0)
                #define OBJ_LIKE (1 - 1)
                #define FUNC_LIKE(b) ( a )
                #define FUNC_LIKE(b) ( b )
                """;
        assertEquals(4, Pp.run(invalid).warnings().size(), () -> Pp.run(invalid).warnings().toString());
    }
}
