package epsilon.foreign.marshalling;

import java.util.Objects;

/**
 * A member of a {@link StructType} where C puts it, or a resolved path into one ({@link StructType#path}): its byte
 * offset from the start of the struct and, for a bit-field, its position in bits and its width.
 *
 * @param name      the field's name, or the path as given ({@code "pos.x"}, {@code "points[2].y"})
 * @param type      its type
 * @param offset    byte offset from the start of the struct (for a bit-field: of the byte holding its first bit)
 * @param bitOffset for a bit-field, the offset in bits from the start of the struct; otherwise {@code offset * 8}
 * @param bitWidth  for a bit-field, its width in bits; 0 for an ordinary field
 */
public record CField(String name, CType type, long offset, long bitOffset, int bitWidth) {
    /**
     * Checks only that the name and type are present: the positions are trusted, so a field made by hand that does not
     * match its struct reads and writes the wrong bytes. {@link StructType#field} and {@link StructType#path} give the
     * fields C lays out.
     *
     * @throws NullPointerException when {@code name} or {@code type} is null
     */
    public CField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** {@return whether this is a bit-field: {@code bitWidth} is positive} */
    public boolean isBitField() {
        return bitWidth > 0;
    }

    /** {@return the field's size in bytes: its type's size, or for a bit-field the number of bytes its bits touch} */
    public long byteSize() {
        return isBitField() ? (bitOffset + bitWidth + 7) / 8 - bitOffset / 8 : type.byteSize();
    }

    /** {@code "int tm_sec @0"}, {@code "unsigned int mode : 3 @5b"}. */
    @Override
    public String toString() {
        return type.name() + " " + name + (isBitField() ? " : " + bitWidth + " @" + bitOffset + "b" : " @" + offset);
    }
}
