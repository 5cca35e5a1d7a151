package epsilon.foreign.marshalling.internal.source;

/**
 * What may appear in a C identifier: ASCII letters, digits (not first), {@code _} and {@code $} (a GNU extension
 * that real headers use), and beyond ASCII the letters, digits and combining marks C11 Annex D allows. Never a
 * control, format or invisible character: a NUL, a zero-width space (U+200B) or a right-to-left override
 * (U+202E) inside a name would make two names that look alike differ, so the lexer refuses them.
 */
public final class CIdentifiers {
    private CIdentifiers() {}

    /** Whether {@code codePoint} may start an identifier. */
    public static boolean isStart(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint >= 'a' && codePoint <= 'z' || codePoint >= 'A' && codePoint <= 'Z' || codePoint == '_'
                    || codePoint == '$';
        }
        return Character.isLetter(codePoint) && !Character.isIdentifierIgnorable(codePoint);
    }

    /** Whether {@code codePoint} may continue an identifier. */
    public static boolean isPart(int codePoint) {
        if (codePoint < 0x80) {
            return isStart(codePoint) || codePoint >= '0' && codePoint <= '9';
        }
        if (Character.isIdentifierIgnorable(codePoint)) {
            return false;
        }
        int type = Character.getType(codePoint);
        return Character.isLetterOrDigit(codePoint) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.CONNECTOR_PUNCTUATION;
    }

    /** Whether {@code text} is one whole identifier. */
    public static boolean isIdentifier(String text) {
        if (text.isEmpty() || !isStart(text.codePointAt(0))) {
            return false;
        }
        for (int i = Character.charCount(text.codePointAt(0)); i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!isPart(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
