package epsilon.foreign.marshalling.internal.source;

import epsilon.foreign.marshalling.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexerTest {
    private static List<Token> lex(String text) {
        List<Token> all = Lexer.tokenize("f.h", text);
        assertEquals(TokenKind.END, all.getLast().kind());
        return all.subList(0, all.size() - 1);
    }

    private static List<String> texts(String text) {
        return lex(text).stream().map(Token::text).toList();
    }

    private static String at(Token t) {
        return t.position().line() + ":" + t.position().column();
    }

    private static ParseError fails(String text, int line, int column, String fragment) {
        ParseError e = assertThrows(ParseError.class, () -> Lexer.tokenize("f.h", text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("f.h:" + line + ":" + column + ": "), e.getMessage());
        return e;
    }

    @Test
    void identifiersIncludingDollarAndUnicodeLettersAndUniversalNames() {
        assertEquals(List.of("size_t", "$x", "_a1", "café", "caf\\u00e9"), texts("size_t $x _a1 café caf\\u00e9"));
        assertTrue(lex("abc").getFirst().isIdentifier());
    }

    @Test
    void invisibleCharactersInsideANameAreErrorsNotSplits() {
        fails("int ab\u200Bcd;", 1, 7, "U+200B");
        fails("int ab\u202Ecd;", 1, 7, "U+202E");
        ParseError e = fails("x\n  ab\u0000cd", 2, 5, "U+0000");
        assertTrue(e.getMessage().contains("'ab'"), e.getMessage());
    }

    @Test
    void ppNumbers() {
        assertEquals(List.of("1.5e+3f", "0x1p-3", "0x1FUL", ".5", "1.2.3", "0x1e+1", "1e"),
                texts("1.5e+3f 0x1p-3 0x1FUL .5 1.2.3 0x1e+1 1e"));
        assertTrue(lex("1.5e+3f").stream().allMatch(t -> t.kind() == TokenKind.NUMBER));
        // C17 has no digit separators: 1'000 is 1 followed by an unterminated character constant.
        fails("x = 1'000;", 1, 6, "missing terminating ' character");
        assertEquals(List.of("1", "+", "2"), texts("1+2"));
        assertEquals(List.of("1e+2", "+", "3"), texts("1e+2+3"));
    }

    @Test
    void characterAndStringLiteralsWithPrefixes() {
        List<Token> t = lex("'a' L'b' u'c' U'd' u8'e' \"s\" L\"w\" u\"x\" U\"y\" u8\"z\" '\\'' \"a\\\"b\"");
        assertEquals(List.of("'a'", "L'b'", "u'c'", "U'd'", "u8'e'", "\"s\"", "L\"w\"", "u\"x\"", "U\"y\"", "u8\"z\"",
                "'\\''", "\"a\\\"b\""), t.stream().map(Token::text).toList());
        assertEquals(TokenKind.CHARACTER, t.get(1).kind());
        assertEquals(TokenKind.STRING, t.get(9).kind());
        assertEquals(List.of("L", "+", "'a'"), texts("L+'a'"));
        fails("  \"abc\n\"", 1, 3, "missing terminating \" character");
    }

    @Test
    void everyPunctuatorAndTheDigraphs() {
        String all = "[ ] ( ) { } . -> ++ -- & * + - ~ ! / % << >> < > <= >= == != ^ | && || ? : ; ... = *= /= %= += "
                + "-= <<= >>= &= ^= |= , # ##";
        assertEquals(List.of(all.split(" ")), texts(all));
        assertEquals(List.of("[", "]", "{", "}", "#", "##"), texts("<: :> <% %> %: %:%:"));
        // longest match (C17 6.4p4): x+++++y is x ++ ++ + y, not a valid expression but those tokens
        assertEquals(List.of("x", "++", "++", "+", "y"), texts("x+++++y"));
        assertEquals(List.of(".", ".", "..."), texts(".. ..."));
        assertEquals(List.of("[", ":"), texts("<::"));
        assertEquals(List.of("%", "#"), texts("%%:"));
    }

    @Test
    void commentsAreWhiteSpace() {
        List<Token> t = lex("a/* c */b // rest\nc/**/d");
        assertEquals(List.of("a", "b", "c", "d"), t.stream().map(Token::text).toList());
        assertTrue(t.get(1).spaceBefore());
        assertFalse(t.get(0).spaceBefore());
        assertTrue(t.get(3).spaceBefore());
        fails("x\n  y /* never closed\n", 2, 5, "unterminated comment");
    }

    @Test
    void splicesAreRemovedEvenInsideTokensAndPositionsStayPhysical() {
        List<Token> t = lex("ab\\\ncd 12\\\n34 \"x\\\ny\" +\\\n=");
        assertEquals(List.of("abcd", "1234", "\"xy\"", "+="), t.stream().map(Token::text).toList());
        assertEquals("1:1", at(t.get(0)));
        assertEquals("2:4", at(t.get(1)));
        assertEquals("3:4", at(t.get(2)));
        assertEquals("4:4", at(t.get(3)));
        // gcc also splices a backslash followed by spaces before the newline
        assertEquals(List.of("ab"), texts("a\\  \nb"));
        // a comment continued by a splice
        assertEquals(List.of("x"), texts("// one \\\n two\nx"));
    }

    @Test
    void crlfAndLoneCrAreNewlinesFormFeedAndVerticalTabAreSpace() {
        List<Token> t = lex("a\r\nb\rc\u000Cd\u000Be");
        assertEquals(List.of("a", "b", "c", "d", "e"), t.stream().map(Token::text).toList());
        assertEquals("2:1", at(t.get(1)));
        assertEquals("3:1", at(t.get(2)));
        assertEquals("3:3", at(t.get(3)));
        assertEquals("3:5", at(t.get(4)));
        assertEquals(List.of("xab"), texts("x\\\r\nab"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@", "`", "\\"})
    void strayCharactersAreErrorsWithTheirPosition(String stray) {
        fails("int x;\n  a " + stray + " b", 2, 5, "stray");
    }

    @Test
    void skippingModeAcceptsAnything() {
        Lexer lexer = new Lexer("f.h", "don't @ ` \\ \"open");
        lexer.setSkipping(true);
        int n = 0;
        while (lexer.next().kind() != TokenKind.END) {
            n++;
        }
        assertTrue(n >= 6);
    }

    @Test
    void otherCharactersModeMakesStrayCharactersTokens() {
        Lexer lexer = new Lexer("f.h", "a @ b");
        lexer.setOtherCharacters(true);
        lexer.next();
        Token at = lexer.next();
        assertEquals("@", at.text());
        assertTrue(Lexer.isStray(at));
        assertFalse(Lexer.isStray(lex("+").getFirst()));
    }

    @Test
    void lineStartsAndDirectiveLines() {
        Lexer lexer = new Lexer("f.h", "  # define X 1\nY");
        Token hash = lexer.next();
        assertTrue(lexer.atLineStart());
        assertEquals("#", hash.text());
        assertEquals("define", lexer.nextInLine().text());
        assertFalse(lexer.atLineStart());
        assertEquals("X", lexer.nextInLine().text());
        assertEquals("1", lexer.nextInLine().text());
        assertNull(lexer.nextInLine());
        Token y = lexer.next();
        assertEquals("Y", y.text());
        assertTrue(lexer.atLineStart());
        assertTrue(y.spaceBefore());
    }

    @Test
    void headerNames() {
        Lexer lexer = new Lexer("f.h", "#include <sys/a//b.h> x\n#include \"c\\d.h\"\n#include X\n");
        lexer.next();
        lexer.nextInLine();
        assertEquals("<sys/a//b.h>", lexer.headerName().text());
        lexer.skipRestOfLine();
        lexer.next();
        lexer.nextInLine();
        assertEquals("\"c\\d.h\"", lexer.headerName().text());
        lexer.next();
        lexer.nextInLine();
        assertNull(lexer.headerName());
        assertEquals("X", lexer.nextInLine().text());
    }

    @Test
    void presumedLinesAndNames() {
        Lexer lexer = new Lexer("f.h", "#line 100 \"g.c\"\nx\ny");
        lexer.next();
        lexer.skipRestOfLine();
        lexer.presume("g.c", 100);
        Token x = lexer.next();
        assertEquals(new SourcePosition("g.c", 100, 1), x.position());
        assertEquals(new SourcePosition("g.c", 101, 1), lexer.next().position());
        assertEquals("g.c", lexer.presumedSource());
    }

    @Test
    void singleTokenCheckForPasting() {
        SourcePosition p = new SourcePosition("f.h", 1, 1);
        assertEquals("->", Lexer.single("->", p).text());
        assertEquals(TokenKind.CHARACTER, Lexer.single("L'a'", p).kind());
        assertNull(Lexer.single("//", p));
        assertNull(Lexer.single("..", p));
        assertNull(Lexer.single("a b", p));
        assertNull(Lexer.single("@", p));
    }

    @Test
    void firstTokenHasNoSpaceBeforeEvenAfterBlankLines() {
        assertFalse(lex("\n\nx").getFirst().spaceBefore());
        assertTrue(lex(" x").getFirst().spaceBefore());
    }
}
