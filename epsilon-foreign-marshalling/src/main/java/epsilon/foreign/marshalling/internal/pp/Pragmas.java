package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.List;

/**
 * The pragmas the preprocessor itself executes, as gcc's does: {@code once}, {@code push_macro},
 * {@code pop_macro}, {@code GCC system_header}, {@code GCC poison}, {@code GCC warning}, {@code GCC error} and
 * {@code GCC dependency}. Every other pragma becomes a {@link TokenKind#PRAGMA} token for the parser, its text the
 * pragma's tokens after the word {@code pragma}, one space where there was white space: {@code pack(push, 1)}.
 */
final class Pragmas {
    private final TranslationRun run;

    Pragmas(TranslationRun run) {
        this.run = run;
    }

    /** Executes the pragma; returns the token to pass on, or null when it was the preprocessor's own. */
    Token handle(List<Token> tokens, SourcePosition at, String expandedFrom) {
        String first = tokens.isEmpty() ? "" : tokens.getFirst().text();
        String second = tokens.size() > 1 ? tokens.get(1).text() : "";
        switch (first) {
            case "once" -> {
                run.pragmaOnce();
                return null;
            }
            case "push_macro", "pop_macro" -> {
                String name = macroName(tokens);
                if (name == null) {
                    run.warnings.add(at + ": warning: invalid #pragma " + first + " directive, ignored");
                } else if (first.equals("push_macro")) {
                    run.table.push(name);
                } else {
                    run.table.pop(name);
                }
                return null;
            }
            case "GCC" -> {
                switch (second) {
                    case "system_header", "dependency" -> {
                        return null;
                    }
                    case "poison" -> {
                        poison(tokens, at);
                        return null;
                    }
                    case "warning" -> {
                        run.warnings.add(at + ": warning: " + message(tokens, at));
                        return null;
                    }
                    case "error" -> throw Errors.at(at, message(tokens, at));
                    default -> {
                        // other GCC pragmas (diagnostic, visibility, ...) are the parser's
                    }
                }
            }
            default -> {
                // every other pragma is the parser's
            }
        }
        return new Token(TokenKind.PRAGMA, text(tokens), at, true, expandedFrom);
    }

    /** The pragma's tokens as text: one space where there was white space. */
    static String text(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (!b.isEmpty() && t.spaceBefore()) {
                b.append(' ');
            }
            b.append(t.text());
        }
        return b.toString();
    }

    /** {@code ("NAME")} after {@code push_macro} or {@code pop_macro}: NAME, or null when malformed. */
    private static String macroName(List<Token> tokens) {
        if (tokens.size() != 4 || !tokens.get(1).is("(") || tokens.get(2).kind() != TokenKind.STRING
                || !tokens.get(3).is(")") || !tokens.get(2).text().startsWith("\"")) {
            return null;
        }
        String s = tokens.get(2).text();
        return s.substring(1, s.length() - 1);
    }

    private void poison(List<Token> tokens, SourcePosition at) {
        for (Token t : tokens.subList(2, tokens.size())) {
            if (t.kind() != TokenKind.IDENTIFIER) {
                throw Errors.at(t, "invalid #pragma GCC poison directive: " + t.shown() + " is not an identifier");
            }
            if (run.table.get(t.text()) != null) {
                run.warnings.add(at + ": warning: poisoning existing macro \"" + t.text() + "\"");
            }
            run.table.poison(t.text());
        }
    }

    /** The message of {@code GCC warning "text"} or {@code GCC error "text"}: the string's contents. */
    private static String message(List<Token> tokens, SourcePosition at) {
        List<Token> rest = tokens.subList(2, tokens.size());
        if (rest.size() == 1 && rest.getFirst().kind() == TokenKind.STRING) {
            String s = rest.getFirst().text();
            return s.substring(s.indexOf('"') + 1, s.length() - 1);
        }
        if (rest.size() == 3 && rest.get(0).is("(") && rest.get(1).kind() == TokenKind.STRING && rest.get(2).is(")")) {
            String s = rest.get(1).text();
            return s.substring(s.indexOf('"') + 1, s.length() - 1);
        }
        throw Errors.at(at, "invalid \"#pragma GCC " + tokens.get(1).text() + "\" directive: expected a string");
    }
}
