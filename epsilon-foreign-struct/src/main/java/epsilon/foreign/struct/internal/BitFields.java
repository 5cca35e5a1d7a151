package epsilon.foreign.struct.internal;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.struct.StructAccessError;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reading and writing bit-fields byte by byte. On the little-endian ABIs this module supports (x86-64, AArch64)
 * bit {@code n} of a struct is bit {@code n % 8} of byte {@code n / 8}, so a field is the same bits whatever its
 * storage unit was, and a read-modify-write of the bytes it touches leaves its neighbours alone.
 */
public final class BitFields {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private BitFields() {}

    public static void checkSupported(String struct, String field) {
        if (!LITTLE_ENDIAN) {
            throw new StructAccessError(struct + "." + field + ": bit-fields are supported on little-endian platforms"
                    + " only; this one is " + ByteOrder.nativeOrder());
        }
    }

    /**
     * Refuses a value that the bit-field cannot hold: a signed field of width {@code w} holds
     * -2<sup>w-1</sup>..2<sup>w-1</sup>-1, an unsigned one 0..2<sup>w</sup>-1. The value already fits the field's
     * type (the marshalling rules checked it); this is the width's own check, never a silent truncation.
     */
    public static void checkRange(long bits, int width, CType type, Object value, String site) {
        if (width >= 64) {
            return;
        }
        boolean signed = type.isSigned() && type.kind() != CType.Kind.BOOL;
        long min = signed ? -(1L << (width - 1)) : 0;
        long max = signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
        long v = signed ? bits : widthOf(type) >= 64 ? bits : bits & ((1L << widthOf(type)) - 1);
        if (signed ? v < min || v > max : Long.compareUnsigned(v, max) > 0) {
            throw new ConversionError(site + ": " + value + " does not fit a " + width + "-bit field of C type "
                    + type.name() + " (range " + min + ".." + max + ")", null, null);
        }
    }

    private static int widthOf(CType type) {
        return (int) type.byteSize() * 8;
    }

    /** The field's bits, sign-extended when {@code signed}. */
    public static long read(MemorySegment struct, long bitOffset, int width, boolean signed) {
        long first = bitOffset / 8;
        int shift = (int) (bitOffset % 8);
        int bytes = (shift + width + 7) / 8;
        long value = 0;
        for (int i = 0; i < Math.min(bytes, 8); i++) {
            value |= (struct.get(ValueLayout.JAVA_BYTE, first + i) & 0xFFL) << (8 * i);
        }
        value >>>= shift;
        if (bytes == 9) { // a 64-bit field that starts mid-byte (packed): its top bits are in the ninth byte
            value |= (struct.get(ValueLayout.JAVA_BYTE, first + 8) & 0xFFL) << (64 - shift);
        }
        if (width < 64) {
            value &= (1L << width) - 1;
            if (signed && (value & (1L << (width - 1))) != 0) {
                value |= -1L << width;
            }
        }
        return value;
    }

    /** Stores the low {@code width} bits of {@code value}, leaving every other bit as it was. */
    public static void write(MemorySegment struct, long bitOffset, int width, long value) {
        long first = bitOffset / 8;
        long bit = bitOffset % 8;
        for (int written = 0; written < width; ) {
            int inByte = (int) Math.min(8 - bit, width - written);
            int mask = ((1 << inByte) - 1) << bit;
            byte old = struct.get(ValueLayout.JAVA_BYTE, first);
            int bits = (int) ((value >>> written) & ((1 << inByte) - 1)) << bit;
            struct.set(ValueLayout.JAVA_BYTE, first, (byte) ((old & ~mask) | bits));
            written += inByte;
            bit = 0;
            first++;
        }
    }
}
