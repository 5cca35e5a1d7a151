package epsilon.foreign.struct;

/**
 * A field of a {@link StructType} where C puts it: byte {@code offset} from the start of the struct, and for a
 * bit-field its position in bits from the start of the struct and its width.
 *
 * @param name      the field's name
 * @param type      its type
 * @param offset    byte offset from the start of the struct (for a bit-field: of the byte holding its first bit)
 * @param bitOffset for a bit-field, the offset in bits from the start of the struct; otherwise {@code offset * 8}
 * @param bitWidth  for a bit-field, its width in bits; 0 for an ordinary field
 */
public record Field(String name, FieldType type, long offset, long bitOffset, int bitWidth) {

    /** Whether this is a bit-field. */
    public boolean isBitField() {
        return bitWidth > 0;
    }

    /** The field's size in bytes: its type's size, or for a bit-field the bytes its bits touch. */
    public long byteSize() {
        return isBitField() ? ((bitOffset + bitWidth + 7) / 8) - bitOffset / 8 : type.layout().byteSize();
    }
}
