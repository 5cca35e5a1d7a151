package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shortcuts the preprocessor tests share: run text, print tokens back, expect errors. */
final class Pp {
    private Pp() {}

    static final PreprocessorConfig CONFIG = PreprocessorConfig.host();
    static final Preprocessor HOST = new Preprocessor(CONFIG);
    /** No predefined macros and no system headers: the tests of the language itself. */
    static final Preprocessor BARE = new Preprocessor(CONFIG.toBuilder().predefinedMacros(List.of())
            .systemDirectories(List.of()).build());

    static PreprocessedUnit run(String text) {
        return BARE.preprocessText("t.c", text, null);
    }

    /** The output as text: one space where a token has space before it, a PRAGMA as {@code _Pragma(text)}. */
    static String out(String text) {
        return print(run(text).tokens());
    }

    static String print(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (t.kind() == TokenKind.END) {
                break;
            }
            if (!b.isEmpty() && t.spaceBefore()) {
                b.append(' ');
            }
            b.append(t.kind() == TokenKind.PRAGMA ? "#pragma(" + t.text() + ")" : t.text());
        }
        return b.toString();
    }

    /** The token texts of {@code text} as the lexer sees them. */
    static List<String> texts(String text) {
        return Lexer.tokenize("x", text).stream().filter(t -> t.kind() != TokenKind.END).map(Token::text).toList();
    }

    /** The output's token texts. */
    static List<String> outTexts(String text) {
        return run(text).tokens().stream().filter(t -> t.kind() != TokenKind.END).map(Token::text).toList();
    }

    /** Asserts that preprocessing {@code text} fails at {@code line}:{@code column} with a message containing all
     *  of {@code fragments}. */
    static ParseError fails(String text, int line, int column, String... fragments) {
        ParseError e = assertThrows(ParseError.class, () -> run(text));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e::getMessage);
        assertTrue(e.getMessage().startsWith(e.source() + ":" + e.line() + ":" + e.column() + ": "), e::getMessage);
        return e;
    }
}
