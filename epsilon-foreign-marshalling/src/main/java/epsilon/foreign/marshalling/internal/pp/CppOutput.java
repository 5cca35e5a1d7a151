package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code cpp -dD -E} prints into a {@link PreprocessedUnit}: GNU linemarkers ({@code # 12 "file" 1 3})
 * set the file and line of the lines after them, {@code #define} and {@code #undef} lines build the macro table,
 * {@code #pragma} lines become {@link TokenKind#PRAGMA} tokens, and every other line is tokens, taken as they are
 * (cpp has expanded them). A token's column is where cpp printed it, which is where it was written for a token
 * that begins a source line; {@code expandedFrom} is unknown here and stays null.
 */
final class CppOutput {
    private static final Pattern LINEMARKER = Pattern.compile("^# (\\d+) \"((?:[^\"\\\\]|\\\\.)*)\"((?: \\d+)*)$");
    private static final Pattern DIAGNOSTIC = Pattern.compile(
            "^(.+?):(\\d+):(\\d+): (fatal error|error|warning): (.*)$");
    static final String STDIN = "<stdin>";

    private CppOutput() {}

    /**
     * Builds the unit from cpp's standard output and error.
     *
     * @param sourceName the name to give the text cpp read as {@code <stdin>}
     */
    static PreprocessedUnit read(String stdout, String stderr, String sourceName, PreprocessorConfig.Limits limits) {
        List<Token> tokens = new ArrayList<>();
        Map<String, Macro> macros = new LinkedHashMap<>();
        Set<String> files = new LinkedHashSet<>();
        String file = sourceName;
        int line = 1;
        for (String text : stdout.split("\r?\n", -1)) {
            Matcher marker = LINEMARKER.matcher(text);
            if (marker.matches()) {
                file = name(Directives.unescape(marker.group(2)), sourceName);
                line = Integer.parseInt(marker.group(1));
                if (!file.startsWith("<") || file.equals(sourceName)) {
                    files.add(file);
                }
                continue;
            }
            if (text.startsWith("#define ")) {
                SourcePosition at = position(file, line, 9);
                boolean builtIn = file.equals("<built-in>");
                Macro m = DefineParser.parseText(text.substring(8), builtIn ? SourcePosition.BUILT_IN : at, builtIn);
                macros.remove(m.name());
                macros.put(m.name(), m);
            } else if (text.startsWith("#undef ")) {
                macros.remove(text.substring(7).trim());
            } else if (text.startsWith("#pragma")) {
                List<Token> pragma = lex(text.substring(7), file, line);
                tokens.add(new Token(TokenKind.PRAGMA, Pragmas.text(pragma), position(file, line, 1), true));
            } else {
                for (Token t : lex(text, file, line)) {
                    boolean space = t.spaceBefore() || !tokens.isEmpty() && lineStart(t, text);
                    tokens.add(space == t.spaceBefore() ? t : new Token(t.kind(), t.text(), t.position(), space));
                }
            }
            line++;
        }
        SourcePosition end = position(file, Math.max(1, line - 1), 1);
        tokens.add(new Token(TokenKind.END, "", end, false));
        List<String> warnings = new ArrayList<>();
        for (String d : stderr.split("\r?\n")) {
            Matcher m = DIAGNOSTIC.matcher(d);
            if (m.matches() && m.group(4).equals("warning")) {
                warnings.add(name(m.group(1), sourceName) + ":" + m.group(2) + ":" + m.group(3) + ": warning: "
                        + m.group(5));
            }
        }
        return new PreprocessedUnit(tokens, java.util.Collections.unmodifiableMap(macros), warnings,
                List.copyOf(files), limits, 0);
    }

    /** The error cpp reported first, as a ParseError at its position; null when stderr has none. */
    static ParseError error(String stderr, String sourceName) {
        for (String d : stderr.split("\r?\n")) {
            Matcher m = DIAGNOSTIC.matcher(d);
            if (m.matches() && !m.group(4).equals("warning")) {
                String file = name(m.group(1), sourceName);
                int line = Integer.parseInt(m.group(2));
                int column = Integer.parseInt(m.group(3));
                return new ParseError(file + ":" + line + ":" + column + ": " + m.group(5), file, line, column);
            }
        }
        return null;
    }

    /** A token is the first of its output line when only spaces precede it there: the line break is its space. */
    private static boolean lineStart(Token t, String text) {
        return text.substring(0, t.position().column() - 1).isBlank();
    }

    private static List<Token> lex(String text, String file, int line) {
        List<Token> out = new ArrayList<>();
        Lexer lexer = new Lexer(file, text);
        lexer.setOtherCharacters(true);
        for (Token t = lexer.next(); t.kind() != TokenKind.END; t = lexer.next()) {
            Token placed = new Token(t.kind(), t.text(), position(file, line, t.position().column()), t.spaceBefore());
            out.add(Errors.notStray(placed));
        }
        return out;
    }

    private static SourcePosition position(String file, int line, int column) {
        return new SourcePosition(file, line, column);
    }

    private static String name(String file, String sourceName) {
        return file.equals(STDIN) ? sourceName : file;
    }
}
