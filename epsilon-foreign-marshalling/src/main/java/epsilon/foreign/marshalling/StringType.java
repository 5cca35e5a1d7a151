package epsilon.foreign.marshalling;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A pointer to NUL-terminated text in a charset: {@link CType#STRING} is {@code char *} in UTF-8;
 * {@link CType#string(Charset)} makes others. Java sees a {@link String}, and C's {@code NULL} as {@code null}.
 * The terminator is one code unit wide: 1 byte for UTF-8 and single-byte charsets, 2 for UTF-16, 4 for UTF-32
 * (UTF-16 and UTF-32 without a byte-order mark are used in the platform's byte order, as C's
 * {@code char16_t}/{@code wchar_t} are).
 *
 * <p>{@link Marshal#toForeign} copies a {@code String} into memory from the given allocator, and also accepts
 * a {@link MemorySegment} (a buffer C may write into) or {@code null}.
 */
public final class StringType extends SegmentCarriedType {
    private final Charset charset;
    private final String name;

    /** {@code name} is the C spelling, or {@code null} to derive it from the code unit width. */
    StringType(Charset charset, String name) {
        this.charset = Objects.requireNonNull(charset, "charset");
        this.name = name != null ? name : switch (NativeStrings.terminatorWidth(charset)) {
            case 2 -> "char16_t *";
            case 4 -> "char32_t *";
            default -> "char *";
        };
    }

    /**
     * This string type under a typedef name ({@code typedef char *string_t;}).
     *
     * @param typedefName the name {@link #name()} then returns
     * @return a copy with the same charset, equal to this one
     */
    public StringType named(String typedefName) {
        return new StringType(charset, typedefName);
    }

    /** {@return the charset text is encoded in} */
    public Charset charset() {
        return charset;
    }

    /** {@code "char *"}, {@code "wchar_t *"} for {@link CType#WIDE_STRING}, or {@code "char16_t *"}/{@code "char32_t *"} for other UTF-16/UTF-32 text. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.STRING;
    }

    /** {@link ValueLayout#ADDRESS}: the text's length is found by its terminator, not by a layout. */
    @Override
    public AddressLayout layout() {
        return ValueLayout.ADDRESS;
    }

    @Override
    public Class<?> javaType() {
        return String.class;
    }

    /** True: a {@code String} is copied into native memory. */
    @Override
    public boolean needsAllocator() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StringType that && charset.equals(that.charset);
    }

    @Override
    public int hashCode() {
        return charset.hashCode();
    }

    /** The C spelling, with the charset when it is not UTF-8. */
    @Override
    public String toString() {
        return charset.name().equals("UTF-8") || this == CType.WIDE_STRING ? name : name + " (" + charset.name() + ")";
    }
}
