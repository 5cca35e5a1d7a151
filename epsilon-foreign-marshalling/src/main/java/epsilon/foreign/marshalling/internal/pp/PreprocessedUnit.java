package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.List;
import java.util.Map;

/**
 * The result of preprocessing one translation unit: the expanded tokens, the macros in force at its end, the
 * warnings, and the files read. Immutable and safe to share between threads; {@link #expand(List)} works on its
 * own state each call.
 */
public final class PreprocessedUnit {
    private final List<Token> tokens;
    private final Map<String, Macro> macros;
    private final List<String> warnings;
    private final List<String> files;
    private final MacroTable table;
    private final PreprocessorConfig.Limits limits;
    private final int counter;

    PreprocessedUnit(List<Token> tokens, Map<String, Macro> macros, List<String> warnings, List<String> files,
            PreprocessorConfig.Limits limits, int counter) {
        this.tokens = List.copyOf(tokens);
        this.macros = macros;
        this.warnings = List.copyOf(warnings);
        this.files = List.copyOf(files);
        this.limits = limits;
        this.counter = counter;
        this.table = MacroTable.of(macros);
    }

    /**
     * The expanded translation unit: directives removed, macros expanded, each {@code #pragma} the parser should
     * see as one {@link TokenKind#PRAGMA} token in its place, and one {@link TokenKind#END} token last.
     */
    public List<Token> tokens() {
        return tokens;
    }

    /**
     * The macro definitions in force at the end, in the order they were (last) defined, predefined ones first and
     * flagged {@link Macro#builtIn()}. Unmodifiable.
     */
    public Map<String, Macro> macros() {
        return macros;
    }

    /**
     * Fully macro-expands {@code tokens} under the final macro table, as the text after the last line would be:
     * how the parser turns {@code #define Z_OK 0} or {@code #define SQLITE_IOERR_READ (SQLITE_IOERR | (1<<8))}
     * into a constant (ask for {@code macros().get(name).replacement()} expanded). {@code __LINE__} and
     * {@code __FILE__} take the tokens' own positions; {@code __has_include} is an error here, as outside
     * {@code #if}.
     */
    public List<Token> expand(List<Token> tokens) {
        MacroExpander expander = new MacroExpander(table, limits, new ExpansionContext() {
            @Override
            public String currentFile(Token fallback) {
                return fallback.position().source();
            }

            @Override
            public int includeLevel() {
                return 0;
            }

            @Override
            public String baseFile() {
                return files.isEmpty() ? "" : files.getFirst();
            }

            @Override
            public boolean hasInclude(String name, boolean angled, boolean next, Token at) {
                return false;
            }

            @Override
            public Token pragma(List<Token> pragma, SourcePosition at, String expandedFrom) {
                return new Token(TokenKind.PRAGMA, Pragmas.text(pragma), at, true, expandedFrom);
            }
        });
        expander.counter(counter);
        return expander.expandLine(tokens, false).stream().map(Errors::notStray).toList();
    }

    /** {@code #warning} texts and notices such as redefinitions, each starting with its position. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every file read, in the order first read, by the names positions use. */
    public List<String> files() {
        return files;
    }
}
