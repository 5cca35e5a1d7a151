package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

/**
 * A token during macro expansion: the token, its hide set, and whether it is one of the two markers substitution
 * uses internally (a placemarker for an empty argument next to {@code ##}, C17 6.10.3.3p2, and the {@code ##}
 * operator of a replacement list, kept apart from a {@code ##} token that came from an argument).
 */
record ExpToken(Token token, HideSet hide, Marker marker) {
    enum Marker { NONE, PLACEMARKER, PASTE }

    ExpToken(Token token, HideSet hide) {
        this(token, hide, Marker.NONE);
    }

    static ExpToken placemarker(Token where) {
        return new ExpToken(where, HideSet.EMPTY, Marker.PLACEMARKER);
    }

    static ExpToken paste(Token where) {
        return new ExpToken(where, HideSet.EMPTY, Marker.PASTE);
    }

    boolean isPlacemarker() {
        return marker == Marker.PLACEMARKER;
    }

    boolean isPaste() {
        return marker == Marker.PASTE;
    }

    boolean isEnd() {
        return marker == Marker.NONE && token.kind() == TokenKind.END;
    }

    /** Whether this is the punctuator {@code spelling} (never a marker). */
    boolean is(String spelling) {
        return marker == Marker.NONE && token.kind() == TokenKind.PUNCTUATOR && token.text().equals(spelling);
    }

    String text() {
        return token.text();
    }

    boolean spaceBefore() {
        return token.spaceBefore();
    }

    ExpToken withSpace(boolean space) {
        if (token.spaceBefore() == space) {
            return this;
        }
        Token t = token;
        return new ExpToken(new Token(t.kind(), t.text(), t.position(), space, t.expandedFrom()), hide, marker);
    }
}
