package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Macro expansion by Prosser's algorithm (the hide-set formulation of C17 6.10.3.4): a token produced by expanding
 * {@code M} is never expanded as {@code M} again, a function-like macro's result is hidden from what both its name
 * and its closing parenthesis were hidden from. Expansion is iterative: results are pushed back in front of the
 * input and rescanned from there, so depth of rescanning costs no stack; only argument pre-expansion (C17
 * 6.10.3.1) nests, bounded by {@link PreprocessorConfig.Limits#maxMacroNesting()}. Every token expansion produces
 * counts against {@link PreprocessorConfig.Limits#maxExpansionTokens()}.
 *
 * <p>In directive mode (an {@code #if} line) {@code defined} and {@code __has_include} are operators, evaluated
 * where they appear, also when a macro produced them (as gcc does).
 */
final class MacroExpander {
    private final MacroTable table;
    private final PreprocessorConfig.Limits limits;
    private final ExpansionContext context;
    private long produced;
    private int nesting;
    private int counter;

    MacroExpander(MacroTable table, PreprocessorConfig.Limits limits, ExpansionContext context) {
        this.table = table;
        this.limits = limits;
        this.context = context;
    }

    /** Where tokens are read from: tokens pushed back by expansion first, then the base input (if any). */
    private static final class Frame {
        final ArrayDeque<ExpToken> pending = new ArrayDeque<>();
        final TokenInput base;
        final boolean directive;

        Frame(TokenInput base, boolean directive) {
            this.base = base;
            this.directive = directive;
        }
    }

    /** Expands everything {@code input} gives, passing the result to {@code out}, until its END. */
    void run(TokenInput input, Consumer<Token> out) {
        expand(new Frame(input, false), e -> out.accept(e.token()));
    }

    /** Fully expands {@code tokens} (an END token ends them early), as a directive's line or a lone list. */
    List<Token> expandLine(List<Token> tokens, boolean directive) {
        Frame f = new Frame(null, directive);
        for (Token t : tokens) {
            if (t.kind() == TokenKind.END) {
                break;
            }
            f.pending.add(new ExpToken(t, HideSet.EMPTY));
        }
        List<Token> out = new ArrayList<>();
        expand(f, e -> out.add(e.token()));
        return out;
    }

    /** C17 6.10.3.1: an argument is expanded completely, as if it were the rest of the file. */
    private List<ExpToken> expandArgument(List<ExpToken> argument, boolean directive, Token use) {
        if (nesting + 1 > limits.maxMacroNesting()) {
            throw Errors.at(use, "macro invocations nested more than " + limits.maxMacroNesting()
                    + " deep in macro arguments (limit maxMacroNesting) at \"" + use.text() + "\"");
        }
        nesting++;
        try {
            Frame f = new Frame(null, directive);
            f.pending.addAll(argument);
            List<ExpToken> out = new ArrayList<>(argument.size());
            expand(f, out::add);
            return out;
        } finally {
            nesting--;
        }
    }

    private static ExpToken read(Frame f, TokenInput.Mode mode, Token macro) {
        ExpToken t = f.pending.pollFirst();
        if (t != null || f.base == null) {
            return t;
        }
        Token b = f.base.next(mode, macro);
        return b == null ? null : new ExpToken(b, HideSet.EMPTY);
    }

    private void expand(Frame f, Consumer<ExpToken> sink) {
        boolean carrySpace = false;
        while (true) {
            ExpToken t = read(f, TokenInput.Mode.NORMAL, null);
            if (t == null || t.isEnd()) {
                return;
            }
            if (carrySpace) {
                t = t.withSpace(true);
                carrySpace = false;
            }
            if (t.token().kind() != TokenKind.IDENTIFIER || t.hide().contains(t.text())) {
                sink.accept(t);
                continue;
            }
            Macro m = table.get(t.text());
            if (m == null) {
                special(f, t, sink);
                continue;
            }
            List<ExpToken> result;
            ExpToken use = t;
            Runnable overBudget = () -> {
                throw Errors.at(use.token(), "macro expansion exceeds " + limits.maxExpansionTokens()
                        + " tokens (limit maxExpansionTokens) while expanding \"" + m.name() + "\"");
            };
            long budget = limits.maxExpansionTokens() - produced;
            if (!m.functionLike()) {
                result = Substitution.apply(m, t, null, t.hide().with(m.name()), budget, overBudget);
            } else {
                ExpToken open = read(f, TokenInput.Mode.PAREN, t.token());
                if (open == null || !open.is("(")) {
                    if (open != null) {
                        f.pending.addFirst(open);
                    }
                    sink.accept(t);
                    continue;
                }
                Arguments args = collect(f, m, t);
                result = Substitution.apply(m, t, args, t.hide().intersect(args.close().hide()).with(m.name()),
                        limits.maxExpansionTokens() - produced, overBudget);
            }
            produced += result.size();
            if (produced > limits.maxExpansionTokens()) {
                overBudget.run();
            }
            if (result.isEmpty()) {
                carrySpace = t.spaceBefore();
            }
            for (int k = result.size() - 1; k >= 0; k--) {
                f.pending.addFirst(result.get(k));
            }
        }
    }

    private Arguments collect(Frame f, Macro m, ExpToken use) {
        List<List<ExpToken>> args = new ArrayList<>();
        List<ExpToken> current = new ArrayList<>();
        int depth = 0;
        int wanted = m.parameters().size();
        while (true) {
            ExpToken t = read(f, TokenInput.Mode.ARGUMENTS, use.token());
            if (t == null || t.isEnd()) {
                throw Errors.at(use.token(), "unterminated argument list invoking macro \"" + m.name() + "\"");
            }
            if (t.is("(")) {
                // bounded so that nesting cannot make argument pre-expansion quadratic without end
                if (++depth > limits.maxExpressionDepth()) {
                    throw Errors.at(use.token(), "parentheses nested more than " + limits.maxExpressionDepth()
                            + " deep in the arguments of macro \"" + m.name() + "\" (limit maxExpressionDepth)");
                }
            } else if (t.is(")")) {
                if (depth == 0) {
                    args.add(current);
                    boolean directive = f.directive;
                    return Arguments.of(m, use.token(), args, t, a -> expandArgument(a, directive, use.token()));
                }
                depth--;
            } else if (t.is(",") && depth == 0 && !(m.variadic() && args.size() == wanted - 1)) {
                args.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(t);
        }
    }

    /** An identifier that names no macro: an operator, a dynamic macro, {@code _Pragma}, or itself. */
    private void special(Frame f, ExpToken t, Consumer<ExpToken> sink) {
        String name = t.text();
        if (f.directive && name.equals("defined")) {
            sink.accept(number(t, defined(f, t) ? 1 : 0));
        } else if (BuiltinOperators.isOperator(name) && !table.isDynamic(name)) {
            sink.accept(number(t, operator(f, t)));
        } else if (table.isDynamic(name)) {
            sink.accept(dynamic(t));
        } else if (name.equals("_Pragma") && !f.directive) {
            Token pragma = pragmaOperator(f, t);
            if (pragma != null) {
                sink.accept(new ExpToken(pragma, HideSet.EMPTY));
            }
        } else {
            sink.accept(t);
        }
    }

    private boolean defined(Frame f, ExpToken op) {
        ExpToken n = read(f, TokenInput.Mode.NORMAL, null);
        boolean paren = n != null && n.is("(");
        if (paren) {
            n = read(f, TokenInput.Mode.NORMAL, null);
        }
        if (n == null || n.token().kind() != TokenKind.IDENTIFIER) {
            throw Errors.at(op.token(), "operator \"defined\" requires an identifier"
                    + (n == null || n.isEnd() ? "" : ", found " + n.token().shown()));
        }
        if (paren) {
            ExpToken close = read(f, TokenInput.Mode.NORMAL, null);
            if (close == null || !close.is(")")) {
                throw Errors.at(op.token(), "missing ')' after \"defined\"");
            }
        }
        return table.isDefined(n.text());
    }

    /** The tokens between the parentheses after an operator's name. */
    private List<Token> parenthesized(Frame f, ExpToken op) {
        ExpToken open = read(f, TokenInput.Mode.PAREN, op.token());
        if (open == null || !open.is("(")) {
            if (open != null) {
                f.pending.addFirst(open);
            }
            throw Errors.at(op.token(), "missing '(' after \"" + op.text() + "\"");
        }
        List<Token> inside = new ArrayList<>();
        int depth = 0;
        while (true) {
            ExpToken t = read(f, TokenInput.Mode.ARGUMENTS, op.token());
            if (t == null || t.isEnd()) {
                throw Errors.at(op.token(), "missing ')' after \"" + op.text() + "\"");
            }
            if (t.is(")") && depth-- == 0) {
                return inside;
            }
            if (t.is("(")) {
                depth++;
            }
            inside.add(t.token());
        }
    }

    private long operator(Frame f, ExpToken op) {
        String name = op.text();
        boolean include = name.equals(BuiltinOperators.HAS_INCLUDE) || name.equals(BuiltinOperators.HAS_INCLUDE_NEXT);
        if (include && !f.directive) {
            throw Errors.at(op.token(), "\"" + name + "\" used outside of a preprocessing directive");
        }
        List<Token> inside = parenthesized(f, op);
        if (include) {
            HeaderName header = HeaderName.of(inside, op.token(), this);
            return context.hasInclude(header.name(), header.angled(),
                    name.equals(BuiltinOperators.HAS_INCLUDE_NEXT), op.token()) ? 1 : 0;
        }
        String scope = null;
        Token attribute = inside.size() == 1 ? inside.getFirst() : null;
        if (inside.size() == 4 && inside.get(1).is(":") && inside.get(2).is(":")) {
            scope = inside.getFirst().text();
            attribute = inside.get(3);
        }
        if (attribute == null || attribute.kind() != TokenKind.IDENTIFIER) {
            throw Errors.at(op.token(), "macro \"" + name + "\" requires an identifier");
        }
        return BuiltinOperators.answer(name, scope, attribute.text());
    }

    private static ExpToken number(ExpToken at, long value) {
        Token t = at.token();
        return new ExpToken(new Token(TokenKind.NUMBER, Long.toString(value), t.position(), t.spaceBefore(),
                t.expandedFrom()), at.hide());
    }

    private ExpToken dynamic(ExpToken at) {
        Token t = at.token();
        String name = t.text();
        String text = switch (name) {
            case "__FILE__" -> quote(context.currentFile(t));
            case "__BASE_FILE__" -> quote(context.baseFile());
            case "__LINE__" -> Integer.toString(t.position().line());
            case "__COUNTER__" -> Integer.toString(counter++);
            case "__INCLUDE_LEVEL__" -> Integer.toString(context.includeLevel());
            case "__DATE__" -> "\"Jan  1 1970\"";
            default -> "\"00:00:00\"";
        };
        TokenKind kind = text.startsWith("\"") ? TokenKind.STRING : TokenKind.NUMBER;
        String origin = t.expandedFrom() != null ? t.expandedFrom() : name;
        return new ExpToken(new Token(kind, text, t.position(), t.spaceBefore(), origin), at.hide());
    }

    /** A string literal spelling {@code text}. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.append('"').toString();
    }

    /** C17 6.10.9: {@code _Pragma("...")} is the pragma its destringized literal spells. */
    private Token pragmaOperator(Frame f, ExpToken op) {
        List<Token> inside = parenthesized(f, op);
        if (inside.size() != 1 || inside.getFirst().kind() != TokenKind.STRING) {
            throw Errors.at(op.token(), "_Pragma takes a parenthesized string literal");
        }
        String literal = inside.getFirst().text();
        String body = literal.substring(literal.indexOf('"') + 1, literal.length() - 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == '"' || body.charAt(i + 1) == '\\')) {
                ch = body.charAt(++i);
            }
            b.append(ch);
        }
        Token t = op.token();
        List<Token> tokens = new ArrayList<>();
        for (Token p : Lexer.tokenize(t.position().source(), b.toString())) {
            if (p.kind() != TokenKind.END) {
                tokens.add(new Token(p.kind(), p.text(), t.position(), p.spaceBefore(), t.expandedFrom()));
            }
        }
        return context.pragma(tokens, t.position(), t.expandedFrom());
    }

    /** The next value of {@code __COUNTER__}, for a unit that expands more after its run. */
    int counter() {
        return counter;
    }

    /** Continues {@code __COUNTER__} from {@code value}. */
    void counter(int value) {
        counter = value;
    }
}
