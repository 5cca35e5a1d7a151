package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CType;

/**
 * The value of a C constant expression with its C type: an integer as its 64 bits (the type says how to read them:
 * {@code unsigned long} values past {@code Long.MAX_VALUE} are negative here), a {@code double} for floating
 * types, a {@code String} for a string literal.
 *
 * @param type  the expression's C type ({@code int}, {@code unsigned long}, {@code double}, {@code char *}, ...)
 * @param value a {@code Long}, a {@code Double} or a {@code String}
 */
public record Constant(CType type, Object value) {
    /** Whether this is an integer constant. */
    public boolean isInteger() {
        return value instanceof Long;
    }

    /** The integer's bits. */
    public long bits() {
        return (Long) value;
    }

    /** Whether the integer is zero, or the floating value is. */
    public boolean isZero() {
        return value instanceof Long l ? l == 0 : value instanceof Double d ? d == 0 : false;
    }
}
