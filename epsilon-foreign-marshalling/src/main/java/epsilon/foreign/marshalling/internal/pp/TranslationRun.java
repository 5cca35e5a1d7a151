package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One preprocessing run: the stack of open files, the conditional groups, the macro table, and the output. It is
 * the expander's input ({@link TokenInput}): asked for a token, it reads the current file, runs the directives it
 * meets (through {@link Directives}), skips what {@code #if} excludes, and moves between files.
 */
final class TranslationRun implements TokenInput, ExpansionContext {
    /** A file being read. */
    static final class OpenFile {
        final HeaderFile file;
        final Lexer lexer;
        final Path directory;
        final int conditionalBase;
        final IncludeGuard guard = new IncludeGuard();

        OpenFile(HeaderFile file, Lexer lexer, Path directory, int conditionalBase) {
            this.file = file;
            this.lexer = lexer;
            this.directory = directory;
            this.conditionalBase = conditionalBase;
        }
    }

    final PreprocessorConfig config;
    final MacroTable table;
    final MacroExpander expander;
    final Conditionals conditionals;
    final List<Token> out = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final CharacterConstants characters;
    private final HeaderSearch search;
    private final Directives directives;
    private final Deque<OpenFile> stack = new ArrayDeque<>();
    private final Set<String> files = new LinkedHashSet<>();
    private final Set<String> once = new HashSet<>();
    private final Map<String, String> guards = new HashMap<>();
    private String baseFile;
    private Token pendingHash;
    private boolean returnedAny;
    private SourcePosition endPosition = SourcePosition.BUILT_IN;
    private int filesRead;

    TranslationRun(PreprocessorConfig config, HeaderSearch search, MacroTable table) {
        this.config = config;
        this.search = search;
        this.table = table;
        this.conditionals = new Conditionals(config.limits().maxConditionalDepth());
        this.expander = new MacroExpander(table, config.limits(), this);
        this.characters = CharacterConstants.of(table);
        this.directives = new Directives(this);
    }

    /** Preprocesses {@code text} as the main file named {@code file.name()}, looking for quote includes in
     *  {@code directory} first. */
    PreprocessedUnit run(HeaderFile file, String text, Path directory) {
        baseFile = file.name();
        if (text.length() > config.limits().maxFileSize()) {
            throw Errors.at(new SourcePosition(file.name(), 1, 1), "text of " + text.length()
                    + " chars is more than the limit of " + config.limits().maxFileSize() + " (limit maxFileSize)");
        }
        open(file, text, directory, null);
        expander.run(this, t -> out.add(Errors.notStray(t)));
        out.add(new Token(TokenKind.END, "", endPosition, false));
        return new PreprocessedUnit(out, table.snapshot(), warnings, List.copyOf(files), config.limits(),
                expander.counter());
    }

    OpenFile top() {
        return stack.peek();
    }

    private void open(HeaderFile file, String text, Path directory, Token includedAt) {
        if (++filesRead > config.limits().maxIncludes()) {
            throw Errors.at(includedAt, "more than " + config.limits().maxIncludes() + " files read in one run"
                    + " (limit maxIncludes) including " + file.name());
        }
        files.add(file.name());
        Lexer lexer = new Lexer(file.name(), text);
        lexer.setOtherCharacters(true);
        stack.push(new OpenFile(file, lexer, directory, conditionals.depth()));
    }

    @Override
    public Token next(Mode mode, Token macro) {
        while (true) {
            OpenFile f = stack.peek();
            if (pendingHash != null) {
                if (mode == Mode.PAREN) {
                    return null;
                }
                Token hash = pendingHash;
                pendingHash = null;
                directives.run(hash, mode, macro);
                continue;
            }
            boolean skipping = conditionals.skipping();
            f.lexer.setSkipping(skipping);
            Token t = f.lexer.next();
            if (t.kind() == TokenKind.END) {
                if (mode == Mode.PAREN) {
                    return null;
                }
                if (mode == Mode.ARGUMENTS) {
                    return t;
                }
                close(f, t);
                if (stack.isEmpty()) {
                    endPosition = t.position();
                    return t;
                }
                continue;
            }
            if (t.kind() == TokenKind.PUNCTUATOR && t.text().equals("#") && f.lexer.atLineStart()) {
                if (mode == Mode.PAREN) {
                    pendingHash = t;
                    return null;
                }
                directives.run(t, mode, macro);
                continue;
            }
            if (skipping) {
                continue;
            }
            f.guard.token();
            checkPoison(t);
            if (!t.spaceBefore() && returnedAny && f.lexer.atLineStart()) {
                // the first token of an included file still starts a line of the output
                t = new Token(t.kind(), t.text(), t.position(), true);
            }
            returnedAny = true;
            return t;
        }
    }

    void checkPoison(Token t) {
        if (t.kind() == TokenKind.IDENTIFIER && table.isPoisoned(t.text())) {
            throw Errors.at(t, "attempt to use poisoned \"" + t.text() + "\"");
        }
    }

    private void close(OpenFile f, Token end) {
        Token open = conditionals.unclosed(f.conditionalBase);
        if (open != null) {
            throw Errors.at(open, "unterminated #" + open.text() + " (reached the end of " + f.file.name()
                    + " at line " + end.position().line() + ")");
        }
        String guard = f.guard.guardMacro();
        if (guard != null) {
            guards.put(f.file.identity(), guard);
        }
        stack.pop();
    }

    /** {@code #include}, {@code #include_next} or {@code #import} of {@code header}, written at {@code at}. */
    void include(HeaderName header, Token at, boolean next, boolean importOnce) {
        OpenFile current = stack.peek();
        if (stack.size() >= config.limits().maxIncludeDepth()) {
            throw Errors.at(at, "#include nested depth " + stack.size() + " exceeds maximum of "
                    + config.limits().maxIncludeDepth() + " (limit maxIncludeDepth) including \"" + header.name()
                    + "\"");
        }
        int after = next ? current.file.index() : -1;
        if (next && after < 0) {
            next = false;
        }
        HeaderFile found = search.find(header.name(), header.angled(), current.directory, after);
        if (found == null) {
            throw Errors.at(at, (header.angled() ? "<" + header.name() + ">" : "\"" + header.name() + "\"")
                    + ": file not found; searched " + String.join(", ",
                    search.searched(header.angled(), current.directory, after)));
        }
        String identity = found.identity();
        if (once.contains(identity)) {
            return;
        }
        String guard = guards.get(identity);
        if (guard != null && table.isDefined(guard)) {
            return;
        }
        if (importOnce) {
            once.add(identity);
        }
        String text = found.read(config.limits().maxFileSize(), at.position());
        Path dir = found.path() == null ? null : parentOf(found.path());
        open(found, text, dir, at);
    }

    private static Path parentOf(Path p) {
        Path parent = p.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** {@code #pragma once}: the current file is not read again. */
    void pragmaOnce() {
        once.add(stack.peek().file.identity());
    }

    @Override
    public String currentFile(Token fallback) {
        OpenFile f = stack.peek();
        return f == null ? fallback.position().source() : f.lexer.presumedSource();
    }

    @Override
    public int includeLevel() {
        return Math.max(0, stack.size() - 1);
    }

    @Override
    public String baseFile() {
        return baseFile;
    }

    @Override
    public boolean hasInclude(String name, boolean angled, boolean next, Token at) {
        OpenFile current = stack.peek();
        int after = next && current.file.index() >= 0 ? current.file.index() : -1;
        return !name.isEmpty() && search.find(name, angled, current.directory, after) != null;
    }

    @Override
    public Token pragma(List<Token> tokens, SourcePosition at, String expandedFrom) {
        return directives.pragma(tokens, at, expandedFrom);
    }
}
