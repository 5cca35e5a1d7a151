package epsilon.foreign.struct.internal;

import epsilon.foreign.struct.DeclarationException;
import java.util.ArrayList;
import java.util.List;

/** C header text to tokens, skipping comments and preprocessor lines, each token with its line and column. */
public final class HeaderLexer {
    /** An identifier, a number, or one punctuation character. */
    public record Token(String text, boolean identifier, boolean number, int line, int column) {
        public boolean is(String s) {
            return text.equals(s);
        }
    }

    private HeaderLexer() {}

    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int column = 1;
        boolean lineStart = true;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                lineStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                column++;
                continue;
            }
            if (lineStart && c == '#') { // a preprocessor line, with its continuations
                while (i < text.length() && (text.charAt(i) != '\n' || text.charAt(i - 1) == '\\')) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                    i++;
                }
                column = 1;
                continue;
            }
            lineStart = false;
            if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new DeclarationException("comment is never closed", line, column);
                }
                for (int k = i; k < end + 2; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
                i = end + 2;
                continue;
            }
            int start = i;
            if (Character.isJavaIdentifierStart(c)) {
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), true, false, line, column));
            } else if (Character.isDigit(c)) {
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), false, true, line, column));
            } else if ("{}()[];,*:=+-<>".indexOf(c) >= 0) {
                i++;
                out.add(new Token(String.valueOf(c), false, false, line, column));
            } else {
                throw new DeclarationException("unexpected character '" + c + "'", line, column);
            }
            column += i - start;
        }
        out.add(new Token("end of text", false, false, line, column));
        return out;
    }
}
