package epsilon.foreign.marshalling.internal.source;

import epsilon.foreign.marshalling.ParseError;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits C text into preprocessing tokens (C17 6.4): identifiers, pp-numbers, character constants, string
 * literals and punctuators, with comments and white space between them. Translation phases 1 and 2 happen here
 * too: {@code \r\n} and a lone {@code \r} are newlines, and a backslash before a newline (also with spaces or tabs
 * between, as gcc accepts) joins the lines, even inside a token. Positions stay those of the physical text: a
 * token's position is the line and column of its first character as written.
 *
 * <p>The preprocessor drives the lexer a line at a time: {@link #next()} crosses newlines, {@link #nextInLine()}
 * stops at the end of the current line (a directive's end), {@link #atLineStart()} tells whether the last token
 * began a line. In {@link #setSkipping(boolean) skipping} mode (a group skipped by {@code #if 0}) characters C
 * does not allow and unterminated quotes are tokens rather than errors, as gcc tolerates them there. A newline
 * counts as white space before the next token, so {@link Token#spaceBefore()} is true for a token that starts a
 * line (except the first of the text).
 *
 * <p>Not thread-safe: one lexer reads one text.
 */
public final class Lexer {
    private final String source;
    /** The text after phase 1 and 2: splices removed, every newline a single {@code '\n'}. */
    private final char[] c;
    private final int n;
    /** Physical offset in {@link #text} of each logical character (and of the end), or null when they match. */
    private final int[] physical;
    /** Physical offsets where lines start. */
    private final int[] lineStarts;

    private int i;
    private boolean skipping;
    private boolean otherCharacters;
    private boolean newLine = true;
    private boolean lastAtLineStart;
    private boolean first = true;
    private String presumedName;
    private int lineDelta;

    /**
     * @param source the name positions carry (a file path, or a label such as {@code <string>})
     * @param text   the C text
     */
    public Lexer(String source, String text) {
        this.source = source;
        int len = text.length();
        char[] out = new char[len];
        int[] map = null;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int k = 0;
        for (int p = 0; p < len; ) {
            char ch = text.charAt(p);
            if (ch == '\\') {
                int q = p + 1;
                while (q < len && (text.charAt(q) == ' ' || text.charAt(q) == '\t')) {
                    q++;
                }
                if (q < len && (text.charAt(q) == '\n' || text.charAt(q) == '\r')) {
                    if (map == null) {
                        map = identity(len + 1, k);
                    }
                    q += text.charAt(q) == '\r' && q + 1 < len && text.charAt(q + 1) == '\n' ? 2 : 1;
                    starts.add(q);
                    p = q;
                    continue;
                }
            }
            if (map != null) {
                map[k] = p;
            }
            if (ch == '\r') {
                if (map == null) {
                    map = identity(len + 1, k);
                }
                p += p + 1 < len && text.charAt(p + 1) == '\n' ? 2 : 1;
                out[k++] = '\n';
                starts.add(p);
                continue;
            }
            out[k++] = ch;
            p++;
            if (ch == '\n') {
                starts.add(p);
            }
        }
        if (map != null) {
            map[k] = len;
        }
        this.c = out;
        this.n = k;
        this.physical = map;
        int[] lines = new int[starts.size()]; // a loop, not a stream: no class to spin on a program's first call
        for (int i = 0; i < lines.length; i++) {
            lines[i] = starts.get(i);
        }
        this.lineStarts = lines;
    }

    private static int[] identity(int size, int upTo) {
        int[] map = new int[size];
        for (int j = 0; j <= upTo; j++) {
            map[j] = j;
        }
        return map;
    }

    /** Every token of {@code text}, ending with one {@link TokenKind#END} token. */
    public static List<Token> tokenize(String source, String text) {
        Lexer lexer = new Lexer(source, text);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != TokenKind.END);
        return tokens;
    }

    /**
     * The one token {@code text} spells exactly, or null when it is no token, several, or has white space or a
     * comment in it: what {@code ##} needs to know whether a paste is valid.
     */
    public static Token single(String text, SourcePosition at) {
        Lexer lexer = new Lexer(at.source(), text);
        try {
            Token t = lexer.next();
            if (t.kind() == TokenKind.END || t.spaceBefore() || lexer.next().kind() != TokenKind.END) {
                return null;
            }
            return new Token(t.kind(), t.text(), at, false);
        } catch (ParseError e) {
            return null;
        }
    }

    /** The name of the text, as changed by {@code #line} if it was. */
    public String presumedSource() {
        return presumedName != null ? presumedName : source;
    }

    /** In skipping mode a character C does not allow, or an unterminated quote, is a token instead of an error. */
    public void setSkipping(boolean skipping) {
        this.skipping = skipping;
    }

    /**
     * With {@code true}, a character C does not allow ({@code @}, a backtick, a lone backslash) is a one-character
     * {@link TokenKind#PUNCTUATOR} token (C17 6.4p1's "each non-white-space character that cannot be one of the
     * above") rather than an error: the preprocessor lets it through, since {@code #} may still make it part of a
     * string (C17 6.10.3.5 EXAMPLE 4), and reports it only if it reaches the output ({@link #isStray(Token)}).
     */
    public void setOtherCharacters(boolean allowed) {
        this.otherCharacters = allowed;
    }

    /** Whether {@code t} is a character C does not allow, lexed as a token in {@link #setOtherCharacters} mode. */
    public static boolean isStray(Token t) {
        if (t.kind() != TokenKind.PUNCTUATOR) {
            return false;
        }
        String s = t.text();
        char ch = s.charAt(0);
        return s.length() == 1 && "[](){}.&*+-~!/%<>^|?:;=,#".indexOf(ch) < 0 || s.length() > 1
                && Character.charCount(s.codePointAt(0)) == s.length();
    }

    /** Whether the token most recently returned by {@link #next()} or {@link #nextInLine()} began its line. */
    public boolean atLineStart() {
        return lastAtLineStart;
    }

    /**
     * Numbers the line after the current one {@code line} and names the text {@code name} from there on (when not
     * null): what {@code #line} and a GNU linemarker do. Call it when the directive's tokens have been read.
     */
    public void presume(String name, int line) {
        int physicalLineOfNext = physicalLine(physicalOffset(i)) + 1;
        lineDelta = line - physicalLineOfNext;
        if (name != null) {
            presumedName = name;
        }
    }

    /** The next token, crossing newlines; an {@link TokenKind#END} token at the end of the text. */
    public Token next() {
        boolean space = skipHorizontal();
        boolean crossed = false;
        while (i < n && c[i] == '\n') {
            i++;
            newLine = true;
            crossed = true;
            space = skipHorizontal();
        }
        // a newline is white space before the token, except before the first token of the text
        return token(space || crossed && !first);
    }

    /** The next token on the current line, or null (nothing consumed but white space) at the line's end. */
    public Token nextInLine() {
        boolean space = skipHorizontal();
        if (i >= n || c[i] == '\n') {
            return null;
        }
        return token(space);
    }

    /**
     * Reads a header name ({@code <stdio.h>} or {@code "x.h"}, delimiters included, no escapes) if one comes next
     * on this line; returns null and consumes only white space otherwise. The token's kind is
     * {@link TokenKind#STRING} for both forms.
     */
    public Token headerName() {
        boolean space = skipHorizontal();
        if (i >= n || c[i] != '<' && c[i] != '"') {
            return null;
        }
        char close = c[i] == '<' ? '>' : '"';
        int j = i + 1;
        while (j < n && c[j] != close && c[j] != '\n') {
            j++;
        }
        if (j >= n || c[j] != close) {
            return null;
        }
        int start = i;
        i = j + 1;
        return made(TokenKind.STRING, start, space);
    }

    /** Consumes the rest of the current line's tokens leniently, up to (not including) its newline. */
    public void skipRestOfLine() {
        boolean was = skipping;
        skipping = true;
        try {
            while (nextInLine() != null) {
                // discarded: extra tokens after a directive, or a line of a skipped group
            }
        } finally {
            skipping = was;
        }
    }

    /** The position of the next character to read (the end of the text at the end). */
    public SourcePosition position() {
        return positionOf(i);
    }

    /** Skips spaces, tabs, form feeds, vertical tabs and comments, not newlines; whether anything was skipped. */
    private boolean skipHorizontal() {
        boolean any = false;
        while (i < n) {
            char ch = c[i];
            if (ch == ' ' || ch == '\t' || ch == '\f' || ch == 0x0B) {
                i++;
            } else if (ch == '/' && i + 1 < n && c[i + 1] == '*') {
                int start = i;
                i += 2;
                while (i < n && !(c[i] == '*' && i + 1 < n && c[i + 1] == '/')) {
                    i++;
                }
                if (i >= n) {
                    throw error(start, "unterminated comment");
                }
                i += 2;
            } else if (ch == '/' && i + 1 < n && c[i + 1] == '/') {
                while (i < n && c[i] != '\n') {
                    i++;
                }
            } else {
                return any;
            }
            any = true;
        }
        return any;
    }

    private Token token(boolean space) {
        lastAtLineStart = newLine;
        newLine = false;
        first = false;
        if (i >= n) {
            return new Token(TokenKind.END, "", positionOf(n), space);
        }
        int start = i;
        char ch = c[i];
        if (ch >= '0' && ch <= '9' || ch == '.' && i + 1 < n && c[i + 1] >= '0' && c[i + 1] <= '9') {
            return number(start, space);
        }
        if (ch == '\'' || ch == '"') {
            return quoted(start, start, space);
        }
        int prefix = literalPrefix();
        if (prefix > 0) {
            return quoted(start, start + prefix, space);
        }
        if (identifierCharAt(i, true) > 0) {
            return identifier(start, space);
        }
        Token p = punctuator(start, space);
        if (p != null) {
            return p;
        }
        int cp = Character.codePointAt(c, i, n);
        i += Character.charCount(cp);
        if (skipping || otherCharacters) {
            return made(TokenKind.PUNCTUATOR, start, space);
        }
        throw error(start, "stray " + describe(cp) + " in program");
    }

    /** The length of an {@code L}, {@code u}, {@code U} or {@code u8} prefix directly followed by a quote, or 0. */
    private int literalPrefix() {
        char ch = c[i];
        int len = ch == 'u' && i + 1 < n && c[i + 1] == '8' ? 2 : ch == 'L' || ch == 'u' || ch == 'U' ? 1 : 0;
        if (len > 0 && i + len < n && (c[i + len] == '\'' || c[i + len] == '"')) {
            return len;
        }
        return 0;
    }

    private Token number(int start, boolean space) {
        i++;
        while (i < n) {
            char ch = c[i];
            if ((ch == 'e' || ch == 'E' || ch == 'p' || ch == 'P') && i + 1 < n && (c[i + 1] == '+' || c[i + 1] == '-')) {
                i += 2;
            } else if (ch == '.') {
                i++;
            } else {
                int len = identifierCharAt(i, false);
                if (len == 0) {
                    break;
                }
                i += len;
            }
        }
        return made(TokenKind.NUMBER, start, space);
    }

    private Token identifier(int start, boolean space) {
        i += identifierCharAt(i, true);
        while (i < n) {
            int len = identifierCharAt(i, false);
            if (len == 0) {
                break;
            }
            i += len;
        }
        if (!skipping && i < n) {
            int cp = Character.codePointAt(c, i, n);
            if (cp == 0 || Character.isIdentifierIgnorable(cp) || Character.getType(cp) == Character.FORMAT) {
                throw error(i, "invisible character " + describe(cp) + " inside identifier '"
                        + String.valueOf(c, start, i - start) + "'");
            }
        }
        return made(TokenKind.IDENTIFIER, start, space);
    }

    /**
     * The number of chars at {@code at} that form one identifier character (a code point CIdentifiers accepts, or
     * a universal character name {@code \u00E9}), or 0.
     */
    private int identifierCharAt(int at, boolean start) {
        if (at >= n) {
            return 0;
        }
        char ch = c[at];
        if (ch == '\\' && at + 1 < n && (c[at + 1] == 'u' || c[at + 1] == 'U')) {
            int digits = c[at + 1] == 'u' ? 4 : 8;
            if (at + 2 + digits > n) {
                return 0;
            }
            int cp = 0;
            for (int j = at + 2; j < at + 2 + digits; j++) {
                int d = Character.digit(c[j], 16);
                if (d < 0) {
                    return 0;
                }
                cp = cp * 16 + d;
            }
            boolean ok = Character.isValidCodePoint(cp) && (start ? CIdentifiers.isStart(cp) : CIdentifiers.isPart(cp));
            return ok ? 2 + digits : 0;
        }
        int cp = Character.codePointAt(c, at, n);
        boolean ok = start ? CIdentifiers.isStart(cp) : CIdentifiers.isPart(cp);
        return ok ? Character.charCount(cp) : 0;
    }

    private Token quoted(int start, int quoteAt, boolean space) {
        char quote = c[quoteAt];
        int j = quoteAt + 1;
        while (j < n && c[j] != quote && c[j] != '\n') {
            j += c[j] == '\\' && j + 1 < n && c[j + 1] != '\n' ? 2 : 1;
        }
        if (j >= n || c[j] != quote) {
            if (skipping) {
                i = quoteAt + 1;
                return made(TokenKind.PUNCTUATOR, start, space);
            }
            throw error(start, "missing terminating " + quote + " character");
        }
        i = j + 1;
        return made(quote == '"' ? TokenKind.STRING : TokenKind.CHARACTER, start, space);
    }

    private Token punctuator(int start, boolean space) {
        String spelled = punctuatorAt();
        if (spelled == null) {
            return null;
        }
        String normal = switch (spelled) {
            case "<:" -> "[";
            case ":>" -> "]";
            case "<%" -> "{";
            case "%>" -> "}";
            case "%:" -> "#";
            case "%:%:" -> "##";
            default -> spelled;
        };
        i += spelled.length();
        return new Token(TokenKind.PUNCTUATOR, normal, positionOf(start), space);
    }

    private String punctuatorAt() {
        char a = c[i];
        char b = i + 1 < n ? c[i + 1] : 0;
        char d = i + 2 < n ? c[i + 2] : 0;
        switch (a) {
            case '[', ']', '(', ')', '{', '}', '~', '?', ';', ',':
                return String.valueOf(a);
            case '.':
                return b == '.' && d == '.' ? "..." : ".";
            case '-':
                return b == '>' || b == '-' || b == '=' ? "-" + b : "-";
            case '+':
                return b == '+' || b == '=' ? "+" + b : "+";
            case '&':
                return b == '&' || b == '=' ? "&" + b : "&";
            case '|':
                return b == '|' || b == '=' ? "|" + b : "|";
            case '*', '/', '!', '=', '^':
                return b == '=' ? a + "=" : String.valueOf(a);
            case '<':
                if (b == '<') {
                    return d == '=' ? "<<=" : "<<";
                }
                return b == '=' || b == ':' || b == '%' ? "<" + b : "<";
            case '>':
                if (b == '>') {
                    return d == '=' ? ">>=" : ">>";
                }
                return b == '=' ? ">=" : ">";
            case ':':
                return b == '>' ? ":>" : ":";
            case '#':
                return b == '#' ? "##" : "#";
            case '%':
                if (b == ':') {
                    return d == '%' && i + 3 < n && c[i + 3] == ':' ? "%:%:" : "%:";
                }
                return b == '=' || b == '>' ? "%" + b : "%";
            default:
                return null;
        }
    }

    private Token made(TokenKind kind, int start, boolean space) {
        return new Token(kind, String.valueOf(c, start, i - start), positionOf(start), space);
    }

    private int physicalOffset(int logical) {
        return physical == null ? logical : physical[logical];
    }

    private int physicalLine(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private SourcePosition positionOf(int logical) {
        int offset = physicalOffset(logical);
        int line = physicalLine(offset);
        int column = offset - lineStarts[line - 1] + 1;
        return new SourcePosition(presumedSource(), line + lineDelta, column);
    }

    private ParseError error(int at, String what) {
        SourcePosition p = positionOf(at);
        return new ParseError(p + ": " + what, p.source(), p.line(), p.column());
    }

    /** How an error message shows a character: {@code '@'}, or {@code U+200B} for one that cannot be seen. */
    public static String describe(int cp) {
        if (cp >= 0x20 && cp < 0x7F) {
            return "'" + (char) cp + "'";
        }
        return String.format("U+%04X", cp);
    }
}
