package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The values of C literals: integer constants with the type C17 6.4.4.1 gives them (by value, base and suffix),
 * floating constants, character constants and string literals with their escapes, adjacent strings joined.
 */
final class Literals {
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    private Literals() {}

    /** An integer or floating constant. */
    static Constant number(Token token, TokenCursor cursor) {
        String text = token.text().replace("'", "");
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean hex = lower.startsWith("0x");
        boolean floating = hex ? lower.contains("p") || lower.contains(".")
                : lower.contains(".") || lower.contains("e");
        if (floating) {
            return floatingConstant(token, lower, cursor);
        }
        int end = lower.length();
        while (end > 0 && (lower.charAt(end - 1) == 'u' || lower.charAt(end - 1) == 'l')) {
            end--;
        }
        String suffix = lower.substring(end);
        String digits = lower.substring(0, end);
        int radix = 10;
        if (hex) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger value;
        try {
            value = new BigInteger(digits.isEmpty() ? "x" : digits, radix);
        } catch (NumberFormatException e) {
            throw cursor.error(token, "invalid integer constant " + token.text());
        }
        if (value.compareTo(TWO_TO_THE_64) >= 0) {
            throw cursor.error(token, "integer constant " + token.text() + " is too large for any C integer type");
        }
        boolean unsigned = suffix.contains("u");
        int longs = suffix.replace("u", "").length();
        if (longs > 2 || suffix.length() - longs > 1 || longs == 2 && !suffix.contains("ll")) {
            throw cursor.error(token, "invalid suffix '" + suffix + "' on integer constant " + token.text());
        }
        CType type = typeOf(value, unsigned, longs, radix != 10);
        if (type == null) {
            throw cursor.error(token, "integer constant " + token.text() + " does not fit a signed type: add a 'u'");
        }
        return new Constant(type, value.longValue());
    }

    /** The first type of C17's list for the constant's suffix and base that can represent it. */
    private static CType typeOf(BigInteger value, boolean unsigned, int longs, boolean octalOrHex) {
        CType[] candidates = switch (longs) {
            case 0 -> unsigned ? new CType[] {CType.UNSIGNED_INT, CType.UNSIGNED_LONG, CType.UNSIGNED_LONG_LONG}
                    : octalOrHex ? new CType[] {CType.INT, CType.UNSIGNED_INT, CType.LONG, CType.UNSIGNED_LONG,
                            CType.LONG_LONG, CType.UNSIGNED_LONG_LONG}
                    : new CType[] {CType.INT, CType.LONG, CType.LONG_LONG};
            case 1 -> unsigned ? new CType[] {CType.UNSIGNED_LONG, CType.UNSIGNED_LONG_LONG}
                    : octalOrHex ? new CType[] {CType.LONG, CType.UNSIGNED_LONG, CType.LONG_LONG, CType.UNSIGNED_LONG_LONG}
                    : new CType[] {CType.LONG, CType.LONG_LONG};
            default -> unsigned ? new CType[] {CType.UNSIGNED_LONG_LONG}
                    : octalOrHex ? new CType[] {CType.LONG_LONG, CType.UNSIGNED_LONG_LONG}
                    : new CType[] {CType.LONG_LONG};
        };
        for (CType candidate : candidates) {
            int bits = (int) candidate.byteSize() * 8 - (candidate.isSigned() ? 1 : 0);
            if (value.bitLength() <= bits) {
                return candidate;
            }
        }
        return unsigned || octalOrHex ? null : value.bitLength() <= 64 ? CType.UNSIGNED_LONG_LONG : null;
    }

    private static Constant floatingConstant(Token token, String lower, TokenCursor cursor) {
        String digits = lower;
        CType type = CType.DOUBLE;
        if (digits.endsWith("f") && !digits.startsWith("0x") || digits.startsWith("0x") && digits.endsWith("f")
                && digits.contains("p")) {
            digits = digits.substring(0, digits.length() - 1);
            type = CType.FLOAT;
        } else if (digits.endsWith("l")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            double value = Double.parseDouble(digits.startsWith("0x") && !digits.contains("p") ? digits + "p0" : digits);
            return new Constant(type, type == CType.FLOAT ? (double) (float) value : value);
        } catch (NumberFormatException e) {
            throw cursor.error(token, "invalid floating constant " + token.text());
        }
    }

