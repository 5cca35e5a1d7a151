package epsilon.foreign.marshalling;

import java.util.Objects;

/**
 * A constant a header defines: an enumerator, or an object-like {@code #define} whose expansion is a constant
 * expression ({@code #define Z_OK 0}, {@code #define SQLITE_IOERR_READ (SQLITE_IOERR | (1<<8))},
 * {@code #define ZLIB_VERSION "1.2.13"}, {@code #define M_PI 3.14159265358979323846}), evaluated as a C compiler
 * would, with its C type.
 *
 * @param name  the macro or enumerator
 * @param type  the C type of the value ({@code int}, {@code unsigned long}, {@code double}, {@code char *}, ...)
 * @param value a {@code Long} for an integer (an unsigned 64-bit value past {@code Long.MAX_VALUE} as its raw bits),
 *              a {@code Double} for a floating value, a {@code String} for a string literal
 */
public record CConstant(String name, CType type, Object value) {
    /**
     * Checks the parts: the value's Java class is not checked against the type.
     *
     * @throws NullPointerException     when {@code name} or {@code type} is null
     * @throws IllegalArgumentException when {@code value} is not a {@code Long}, {@code Double} or {@code String}
     */
    public CConstant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!(value instanceof Long || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("a constant's value is a Long, Double or String, not " + value);
        }
    }

    /** {@return whether the value is an integer (a {@code Long})} */
    public boolean isInteger() {
        return value instanceof Long;
    }

    /**
     * The integer value.
     *
     * @return the value; an unsigned one past {@code Long.MAX_VALUE} as its raw bits, so negative
     * @throws ConversionError if the constant is not an integer
     */
    public long longValue() {
        if (value instanceof Long l) {
            return l;
        }
        throw new ConversionError(name + " is " + describe() + ", not an integer", null, null);
    }

    /**
     * The integer value as an {@code int}.
     *
     * @return the value, which fits
     * @throws ConversionError if the constant is not an integer or does not fit in an {@code int}
     */
    public int intValue() {
        long v = longValue();
        if (v != (int) v) {
            throw new ConversionError(name + " is " + describe() + ", which does not fit in an int", null, null);
        }
        return (int) v;
    }

    /**
     * The value as a {@code double} (an integer converted, unsigned ones as unsigned).
     *
     * @return the value, or the {@code double} nearest an integer value
     * @throws ConversionError for a string constant
     */
    public double doubleValue() {
        return switch (value) {
            case Double d -> d;
            case Long l -> type.isSigned() || l >= 0 ? (double) l : Double.parseDouble(Long.toUnsignedString(l));
            default -> throw new ConversionError(name + " is " + describe() + ", not a number", null, null);
        };
    }

    /**
     * The string value.
     *
     * @return the literal's characters, escapes decoded, without the quotes
     * @throws ConversionError if the constant is not a string literal
     */
    public String stringValue() {
        if (value instanceof String s) {
            return s;
        }
        throw new ConversionError(name + " is " + describe() + ", not a string", null, null);
    }

    private String describe() {
        return type.name() + " " + this;
    }

    /** The value as C would print it: {@code 0}, {@code 18446744073709551615}, {@code 3.14}, {@code "1.2.13"}. */
    @Override
    public String toString() {
        return switch (value) {
            case Long l when !type.isSigned() -> Long.toUnsignedString(l);
            case String s -> "\"" + s + "\"";
            default -> String.valueOf(value);
        };
    }
}
