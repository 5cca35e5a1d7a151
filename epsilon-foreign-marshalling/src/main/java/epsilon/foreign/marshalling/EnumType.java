package epsilon.foreign.marshalling;

import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A C enumeration ({@link CType#enumOf}): an {@code int} in C, a keyword or a Java enum constant in Java.
 *
 * <p>{@link Marshal#toForeign} accepts a keyword {@code String} (see {@link CEnum#valueOf(String)}), a Java enum
 * constant, or a {@code Byte}, {@code Short}, {@code Integer} or {@code Long} within the {@code int} range, passed
 * unchecked as its bits since C code commonly combines enumerators as flags (for an underlying type narrower than
 * {@code int}, its low bits). {@link Marshal#fromForeign} returns the keyword, or the Java enum constant when the
 * {@link CEnum} was made from a Java enum class; a value with no enumerator is a {@link ConversionError}.
 */
public final class EnumType implements CType {
    private final CEnum enumeration;
    private final ScalarType underlying;

    EnumType(CEnum enumeration, ScalarType underlying) {
        this.enumeration = Objects.requireNonNull(enumeration, "enumeration");
        this.underlying = Objects.requireNonNull(underlying, "underlying");
        if (!underlying.kind().isInteger()) {
            throw new DeclarationError("enum " + enumeration.name() + " cannot be stored as " + underlying.name()
                    + ": an enum's type is an integer type");
        }
    }

    /**
     * The integer type C stores the enum as: {@code int} (or {@code unsigned int} when every value is non-negative
     * and one needs it), smaller for a {@code packed} enum.
     *
     * @return the underlying integer type
     */
    public ScalarType underlying() {
        return underlying;
    }

    /** {@return the keyword/value mapping} */
    public CEnum enumeration() {
        return enumeration;
    }

    /** {@code "enum "} followed by the enumeration's name. */
    @Override
    public String name() {
        return "enum " + enumeration.name();
    }

    @Override
    public Kind kind() {
        return Kind.ENUM;
    }

    /** The underlying integer's layout. */
    @Override
    public ValueLayout layout() {
        return underlying.layout();
    }

    @Override
    public java.lang.foreign.MemoryLayout argumentLayout() {
        return underlying.argumentLayout();
    }

    /** The underlying integer's carrier: {@code int} for an ordinary enum. */
    @Override
    public Class<?> carrier() {
        return underlying.carrier();
    }

    /** {@code String.class} (keywords), or the Java enum class the {@link CEnum} was made from. */
    @Override
    public Class<?> javaType() {
        return enumeration.javaEnum().<Class<?>>map(c -> c).orElse(String.class);
    }

    @Override
    public boolean isSigned() {
        return underlying.isSigned();
    }

    @Override
    public boolean needsAllocator() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnumType that && enumeration.equals(that.enumeration)
                && underlying.kind() == that.underlying.kind();
    }

    @Override
    public int hashCode() {
        return enumeration.hashCode();
    }

    /** The C spelling. */
    @Override
    public String toString() {
        return name();
    }
}
