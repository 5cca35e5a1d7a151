package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CEnum;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.EnumType;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.StringType;
import java.lang.foreign.MemorySegment;

/**
 * Carrier value to Java value, for every {@link CType.Kind}: the rules behind {@link Marshal#fromForeign}, shared by
 * call results, struct field reads and callback parameters. Unsigned integers are widened so that Java sees their
 * value ({@code unsigned int} 4294967295 as the {@code long} 4294967295), 64-bit unsigned ones keep their bits.
 */
public final class FromForeign {
    private FromForeign() {}

    /**
     * See {@link Marshal#fromForeign}.
     *
     * @param carrier the boxed carrier, of the class {@link CType#carrier()} names
     * @param type    the C type it holds
     * @return the Java value; {@code null} for {@code void} and for a {@code NULL} string or array pointer
     * @throws epsilon.foreign.marshalling.ConversionError for an enum value with no keyword or constant, or a string
     *                                                     with no terminator in a sized segment
     */
    public static Object convert(Object carrier, CType type) {
        return switch (type.kind()) {
            case VOID -> null;
            case UINT8 -> Byte.toUnsignedInt((Byte) carrier);
            case UINT16 -> carrier instanceof Character c ? (int) c : Short.toUnsignedInt((Short) carrier);
            case UINT32 -> Integer.toUnsignedLong((Integer) carrier);
            case STRING -> MemoryAccess.string((MemorySegment) carrier, (StringType) type);
            case ARRAY -> MemoryAccess.arrayFromPointer((MemorySegment) carrier, (ArrayType) type);
            case ENUM -> enumeration(carrier, (EnumType) type);
            default -> carrier;
        };
    }

    /**
     * The keyword, or the Java enum constant, of an enum's value.
     *
     * @param carrier the boxed carrier of the enum's underlying integer type
     * @param type    the enum type
     * @return the keyword, or the constant when the {@link CEnum} was made from a Java enum
     * @throws epsilon.foreign.marshalling.ConversionError when no keyword or constant has the value
     */
    public static Object enumeration(Object carrier, EnumType type) {
        int value = enumValue(carrier, type);
        CEnum enumeration = type.enumeration();
        return enumeration.isJavaEnum() ? enumeration.constantOf(value) : enumeration.keywordOf(value);
    }

    /**
     * An enum's carrier as the {@code int} its {@link CEnum} is keyed by.
     *
     * @param carrier the boxed carrier of the enum's underlying integer type
     * @param type    the enum type
     * @return the value: zero-extended for an unsigned underlying type narrower than 32 bits, sign-extended for a
     *         signed one; the low 32 bits of a 64-bit one
     */
    public static int enumValue(Object carrier, EnumType type) {
        long value = ((Number) carrier).longValue();
        if (!type.isSigned() && type.byteSize() < 4) {
            value &= (1L << (type.byteSize() * 8)) - 1;
        }
        return (int) value;
    }
}
