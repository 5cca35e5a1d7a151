package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;

import java.util.ArrayList;
import java.util.List;

/** Reads a {@code #define} line into a {@link Macro}, with gcc's checks (C17 6.10.3p4 to p7). */
final class DefineParser {
    private DefineParser() {}

    /**
     * Parses the tokens after {@code #define}.
     *
     * @param line      the tokens: the name, then the parameter list and replacement
     * @param directive where the directive is, for an empty line
     * @param position  the macro's recorded position, or null for the name's
     * @param builtIn   whether it is a predefined macro
     */
    static Macro parse(List<Token> line, SourcePosition directive, SourcePosition position, boolean builtIn) {
        if (line.isEmpty()) {
            throw Errors.at(directive, "no macro name given in #define directive");
        }
        Token name = macroName(line.getFirst(), "#define");
        int k = 1;
        List<String> params = null;
        boolean variadic = false;
        if (k < line.size() && line.get(k).is("(") && !line.get(k).spaceBefore()) {
            params = new ArrayList<>();
            k++;
            if (k < line.size() && line.get(k).is(")")) {
                k++;
            } else {
                while (true) {
                    if (k >= line.size()) {
                        throw Errors.at(name, "missing ')' in the parameter list of macro \"" + name.text() + "\"");
                    }
                    Token p = line.get(k++);
                    if (p.is("...")) {
                        variadic = true;
                        params.add("__VA_ARGS__");
                    } else if (p.isIdentifier()) {
                        if (p.text().equals("__VA_ARGS__")) {
                            throw Errors.at(p, "__VA_ARGS__ can not be used as a parameter name");
                        }
                        if (params.contains(p.text())) {
                            throw Errors.at(p, "duplicate macro parameter \"" + p.text() + "\"");
                        }
                        params.add(p.text());
                        if (k < line.size() && line.get(k).is("...")) {
                            variadic = true;
                            k++;
                        }
                    } else {
                        throw Errors.at(p, "expected parameter name, found " + p.shown());
                    }
                    if (k >= line.size()) {
                        throw Errors.at(name, "missing ')' in the parameter list of macro \"" + name.text() + "\"");
                    }
                    Token sep = line.get(k++);
                    if (sep.is(")")) {
                        break;
                    }
                    if (variadic || !sep.is(",")) {
                        throw Errors.at(sep, "expected " + (variadic ? "')'" : "',' or ')'") + " in the parameter list"
                                + " of macro \"" + name.text() + "\", found " + sep.shown());
                    }
                }
            }
        }
        List<Token> body = new ArrayList<>(line.subList(k, line.size()));
        if (!body.isEmpty()) {
            Token f = body.getFirst();
            body.set(0, new Token(f.kind(), f.text(), f.position(), false));
        }
        check(name, body, params, variadic);
        return new Macro(name.text(), params, variadic, body, position != null ? position : name.position(), builtIn);
    }

    /** Parses {@code NAME VALUE} or {@code f(x) body} text, as predefined macros and {@code -D} options give it. */
    static Macro parseText(String definition, SourcePosition position, boolean builtIn) {
        List<Token> tokens = new ArrayList<>(Lexer.tokenize(position.source(), definition));
        tokens.removeLast();
        return parse(tokens, position, position, builtIn);
    }

    /** Checks that {@code t} may name a macro in {@code directive}, and returns it. */
    static Token macroName(Token t, String directive) {
        if (!t.isIdentifier()) {
            throw Errors.at(t, "macro names must be identifiers, found " + t.shown() + " in " + directive);
        }
        if (t.text().equals("defined") || t.text().equals(BuiltinOperators.HAS_INCLUDE)
                || t.text().equals(BuiltinOperators.HAS_INCLUDE_NEXT)) {
            throw Errors.at(t, "\"" + t.text() + "\" cannot be used as a macro name");
        }
        return t;
    }

    private static void check(Token name, List<Token> body, List<String> params, boolean variadic) {
        if (body.isEmpty()) {
            return;
        }
        if (body.getFirst().is("##") || body.getLast().is("##")) {
            Token at = body.getFirst().is("##") ? body.getFirst() : body.getLast();
            throw Errors.at(at, "'##' cannot appear at either end of a macro expansion (macro \"" + name.text()
                    + "\")");
        }
        for (int k = 0; k < body.size(); k++) {
            Token t = body.get(k);
            if (variadic && t.isIdentifier() && t.text().equals("__VA_OPT__")) {
                if (k + 1 >= body.size() || !body.get(k + 1).is("(")) {
                    throw Errors.at(t, "__VA_OPT__ must be followed by an open parenthesis");
                }
                int close = vaOptClose(body, k + 1, body.size());
                if (close >= body.size()) {
                    throw Errors.at(t, "unterminated __VA_OPT__ in macro \"" + name.text() + "\"");
                }
                if (close > k + 2 && (body.get(k + 2).is("##") || body.get(close - 1).is("##"))) {
                    throw Errors.at(t, "'##' cannot appear at either end of __VA_OPT__");
                }
                for (int j = k + 2; j < close; j++) {
                    if (body.get(j).isIdentifier() && body.get(j).text().equals("__VA_OPT__")) {
                        throw Errors.at(body.get(j), "__VA_OPT__ may not appear in a __VA_OPT__");
                    }
                }
            }
            if (params != null && t.is("#")) {
                Token next = k + 1 < body.size() ? body.get(k + 1) : null;
                boolean ok = next != null && next.isIdentifier() && (params.contains(next.text())
                        || variadic && next.text().equals("__VA_OPT__"));
                if (!ok) {
                    throw Errors.at(t, "'#' is not followed by a macro parameter in macro \"" + name.text() + "\"");
                }
            }
        }
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or {@code to} when there is none. */
    static int vaOptClose(List<Token> r, int open, int to) {
        int depth = 0;
        for (int k = open; k < to; k++) {
            if (r.get(k).is("(")) {
                depth++;
            } else if (r.get(k).is(")") && --depth == 0) {
                return k;
            }
        }
        return to;
    }
}
