package epsilon.foreign.marshalling.internal.source;

import java.util.Objects;

/**
 * One C token and where it was written. Immutable. For a token produced by macro expansion, {@link #position()} is
 * where the macro was used (what a user reading an error about the expansion needs to find), and
 * {@link #expandedFrom()} names the outermost macro, or is {@code null} for a token written in the source.
 *
 * @param kind         the token's kind
 * @param text         the token's spelling as written ({@code 0x10}, {@code "a\n"} with its quotes and escapes)
 * @param position     where it starts
 * @param spaceBefore  whether white space (or a comment) came before it on its line; the preprocessor needs it
 *                     for {@code #} (stringizing) and to tell {@code #define f(x)} from {@code #define f (x)}
 * @param expandedFrom the macro whose expansion produced this token, or {@code null}
 */
public record Token(TokenKind kind, String text, SourcePosition position, boolean spaceBefore, String expandedFrom) {
    public Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    /** A token written in the source. */
    public Token(TokenKind kind, String text, SourcePosition position, boolean spaceBefore) {
        this(kind, text, position, spaceBefore, null);
    }

    /** Whether this is the identifier or punctuator spelled {@code spelling}. */
    public boolean is(String spelling) {
        return (kind == TokenKind.IDENTIFIER || kind == TokenKind.PUNCTUATOR) && text.equals(spelling);
    }

    /** Whether this is an identifier. */
    public boolean isIdentifier() {
        return kind == TokenKind.IDENTIFIER;
    }

    /** How an error message shows the token: {@code 'x'}, or {@code end of input}. */
    public String shown() {
        return kind == TokenKind.END ? "end of input" : "'" + text + "'";
    }

    /** This token, moved to another position (an expansion's tokens take the position of the macro's use). */
    public Token at(SourcePosition where, String macro) {
        return new Token(kind, text, where, spaceBefore, macro);
    }

    @Override
    public String toString() {
        return text + "@" + position;
    }
}
