package epsilon.foreign.marshalling.internal;

import epsilon.foreign.marshalling.ParseError;
import java.util.ArrayList;
import java.util.List;

/** Splits C declaration text into tokens, skipping whitespace and comments, and formats positions for errors. */
final class CLexer {
    enum TokenKind { IDENTIFIER, NUMBER, PUNCTUATION, ELLIPSIS, END }

    /** One token and the offset of its first character in the text. */
    record Token(TokenKind kind, String text, int offset) {
        boolean is(String punctuationOrWord) {
            return kind != TokenKind.END && text.equals(punctuationOrWord);
        }

        /** How the token is shown in an error message: {@code 'x'} or {@code end of text}. */
        String shown() {
            return kind == TokenKind.END ? "end of text" : "'" + text + "'";
        }
    }

    private CLexer() {}

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw CLexer.parseError("unterminated comment starting at " + position(text, i) + in(text), text, i);
                }
                i = end + 2;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (Character.isJavaIdentifierStart(c) && c != '$') {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(text.charAt(i)) && text.charAt(i) != '$') {
                    i++;
                }
                tokens.add(new Token(TokenKind.IDENTIFIER, text.substring(start, i), start));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(TokenKind.NUMBER, text.substring(start, i), start));
            } else if (text.startsWith("...", i)) {
                tokens.add(new Token(TokenKind.ELLIPSIS, "...", i));
                i += 3;
            } else if ("*(),[];".indexOf(c) >= 0) {
                tokens.add(new Token(TokenKind.PUNCTUATION, String.valueOf(c), i));
                i++;
            } else {
                throw CLexer.parseError("unexpected character '" + c + "' at " + position(text, i) + in(text), text, i);
            }
        }
        tokens.add(new Token(TokenKind.END, "", n));
        return tokens;
    }

    /** A parse error at a character offset of a one-string text (a prototype or type name). */
    static ParseError parseError(String message, String text, int offset) {
        String[] place = position(text, offset).split(":");
        return new ParseError(message, "<text>", Integer.parseInt(place[0]), Integer.parseInt(place[1]));
    }

    /** The 1-based {@code line:column} of an offset. */
    static String position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (offset - lineStart + 1);
    }

    /** The text shown after a message, so a log line says what was being parsed. */
    static String in(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return " in \"" + shown + "\"";
    }
}
