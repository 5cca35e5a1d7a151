package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CType;

/**
 * C's integer conversions for constant expressions (C17 6.3.1): integer promotion to {@code int}, the usual
 * arithmetic conversions between two operands, and wrapping a value to a type's width and sign. Only the six
 * types constant arithmetic produces appear as results: {@code int}, {@code long}, {@code long long} and their
 * unsigned versions.
 */
final class IntegerTypes {
    private IntegerTypes() {}

    /** The width in bits of an integer type. */
    static int bits(CType type) {
        return (int) type.byteSize() * 8;
    }

    /** Integer promotion: anything narrower than {@code int} (and {@code int} itself) becomes {@code int}. */
    static CType promote(CType type) {
        if (type.byteSize() < CType.INT.byteSize() || type.kind() == CType.Kind.BOOL || type.kind() == CType.Kind.CHAR
                || type.kind() == CType.Kind.ENUM && type.byteSize() <= CType.INT.byteSize() && type.isSigned()) {
            return CType.INT;
        }
        return canonical(type);
    }

    /** The usual arithmetic conversions of two integer operands. */
    static CType common(CType left, CType right) {
        CType a = promote(left);
        CType b = promote(right);
        if (a.equals(b)) {
            return a;
        }
        if (a.isSigned() == b.isSigned()) {
            return rank(a) >= rank(b) ? a : b;
        }
        CType unsigned = a.isSigned() ? b : a;
        CType signed = a.isSigned() ? a : b;
        if (rank(unsigned) >= rank(signed)) {
            return unsigned;
        }
        if (bits(signed) > bits(unsigned)) {
            return signed;
        }
        return unsignedOf(signed);
    }

    /** {@code value}, read as a {@code from}, converted to {@code to}: truncated to its width, sign- or zero-extended. */
    static long normalize(long value, CType from, CType to) {
        int fromBits = bits(from);
        long extended = fromBits >= 64 ? value
                : from.isSigned() ? (value << (64 - fromBits)) >> (64 - fromBits)
                : value & ((1L << fromBits) - 1);
        int toBits = bits(to);
        if (toBits >= 64) {
            return extended;
        }
        return to.isSigned() ? (extended << (64 - toBits)) >> (64 - toBits) : extended & ((1L << toBits) - 1);
    }

    /** The integer type a cast to {@code target} computes in, or {@code null} when it is not a scalar. */
    static CType forCast(CType target) {
        return switch (target.kind()) {
            case BOOL, CHAR, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, ENUM -> target;
            case POINTER, STRING, FUNCTION_POINTER -> CType.UINTPTR_T;
            default -> null;
        };
    }

    private static int rank(CType type) {
        return switch (bits(type)) {
            case 64 -> type.name().contains("long long") ? 4 : 3;
            case 32 -> 2;
            default -> 1;
        };
    }

    /** The type among {@code int}, {@code long}, {@code long long} and their unsigned forms with this width and sign. */
    private static CType canonical(CType type) {
        if (bits(type) <= 32) {
            return type.isSigned() ? CType.INT : CType.UNSIGNED_INT;
        }
        boolean longLong = type.name().contains("long long") || CType.LONG.byteSize() < 8;
        if (type.isSigned()) {
            return longLong ? CType.LONG_LONG : CType.LONG;
        }
        return longLong ? CType.UNSIGNED_LONG_LONG : CType.UNSIGNED_LONG;
    }

    private static CType unsignedOf(CType signed) {
        if (signed.equals(CType.INT)) {
            return CType.UNSIGNED_INT;
        }
        return signed.equals(CType.LONG) ? CType.UNSIGNED_LONG : CType.UNSIGNED_LONG_LONG;
    }
}
