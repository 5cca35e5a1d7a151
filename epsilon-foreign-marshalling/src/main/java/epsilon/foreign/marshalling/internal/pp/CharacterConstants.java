package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a character constant in {@code #if}, as gcc computes it: a plain constant is a {@code char}
 * (sign-extended where {@code char} is signed), each source character counting as its UTF-8 bytes; several chars
 * ({@code 'ab'}) make an {@code int} of their bytes, first most significant; {@code L}, {@code u} and {@code U}
 * constants have {@code wchar_t}, {@code char16_t} and {@code char32_t} values.
 *
 * @param charUnsigned  whether plain {@code char} is unsigned ({@code __CHAR_UNSIGNED__})
 * @param wcharUnsigned whether {@code wchar_t} is unsigned
 * @param wcharBits     the width of {@code wchar_t}
 */
record CharacterConstants(boolean charUnsigned, boolean wcharUnsigned, int wcharBits) {

    /**
     * The character types the predefined macros describe: {@code __CHAR_UNSIGNED__}, {@code __WCHAR_MIN__} (0 where
     * {@code wchar_t} is unsigned) and {@code __SIZEOF_WCHAR_T__}.
     */
    static CharacterConstants of(MacroTable table) {
        boolean charUnsigned = table.get("__CHAR_UNSIGNED__") != null;
        Macro wcharMin = table.get("__WCHAR_MIN__");
        boolean wcharUnsigned = wcharMin != null && wcharMin.replacement().size() == 1
                && wcharMin.replacement().getFirst().text().matches("0[uU]?");
        Macro size = table.get("__SIZEOF_WCHAR_T__");
        int bits = 32;
        if (size != null && size.replacement().size() == 1) {
            try {
                bits = Integer.parseInt(size.replacement().getFirst().text()) * 8;
            } catch (NumberFormatException e) {
                bits = 32;
            }
        }
        return new CharacterConstants(charUnsigned, wcharUnsigned, bits);
    }

    long value(Token t) {
        String s = t.text();
        int quote = s.indexOf('\'');
        String prefix = s.substring(0, quote);
        String body = s.substring(quote + 1, s.length() - 1);
        boolean narrow = prefix.isEmpty() || prefix.equals("u8");
        int bits = switch (prefix) {
            case "L" -> wcharBits;
            case "u" -> 16;
            case "U" -> 32;
            default -> 8;
        };
        List<Long> units = units(body, narrow, t);
        if (units.isEmpty()) {
            throw Errors.at(t, "empty character constant " + s);
        }
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        if (!narrow) {
            long v = units.getLast() & mask;
            boolean signed = prefix.equals("L") && !wcharUnsigned;
            return signed ? signExtend(v, bits) : v;
        }
        if (units.size() == 1) {
            long v = units.getFirst() & 0xFF;
            return charUnsigned || prefix.equals("u8") ? v : signExtend(v, 8);
        }
        long v = 0;
        for (long unit : units) {
            v = (v << 8) | (unit & 0xFF);
        }
        return signExtend(v & 0xFFFF_FFFFL, 32);
    }

    private static long signExtend(long v, int bits) {
        return bits >= 64 ? v : v << (64 - bits) >> (64 - bits);
    }

    /** The code units of the body: bytes for a narrow constant, code points for a wide one. */
    private static List<Long> units(String body, boolean narrow, Token t) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < body.length(); ) {
            char ch = body.charAt(i);
            if (ch != '\\') {
                int cp = body.codePointAt(i);
                i += Character.charCount(cp);
                addCodePoint(out, cp, narrow);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw Errors.at(t, "incomplete escape sequence in " + t.text());
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> out.add(10L);
                case 't' -> out.add(9L);
                case 'r' -> out.add(13L);
                case 'a' -> out.add(7L);
                case 'b' -> out.add(8L);
                case 'f' -> out.add(12L);
                case 'v' -> out.add(11L);
                case 'e', 'E' -> out.add(27L);
                case '\\', '\'', '"', '?' -> out.add((long) e);
                case 'x' -> {
                    int start = i;
                    long v = 0;
                    while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                        v = v << 4 | Character.digit(body.charAt(i), 16);
                        i++;
                        if (i - start > 16) {
                            throw Errors.at(t, "hex escape sequence out of range in " + t.text());
                        }
                    }
                    if (i == start) {
                        throw Errors.at(t, "\\x used with no following hex digits in " + t.text());
                    }
                    out.add(v);
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    if (i + n > body.length()) {
                        throw Errors.at(t, "incomplete universal character name in " + t.text());
                    }
                    int cp;
                    try {
                        cp = Integer.parseUnsignedInt(body.substring(i, i + n), 16);
                    } catch (NumberFormatException x) {
                        throw Errors.at(t, "incomplete universal character name in " + t.text());
                    }
                    if (!Character.isValidCodePoint(cp)) {
                        throw Errors.at(t, "universal character name out of range in " + t.text());
                    }
                    i += n;
                    addCodePoint(out, cp, narrow);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        long v = e - '0';
                        for (int k = 0; k < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7';
                                k++) {
                            v = v * 8 + body.charAt(i++) - '0';
                        }
                        out.add(v);
                    } else {
                        out.add((long) e);
                    }
                }
            }
        }
        return out;
    }

    private static void addCodePoint(List<Long> out, int cp, boolean narrow) {
        if (!narrow) {
            out.add((long) cp);
            return;
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            out.add((long) (b & 0xFF));
        }
    }
}
