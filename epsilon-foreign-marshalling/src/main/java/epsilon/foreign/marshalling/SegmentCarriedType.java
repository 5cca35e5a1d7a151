package epsilon.foreign.marshalling;

import java.lang.foreign.MemorySegment;

/**
 * What the C types passed as an address have in common: their carrier is {@link MemorySegment} (for an array,
 * the decayed pointer to its first element), they have no sign, and their text is their C spelling.
 */
abstract sealed class SegmentCarriedType implements CType
        permits PointerType, StringType, ArrayType, StructType, FunctionPointerType {

    /** {@code MemorySegment.class}. */
    @Override
    public final Class<?> carrier() {
        return MemorySegment.class;
    }

    /** False. */
    @Override
    public final boolean isSigned() {
        return false;
    }

    /** The C spelling. */
    @Override
    public String toString() {
        return name();
    }
}
