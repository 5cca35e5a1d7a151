package epsilon.foreign.internal.binding;

import epsilon.foreign.internal.JavaArrays;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.NativeStrings;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;

/**
 * The conversions bound methods apply around the downcall, as static methods that {@link CallHandles} adapts
 * into the call's method handle (with the message context bound as constants). Each is small enough for the JIT
 * to inline into the compiled caller.
 */
final class Conversions {
    private Conversions() {}

    /** {@code text} as a NUL-terminated C string in the call frame; {@code null} is C's {@code NULL}. */
    static MemorySegment encode(SegmentAllocator frame, String text, Charset charset, String site) {
        if (text == null) {
            return MemorySegment.NULL;
        }
        try {
            return NativeStrings.toNative(text, charset, frame);
        } catch (ConversionError notEncodable) {
            throw new ConversionError(site + ": " + notEncodable.getMessage(),
                    notEncodable.functionName().orElse(null), notEncodable);
        }
    }

    /** The C string C returned; {@code NULL} is {@code null}. */
    static String decode(MemorySegment pointer, Charset charset) {
        return NativeStrings.fromNative(pointer, charset);
    }

    /** An {@code int} holding an {@code unsigned char}, as the byte C takes. */
    static byte unsignedByte(int value, String site, String symbol) {
        if (value >>> 8 != 0) {
            throw outOfRange(value, "0..255", site, symbol);
        }
        return (byte) value;
    }

    /** An {@code int} holding an {@code unsigned short}, as the 16 bits C takes. */
    static short unsignedShort(int value, String site, String symbol) {
        if (value >>> 16 != 0) {
            throw outOfRange(value, "0..65535", site, symbol);
        }
        return (short) value;
    }

    /** A {@code long} holding an {@code unsigned int}, as the 32 bits C takes. */
    static int unsignedInt(long value, String site, String symbol) {
        if (value >>> 32 != 0) {
            throw outOfRange(value, "0..4294967295", site, symbol);
        }
        return (int) value;
    }

    private static ConversionError outOfRange(long value, String range, String site, String symbol) {
        return new ConversionError(site + ": " + value + " is out of range " + range, symbol, null);
    }

    /** A Java array as a heap segment over its elements, for a critical call with heap access. */
    static MemorySegment inPlace(Object array) {
        if (array == null) {
            return MemorySegment.NULL;
        }
        MemorySegment elements = JavaArrays.heapSegment(array);
        if (elements == null) {
            throw new IllegalArgumentException("not a primitive array: " + array.getClass());
        }
        return elements;
    }

    /** A copy of a Java array in the call frame, registered to be copied back when the frame closes if asked. */
    static MemorySegment copyIn(SegmentAllocator frame, Object array, boolean copyBack) {
        if (array == null) {
            return MemorySegment.NULL;
        }
        MemorySegment elements = inPlace(array);
        MemorySegment copy = frame.allocate(elements.byteSize(), elementLayout(array.getClass()).byteAlignment());
        copy.copyFrom(elements);
        if (copyBack) {
            ((CopyBackFrame) frame).copyBackLater(copy, elements);
        }
        return copy;
    }

    /** The layout of one element of a primitive array type, as the JDK stores it. */
    static ValueLayout elementLayout(Class<?> arrayType) {
        Class<?> component = arrayType.getComponentType();
        return component == byte.class ? ValueLayout.JAVA_BYTE
                : component == short.class ? ValueLayout.JAVA_SHORT
                : component == char.class ? ValueLayout.JAVA_CHAR
                : component == int.class ? ValueLayout.JAVA_INT
                : component == long.class ? ValueLayout.JAVA_LONG
                : component == float.class ? ValueLayout.JAVA_FLOAT
                : ValueLayout.JAVA_DOUBLE;
    }

    /** Room in the call frame for the state {@code Linker.Option.captureCallState} writes (errno). */
    static MemorySegment callState(SegmentAllocator frame) {
        return frame.allocate(Linker.Option.captureStateLayout());
    }
}
