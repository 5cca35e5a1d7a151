package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.util.List;

/**
 * A position in a token list, with the error messages every part of the parser reports through. Text given as
 * one string (a prototype, a type name) is quoted in messages; text from files is named by file, line and column.
 */
final class TokenCursor {
    /** How deeply declarators, parameter lists, struct bodies and expressions may nest before it is an error. */
    static final int MAX_DEPTH = 256;

    private final List<Token> tokens;
    private final String quotedText;
    private int index;
    private int depth;

    /**
     * @param tokens     ending with an END token
     * @param quotedText the whole text when it was given as one string (shown in messages), else {@code null}
     */
    TokenCursor(List<Token> tokens, String quotedText) {
        if (tokens.isEmpty() || tokens.getLast().kind() != TokenKind.END) {
            throw new IllegalArgumentException("token list must end with END");
        }
        this.tokens = tokens;
        this.quotedText = quotedText;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.END) {
            index++;
        }
        return token;
    }

    boolean atEnd() {
        return peek().kind() == TokenKind.END;
    }

    /** Consumes the next token if it is the identifier or punctuator {@code spelling}. */
    boolean accept(String spelling) {
        if (peek().is(spelling)) {
            index++;
            return true;
        }
        return false;
    }

    Token expect(String spelling, String context) {
        Token token = peek();
        if (!token.is(spelling)) {
            throw expected("'" + spelling + "'" + (context == null ? "" : " " + context), token);
        }
        index++;
        return token;
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    /** Enters one level of nesting; {@link #leave()} leaves it. Refuses input nested past {@link #MAX_DEPTH}. */
    void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "declarations nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    void leave() {
        depth--;
    }

    /** Skips a balanced group starting at the current {@code (}, {@code [} or <code>{</code>. */
    void skipBalanced() {
        Token open = next();
        String close = switch (open.text()) {
            case "(" -> ")";
            case "[" -> "]";
            case "{" -> "}";
            default -> throw new IllegalStateException("not an opening bracket: " + open);
        };
        java.util.ArrayDeque<String> closers = new java.util.ArrayDeque<>();
        closers.push(close);
        while (!closers.isEmpty()) {
            Token token = next();
            if (token.kind() == TokenKind.END) {
                throw error(open, "'" + open.text() + "' is never closed");
            }
            if (token.kind() != TokenKind.PUNCTUATOR) {
                continue;
            }
            switch (token.text()) {
                case "(" -> closers.push(")");
                case "[" -> closers.push("]");
                case "{" -> closers.push("}");
                case ")", "]", "}" -> {
                    if (!token.text().equals(closers.pop())) {
                        throw error(token, "unbalanced '" + token.text() + "' (the group opened by '" + open.text()
                                + "' at " + describe(open.position()) + ")");
                    }
                }
                default -> { }
            }
        }
    }

    ParseError expected(String what, Token found) {
        return error(found, "expected " + what + " but found " + found.shown());
    }

    ParseError error(Token at, String message) {
        SourcePosition where = at.position();
        String text;
        if (quotedText != null) {
            String shown = quotedText.length() > 200 ? quotedText.substring(0, 200) + "..." : quotedText;
            text = message + " at " + where.line() + ":" + where.column() + " in \"" + shown + "\"";
        } else {
            text = where + ": " + message + (at.expandedFrom() != null ? " (in the expansion of macro "
                    + at.expandedFrom() + ")" : "");
        }
        return new ParseError(text, where.source(), where.line(), where.column());
    }

    String describe(SourcePosition position) {
        return quotedText != null ? position.line() + ":" + position.column() : position.toString();
    }
}
