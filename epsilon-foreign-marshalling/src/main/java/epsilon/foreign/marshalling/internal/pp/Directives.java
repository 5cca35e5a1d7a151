package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the directive lines of a {@link TranslationRun} (C17 6.10 with GNU additions): conditionals always (they
 * nest in skipped groups too), everything else only in live text. A directive reads exactly its own line from the
 * current file's lexer.
 */
final class Directives {
    private final TranslationRun run;
    private final Pragmas pragmas;

    Directives(TranslationRun run) {
        this.run = run;
        this.pragmas = new Pragmas(run);
    }

    /** The directive introduced by {@code hash}, a {@code #} at the start of a line. */
    void run(Token hash, TokenInput.Mode mode, Token macro) {
        TranslationRun.OpenFile f = run.top();
        Lexer lx = f.lexer;
        boolean skipping = run.conditionals.skipping();
        lx.setSkipping(skipping);
        Token name = lx.nextInLine();
        if (name == null) {
            return;
        }
        int depthBefore = run.conditionals.depth();
        if (name.kind() == TokenKind.NUMBER) {
            f.guard.directive("line", depthBefore, null);
            if (skipping) {
                lx.skipRestOfLine();
            } else {
                line(name, lineTokens(lx, false), false);
            }
            return;
        }
        if (name.kind() != TokenKind.IDENTIFIER) {
            if (skipping) {
                lx.skipRestOfLine();
                return;
            }
            throw Errors.at(name, "invalid preprocessing directive, found " + name.shown() + " after '#'");
        }
        String d = name.text();
        String guardMacro = null;
        int base = f.conditionalBase;
        switch (d) {
            case "if" -> {
                if (skipping) {
                    lx.skipRestOfLine();
                    run.conditionals.open(name, false);
                } else {
                    List<Token> line = lineTokens(lx, true);
                    guardMacro = notDefined(line);
                    run.conditionals.open(name, evaluate(name, line));
                }
            }
            case "ifdef", "ifndef" -> {
                boolean value = false;
                if (!skipping) {
                    Token n = macroName(lx, name);
                    value = run.table.isDefined(n.text()) == d.equals("ifdef");
                    guardMacro = d.equals("ifndef") ? n.text() : null;
                }
                lx.skipRestOfLine();
                run.conditionals.open(name, value);
            }
            case "elif", "elifdef", "elifndef" -> {
                boolean value = false;
                if (run.conditionals.elifNeedsValue(base, name)) {
                    lx.setSkipping(false);
                    if (d.equals("elif")) {
                        value = evaluate(name, lineTokens(lx, true));
                    } else {
                        value = run.table.isDefined(macroName(lx, name).text()) == d.equals("elifdef");
                    }
                }
                lx.skipRestOfLine();
                run.conditionals.elif(base, name, value);
            }
            case "else" -> {
                lx.skipRestOfLine();
                run.conditionals.otherwise(base, name);
            }
            case "endif" -> {
                lx.skipRestOfLine();
                run.conditionals.close(base, name);
            }
            default -> {
                if (skipping) {
                    lx.skipRestOfLine();
                } else {
                    other(hash, name, lx, mode, macro);
                }
            }
        }
        f.guard.directive(d, depthBefore, guardMacro);
    }

    private void other(Token hash, Token name, Lexer lx, TokenInput.Mode mode, Token macro) {
        switch (name.text()) {
            case "define" -> {
                Macro m = DefineParser.parse(lineTokens(lx, true), name.position(), null, false);
                run.table.define(m).ifPresent(run.warnings::add);
            }
            case "undef" -> {
                Token n = DefineParser.macroName(macroName(lx, name), "#undef");
                lx.skipRestOfLine();
                run.table.undefine(n.text());
            }
            case "include", "include_next", "import" -> {
                if (mode == TokenInput.Mode.ARGUMENTS) {
                    throw Errors.at(hash, "#" + name.text() + " inside the arguments of macro \"" + macro.text()
                            + "\" (unterminated argument list invoking macro \"" + macro.text() + "\")");
                }
                Token header = lx.headerName();
                List<Token> line = header != null ? List.of(header) : lineTokens(lx, true);
                lx.skipRestOfLine();
                HeaderName h = HeaderName.of(line, name, run.expander);
                if (h.name().isEmpty()) {
                    throw Errors.at(name, "empty filename in #" + name.text());
                }
                run.include(h, name, name.text().equals("include_next"), name.text().equals("import"));
            }
            case "line" -> line(name, run.expander.expandLine(lineTokens(lx, true), false), true);
            case "error" -> throw Errors.at(hash, "#error " + restAsText(lx));
            case "warning" -> run.warnings.add(hash.position() + ": warning: #warning " + restAsText(lx));
            case "pragma" -> {
                Token p = pragmas.handle(lineTokens(lx, false), hash.position(), null);
                if (p != null) {
                    run.out.add(p);
                }
            }
            case "ident", "sccs" -> lx.skipRestOfLine();
            default -> throw Errors.at(name, "invalid preprocessing directive #" + name.text());
        }
    }