    /** A character constant's value, as an {@code int} (a wide one as its code point). */
    static Constant character(Token token, TokenCursor cursor) {
        String text = token.text();
        int quote = text.indexOf('\'');
        boolean wide = quote > 0;
        String body = text.substring(quote + 1, text.length() - 1);
        int[] units = decode(body, token, cursor);
        if (units.length == 0) {
            throw cursor.error(token, "empty character constant");
        }
        if (wide) {
            return new Constant(CType.INT, (long) units[units.length - 1]);
        }
        long value = 0;
        for (int unit : units) {
            value = (value << 8) | (unit & 0xFF);
        }
        if (units.length == 1) {
            value = CType.CHAR.isSigned() ? (byte) value : value & 0xFF;
        } else {
            value = (int) value;
        }
        return new Constant(CType.INT, value);
    }

    /** One or more adjacent string literals at the cursor, joined and decoded. */
    static String concatenatedString(TokenCursor cursor) {
        StringBuilder joined = new StringBuilder();
        while (cursor.peek().kind() == TokenKind.STRING) {
            Token token = cursor.next();
            String text = token.text();
            int quote = text.indexOf('"');
            int[] units = decode(text.substring(quote + 1, text.length() - 1), token, cursor);
            boolean bytes = quote == 0 || text.startsWith("u8");
            if (bytes) {
                byte[] raw = new byte[units.length];
                for (int i = 0; i < units.length; i++) {
                    raw[i] = (byte) units[i];
                }
                joined.append(new String(raw, StandardCharsets.UTF_8));
            } else {
                for (int unit : units) {
                    joined.appendCodePoint(unit);
                }
            }
        }
        return joined.toString();
    }

    /**
     * The code units of a literal's body: UTF-8 bytes of its characters and the values of its escapes
     * ({@code \n}, {@code \x41}, {@code \101}, {@code \u00e9}).
     */
    private static int[] decode(String body, Token token, TokenCursor cursor) {
        java.util.List<Integer> units = new java.util.ArrayList<>();
        for (int i = 0; i < body.length(); ) {
            char c = body.charAt(i);
            if (c != '\\') {
                int codePoint = body.codePointAt(i);
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    units.add(b & 0xFF);
                }
                i += Character.charCount(codePoint);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw cursor.error(token, "a literal ends with a lone backslash");
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> units.add(10);
                case 't' -> units.add(9);
                case 'r' -> units.add(13);
                case 'a' -> units.add(7);
                case 'b' -> units.add(8);
                case 'f' -> units.add(12);
                case 'v' -> units.add(11);
                case 'e', 'E' -> units.add(27);
                case '\\', '\'', '"', '?' -> units.add((int) e);
                case 'x' -> {
                    int start = i;
                    while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw cursor.error(token, "\\x with no hex digits in " + token.text());
                    }
                    units.add(new BigInteger(body.substring(start, i), 16).intValue());
                }
                case 'u', 'U' -> {
                    int length = e == 'u' ? 4 : 8;
                    if (i + length > body.length()) {
                        throw cursor.error(token, "incomplete universal character name in " + token.text());
                    }
                    int codePoint = Integer.parseInt(body.substring(i, i + length), 16);
                    i += length;
                    for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                        units.add(b & 0xFF);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int n = 0; n < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; n++) {
                            value = value * 8 + body.charAt(i++) - '0';
                        }
                        units.add(value);
                    } else {
                        throw cursor.error(token, "unknown escape sequence '\\" + e + "' in " + token.text());
                    }
                }
            }
        }
        return units.stream().mapToInt(Integer::intValue).toArray();
    }
}
