package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.ArrayList;
import java.util.List;

/**
 * One macro invocation's replacement (C17 6.10.3.1 to 6.10.3.3): parameters replaced by their arguments,
 * {@code #} stringizing, {@code ##} pasting with placemarkers, GNU {@code , ## __VA_ARGS__} comma elision and C23
 * {@code __VA_OPT__}; then every resulting token is moved to the invocation's position and its hide set extended.
 *
 * <p>White space follows gcc: the first token of the result takes the macro name's {@link Token#spaceBefore()},
 * the first token of a substituted argument takes its parameter's, and when an argument (or the whole expansion)
 * turns out empty, the space before it passes on to the token that follows.
 */
final class Substitution {
    private final Macro macro;
    private final Arguments args;
    private final ExpToken use;
    private final long budget;
    private final Runnable overBudget;
    private long added;
    private boolean carrySpace;

    private Substitution(Macro macro, Arguments args, ExpToken use, long budget, Runnable overBudget) {
        this.macro = macro;
        this.args = args;
        this.use = use;
        this.budget = budget;
        this.overBudget = overBudget;
    }

    /**
     * The tokens {@code use} (the macro's name token) is replaced by, before rescanning.
     *
     * @param budget     how many more tokens expansion may produce; {@code overBudget} runs (and throws) as soon
     *                   as the replacement would exceed it, before it is built in full
     */
    static List<ExpToken> apply(Macro macro, ExpToken use, Arguments args, HideSet hide, long budget,
            Runnable overBudget) {
        Substitution s = new Substitution(macro, args, use, budget, overBudget);
        List<Token> r = macro.replacement();
        List<ExpToken> result = paste(s.substitute(r, 0, r.size()), use.token());
        Token name = use.token();
        SourcePosition where = name.position();
        String origin = name.expandedFrom() != null ? name.expandedFrom() : macro.name();
        List<ExpToken> out = new ArrayList<>(result.size());
        for (int k = 0; k < result.size(); k++) {
            ExpToken e = result.get(k);
            Token t = e.token();
            Token moved = k == 0 && t.spaceBefore() != name.spaceBefore()
                    ? new Token(t.kind(), t.text(), where, name.spaceBefore(), origin) : t.at(where, origin);
            out.add(new ExpToken(moved, e.hide().union(hide)));
        }
        return out;
    }

    private int parameter(Token t) {
        if (args == null || t.kind() != TokenKind.IDENTIFIER) {
            return -1;
        }
        return macro.parameters().indexOf(t.text());
    }

    private boolean isVaOpt(List<Token> r, int k, int to) {
        return macro.variadic() && r.get(k).kind() == TokenKind.IDENTIFIER && r.get(k).text().equals("__VA_OPT__")
                && k + 1 < to && r.get(k + 1).is("(");
    }

    private List<ExpToken> substitute(List<Token> r, int from, int to) {
        List<ExpToken> items = new ArrayList<>();
        for (int k = from; k < to; k++) {
            Token t = r.get(k);
            if (args != null && t.is("#") && k + 1 < to) {
                int p = parameter(r.get(k + 1));
                if (p >= 0) {
                    add(items, stringize(args.raw(p), t));
                    k++;
                    continue;
                }
                if (isVaOpt(r, k + 1, to)) {
                    int close = DefineParser.vaOptClose(r, k + 2, to);
                    List<ExpToken> content = vaOptIsEmpty() ? List.of() : paste(substitute(r, k + 3, close), use.token());
                    add(items, stringize(content, t));
                    k = close;
                    continue;
                }
            }
            if (t.is("##")) {
                items.add(ExpToken.paste(t));
                continue;
            }
            int p = parameter(t);
            if (p >= 0) {
                parameter(items, r, from, to, k, p);
                continue;
            }
            if (isVaOpt(r, k, to)) {
                int close = DefineParser.vaOptClose(r, k + 1, to);
                if (vaOptIsEmpty()) {
                    items.add(ExpToken.placemarker(t));
                    carrySpace |= t.spaceBefore();
                } else {
                    List<ExpToken> content = paste(substitute(r, k + 2, close), use.token());
                    if (content.isEmpty()) {
                        items.add(ExpToken.placemarker(t));
                    }
                    addAll(items, content, t.spaceBefore());
                }
                k = close;
                continue;
            }
            add(items, new ExpToken(t, HideSet.EMPTY));
        }
        return items;
    }

