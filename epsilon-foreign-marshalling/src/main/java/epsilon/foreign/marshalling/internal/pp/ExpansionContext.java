package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;

import java.util.List;

/** What macro expansion needs from the run around it: the values of the dynamic macros, includes, pragmas. */
interface ExpansionContext {
    /** The presumed name of the file being read ({@code __FILE__}), or {@code fallback}'s source outside a run. */
    String currentFile(Token fallback);

    /** How deeply the current file is included: 0 for the main file ({@code __INCLUDE_LEVEL__}). */
    int includeLevel();

    /** The main file's name ({@code __BASE_FILE__}). */
    String baseFile();

    /** Whether {@code __has_include} or {@code __has_include_next} finds {@code name}. */
    boolean hasInclude(String name, boolean angled, boolean next, Token at);

    /**
     * Executes the pragma whose tokens (after the word {@code pragma}) are {@code tokens}: returns the
     * {@link epsilon.foreign.marshalling.internal.source.TokenKind#PRAGMA} token to pass on, or null when the
     * preprocessor consumed it ({@code once}, {@code push_macro}, ...).
     */
    Token pragma(List<Token> tokens, SourcePosition at, String expandedFrom);
}
