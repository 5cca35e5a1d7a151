package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;

/** Builds the {@link ParseError} every preprocessing failure becomes: the message starts with the position. */
final class Errors {
    private Errors() {}

    static ParseError at(SourcePosition where, String what) {
        return new ParseError(where + ": " + what, where.source(), where.line(), where.column());
    }

    static ParseError at(Token where, String what) {
        return at(where.position(), what);
    }

    /**
     * Rejects a character C does not allow ({@code @}, a backtick, a lone backslash) that reached the output: the
     * lexer lets such characters through as tokens, since stringizing may still make them part of a string.
     */
    static Token notStray(Token t) {
        if (Lexer.isStray(t)) {
            throw at(t, "stray " + Lexer.describe(t.text().codePointAt(0)) + " in program");
        }
        return t;
    }
}
