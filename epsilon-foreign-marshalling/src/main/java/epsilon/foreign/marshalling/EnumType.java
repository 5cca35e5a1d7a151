package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A C enumeration ({@link CType#enumOf}): an {@code int} in C, a keyword or a Java enum constant in Java.
 *
 * <p>{@link Marshal#toForeign} accepts a keyword {@code String} (see {@link CEnum#valueOf(String)}), a Java enum
 * constant, or any integral number within {@code int} range (passed unchecked, since C code commonly combines
 * enumerators as flags). {@link Marshal#fromForeign} returns the keyword, or the Java enum constant when the
 * {@link CEnum} was made from a Java enum class; a value with no enumerator is a {@link ConversionError}.
 */
public final class EnumType implements CType {
    private static final ValueLayout.OfInt INT = (ValueLayout.OfInt) NativeLayouts.canonical("int");

    private final CEnum enumeration;

    EnumType(CEnum enumeration) {
        this.enumeration = Objects.requireNonNull(enumeration, "enumeration");
    }

    /** The keyword/value mapping. */
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

    /** The canonical {@code int} layout. */
    @Override
    public ValueLayout.OfInt layout() {
        return INT;
    }

    @Override
    public Class<?> carrier() {
        return int.class;
    }

    /** {@code String.class} (keywords), or the Java enum class the {@link CEnum} was made from. */
    @Override
    public Class<?> javaType() {
        return enumeration.javaEnum().<Class<?>>map(c -> c).orElse(String.class);
    }

    @Override
    public boolean isSigned() {
        return true;
    }

    @Override
    public boolean needsAllocator() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnumType that && enumeration.equals(that.enumeration);
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