    /** The pragma made of {@code tokens}, from {@code _Pragma}. */
    Token pragma(List<Token> tokens, SourcePosition at, String expandedFrom) {
        return pragmas.handle(tokens, at, expandedFrom);
    }

    private List<Token> lineTokens(Lexer lx, boolean checkPoison) {
        List<Token> line = new ArrayList<>();
        for (Token t = lx.nextInLine(); t != null; t = lx.nextInLine()) {
            if (checkPoison) {
                run.checkPoison(t);
            }
            line.add(t);
        }
        return line;
    }

    private Token macroName(Lexer lx, Token directive) {
        Token n = lx.nextInLine();
        if (n == null) {
            throw Errors.at(directive, "no macro name given in #" + directive.text() + " directive");
        }
        if (n.kind() != TokenKind.IDENTIFIER) {
            throw Errors.at(n, "macro names must be identifiers, found " + n.shown() + " in #" + directive.text());
        }
        run.checkPoison(n);
        return n;
    }

    private boolean evaluate(Token directive, List<Token> line) {
        List<Token> expanded = run.expander.expandLine(line, true);
        return IfExpression.evaluate(expanded, directive, run.config.limits().maxExpressionDepth(), run.characters);
    }

    /** {@code G} when the line is {@code !defined G} or {@code !defined(G)}: an include guard's test. */
    private static String notDefined(List<Token> line) {
        if (line.size() == 3 && line.get(0).is("!") && line.get(1).is("defined") && line.get(2).isIdentifier()) {
            return line.get(2).text();
        }
        if (line.size() == 5 && line.get(0).is("!") && line.get(1).is("defined") && line.get(2).is("(")
                && line.get(3).isIdentifier() && line.get(4).is(")")) {
            return line.get(3).text();
        }
        return null;
    }

    /** {@code #line N "file"} (macro-expanded) or a linemarker {@code # N "file" flags}. */
    private void line(Token directive, List<Token> tokens, boolean hasName) {
        List<Token> args = new ArrayList<>(tokens);
        if (!hasName) {
            args.addFirst(directive);
        }
        String what = hasName ? "#line" : "a line marker";
        if (args.isEmpty() || args.getFirst().kind() != TokenKind.NUMBER || !args.getFirst().text().chars()
                .allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw Errors.at(directive, (args.isEmpty() ? "nothing" : args.getFirst().shown()) + " after " + what
                    + " is not a positive integer");
        }
        long number;
        try {
            number = Long.parseLong(args.getFirst().text());
        } catch (NumberFormatException e) {
            number = Long.MAX_VALUE;
        }
        if (number > Integer.MAX_VALUE) {
            throw Errors.at(directive, "line number " + args.getFirst().text() + " out of range in " + what);
        }
        String file = null;
        if (args.size() > 1) {
            Token name = args.get(1);
            if (name.kind() != TokenKind.STRING || !name.text().startsWith("\"")) {
                throw Errors.at(name, "invalid filename " + name.shown() + " in " + what);
            }
            file = unescape(name.text().substring(1, name.text().length() - 1));
        }
        run.top().lexer.presume(file, (int) number);
    }

    /** A file name written as a string literal ({@code #line}, a linemarker): each backslash escape as its char. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                ch = s.charAt(++i);
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** The rest of the line as text, read leniently (an apostrophe in {@code #error don't} is no error). */
    private static String restAsText(Lexer lx) {
        lx.setSkipping(true);
        StringBuilder b = new StringBuilder();
        for (Token t = lx.nextInLine(); t != null; t = lx.nextInLine()) {
            if (!b.isEmpty() && t.spaceBefore()) {
                b.append(' ');
            }
            b.append(t.text());
        }
        return b.toString();
    }
}