    private void parameter(List<ExpToken> items, List<Token> r, int from, int to, int k, int p) {
        Token t = r.get(k);
        boolean pasteLeft = k > from && r.get(k - 1).is("##");
        boolean pasteRight = k + 1 < to && r.get(k + 1).is("##");
        if (!pasteLeft && !pasteRight) {
            List<ExpToken> expanded = args.expanded(p);
            if (expanded.isEmpty()) {
                carrySpace |= t.spaceBefore();
            }
            addAll(items, expanded, t.spaceBefore());
            return;
        }
        List<ExpToken> raw = args.raw(p);
        boolean variable = macro.variadic() && p == macro.parameters().size() - 1;
        if (variable && pasteLeft && k - 2 >= from && r.get(k - 2).is(",")) {
            // GNU: in ", ## __VA_ARGS__" the ## removes the comma when the variable argument is left out (gcc keeps
            // it for an empty one, f(x,)); otherwise it pastes nothing.
            items.removeLast();
            if (raw.isEmpty()) {
                if (args.variableAbsent()) {
                    items.removeLast();
                }
                if (pasteRight) {
                    items.add(ExpToken.placemarker(t));
                }
                return;
            }
            addAll(items, raw, raw.getFirst().spaceBefore());
            return;
        }
        if (raw.isEmpty()) {
            items.add(ExpToken.placemarker(t));
            return;
        }
        // gcc pads an argument with its parameter's space only on the left of ##; on the right it keeps its own
        addAll(items, raw, pasteLeft ? raw.getFirst().spaceBefore() : t.spaceBefore());
    }

    /** C23 6.10.5.1: {@code __VA_OPT__} contributes nothing when the variable arguments expand to nothing. */
    private boolean vaOptIsEmpty() {
        return args == null || args.expanded(macro.parameters().size() - 1).isEmpty();
    }

    private void add(List<ExpToken> items, ExpToken e) {
        if (++added > budget) {
            overBudget.run();
        }
        if (carrySpace && !e.isPaste()) {
            e = e.withSpace(true);
            carrySpace = false;
        }
        items.add(e);
    }

    private void addAll(List<ExpToken> items, List<ExpToken> tokens, boolean firstSpace) {
        for (int i = 0; i < tokens.size(); i++) {
            ExpToken e = tokens.get(i);
            add(items, i == 0 ? e.withSpace(firstSpace) : e);
        }
    }

    /** C17 6.10.3.2: the argument's spelling as a string literal, white space runs as one space. */
    private static ExpToken stringize(List<ExpToken> tokens, Token hash) {
        StringBuilder b = new StringBuilder("\"");
        boolean first = true;
        for (ExpToken e : tokens) {
            if (e.isPlacemarker()) {
                continue;
            }
            Token t = e.token();
            if (!first && t.spaceBefore()) {
                b.append(' ');
            }
            first = false;
            boolean literal = t.kind() == TokenKind.STRING || t.kind() == TokenKind.CHARACTER;
            for (int i = 0; i < t.text().length(); i++) {
                char ch = t.text().charAt(i);
                if (literal && (ch == '"' || ch == '\\')) {
                    b.append('\\');
                }
                b.append(ch);
            }
        }
        b.append('"');
        return new ExpToken(new Token(TokenKind.STRING, b.toString(), hash.position(), hash.spaceBefore()),
                HideSet.EMPTY);
    }

    /** Applies the {@code ##} markers left to right, then drops placemarkers (C17 6.10.3.3). */
    private static List<ExpToken> paste(List<ExpToken> items, Token use) {
        List<ExpToken> out = new ArrayList<>(items.size());
        for (int k = 0; k < items.size(); k++) {
            ExpToken e = items.get(k);
            if (e.isPaste() && !out.isEmpty() && k + 1 < items.size()) {
                ExpToken right = items.get(++k);
                if (right.isPaste()) {
                    right = new ExpToken(right.token(), HideSet.EMPTY);
                }
                out.add(glue(out.removeLast(), right, use));
            } else if (e.isPaste()) {
                out.add(new ExpToken(e.token(), HideSet.EMPTY));
            } else {
                out.add(e);
            }
        }
        out.removeIf(ExpToken::isPlacemarker);
        return out;
    }

    private static ExpToken glue(ExpToken left, ExpToken right, Token use) {
        if (left.isPlacemarker()) {
            return right;
        }
        if (right.isPlacemarker()) {
            return left;
        }
        Token l = left.token();
        Token joined = Lexer.single(l.text() + right.text(), l.position());
        if (joined == null) {
            throw Errors.at(use, "pasting \"" + l.text() + "\" and \"" + right.text()
                    + "\" does not give a valid preprocessing token");
        }
        return new ExpToken(new Token(joined.kind(), joined.text(), l.position(), l.spaceBefore(), l.expandedFrom()),
                HideSet.EMPTY);
    }
}
