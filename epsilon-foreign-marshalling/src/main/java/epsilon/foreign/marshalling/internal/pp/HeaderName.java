package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.List;

/**
 * The file an {@code #include} or {@code __has_include} names: {@code "x.h"} or {@code <x.h>}, written so or
 * produced by macro expansion (C17 6.10.2p4: the tokens between {@code <} and {@code >} are joined, with a space
 * where there was white space, as gcc does).
 *
 * @param name   the name between the delimiters
 * @param angled whether it was {@code <...>}
 */
record HeaderName(String name, boolean angled) {
    /**
     * Reads a header name from {@code tokens}: a string literal or {@code <...>} as is, anything else after
     * expanding it once.
     */
    static HeaderName of(List<Token> tokens, Token at, MacroExpander expander) {
        HeaderName direct = direct(tokens);
        if (direct != null) {
            return direct;
        }
        HeaderName expanded = direct(expander.expandLine(tokens, false));
        if (expanded == null) {
            throw Errors.at(at, "#include expects \"FILENAME\" or <FILENAME>, found "
                    + (tokens.isEmpty() ? "nothing" : tokens.getFirst().shown()));
        }
        return expanded;
    }

    private static HeaderName direct(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        Token first = tokens.getFirst();
        if (first.kind() == TokenKind.STRING && first.text().startsWith("<") && first.text().endsWith(">")) {
            return new HeaderName(first.text().substring(1, first.text().length() - 1), true);
        }
        if (first.kind() == TokenKind.STRING && first.text().startsWith("\"")) {
            return new HeaderName(first.text().substring(1, first.text().length() - 1), false);
        }
        if (!first.is("<")) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int k = 1; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.is(">")) {
                return new HeaderName(b.toString(), true);
            }
            if (t.spaceBefore() && !b.isEmpty()) {
                b.append(' ');
            }
            b.append(t.text());
        }
        return null;
    }
}
