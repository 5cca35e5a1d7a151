package epsilon.foreign.marshalling.internal;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.StringType;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;

/** Reads and writes values of every {@link CType} in memory (Lisp's convert-to/from-foreign on a pointer). */
public final class MemoryAccess {
    private MemoryAccess() {}

    /** See {@link Marshal#read}. */
    public static Object read(MemorySegment segment, long offset, CType type) {
        Object carrier = switch (type.kind()) {
            case VOID -> throw new ConversionError("void has no value to read (offset " + offset + ")", null, null);
            case BOOL -> segment.get((ValueLayout.OfBoolean) type.layout(), offset);
            case CHAR, INT8, UINT8 -> segment.get((ValueLayout.OfByte) type.layout(), offset);
            case INT16, UINT16 -> segment.get((ValueLayout.OfShort) type.layout(), offset);
            case INT32, UINT32, ENUM -> segment.get((ValueLayout.OfInt) type.layout(), offset);
            case INT64, UINT64 -> segment.get((ValueLayout.OfLong) type.layout(), offset);
            case FLOAT -> segment.get((ValueLayout.OfFloat) type.layout(), offset);
            case DOUBLE -> segment.get((ValueLayout.OfDouble) type.layout(), offset);
            case POINTER, STRING, FUNCTION_POINTER -> segment.get((AddressLayout) type.layout(), offset);
            case STRUCT -> segment.asSlice(offset, type.layout());
            case ARRAY -> readArray(segment, offset, (ArrayType) type);
        };
        return type.kind() == CType.Kind.ARRAY ? carrier : Marshal.fromForeign(carrier, type);
    }

    /** The elements of an array at {@code offset}, as an array of the element's Java type. */
    public static Object readArray(MemorySegment segment, long offset, ArrayType type) {
        CType element = type.element();
        int count = count(type);
        Object result = Array.newInstance(element.javaType(), count);
        if (element.javaType() == element.carrier() && element.carrier().isPrimitive() && element.carrier() != boolean.class) {
            MemorySegment.copy(segment, (ValueLayout) element.layout(), offset, result, 0, count);
            return result;
        }
        long size = element.byteSize();
        for (int i = 0; i < count; i++) {
            Array.set(result, i, read(segment, offset + i * size, element));
        }
        return result;
    }

    /** See {@link Marshal#write}; {@code fn} and {@code index} name the call site in errors. */
    public static void write(MemorySegment segment, long offset, CType type, Object value, SegmentAllocator allocator,
                             String fn, int index) {
        switch (type.kind()) {
            case ARRAY -> writeArray(segment, offset, (ArrayType) type, value, allocator, fn, index);
            case STRUCT -> {
                MemorySegment source = (MemorySegment) ToForeign.convert(value, type, allocator, fn, index);
                MemorySegment.copy(source, 0, segment, offset, type.byteSize());
            }
            default -> {
                Object carrier = ToForeign.convert(value, type, allocator, fn, index);
                switch (type.kind()) {
                    case BOOL -> segment.set((ValueLayout.OfBoolean) type.layout(), offset, (Boolean) carrier);
                    case CHAR, INT8, UINT8 -> segment.set((ValueLayout.OfByte) type.layout(), offset, (Byte) carrier);
                    case INT16, UINT16 -> segment.set((ValueLayout.OfShort) type.layout(), offset, (Short) carrier);
                    case INT32, UINT32, ENUM -> segment.set((ValueLayout.OfInt) type.layout(), offset, (Integer) carrier);
                    case INT64, UINT64 -> segment.set((ValueLayout.OfLong) type.layout(), offset, (Long) carrier);
                    case FLOAT -> segment.set((ValueLayout.OfFloat) type.layout(), offset, (Float) carrier);
                    case DOUBLE -> segment.set((ValueLayout.OfDouble) type.layout(), offset, (Double) carrier);
                    case POINTER, STRING, FUNCTION_POINTER ->
                            segment.set(ValueLayout.ADDRESS, offset, (MemorySegment) carrier);
                    default -> throw new AssertionError(type.kind());
                }
            }
        }
    }

    /** Writes the {@code count} elements of an array type from a Java array (or copies them from a segment). */
    static void writeArray(MemorySegment segment, long offset, ArrayType type, Object value, SegmentAllocator allocator,
                           String fn, int index) {
        CType element = type.element();
        if (value == null) {
            throw Failures.nullValue(type, fn, index);
        }
        if (value instanceof MemorySegment source) {
            if (source.byteSize() != type.byteSize()) {
                throw new ConversionError(Failures.where(fn, index) + ": the segment has " + source.byteSize()
                        + " bytes but " + type.name() + " has " + type.byteSize(), fn, null);
            }
            MemorySegment.copy(source, 0, segment, offset, type.byteSize());
            return;
        }
        Class<?> component = value.getClass().componentType();
        boolean primitiveMatch = component != null && component.isPrimitive()
                && ToForeign.isPrimitiveElement(element) && component == element.carrier();
        if (!primitiveMatch && !(value instanceof Object[])) {
            throw Failures.wrongType(value, type, (ToForeign.isPrimitiveElement(element)
                    ? "a " + element.carrier().getName() + "[] or " : "") + "an Object[] of " + type.count() + " "
                    + element.name() + " values", fn, index);
        }
        int length = Array.getLength(value);
        if (length != type.count()) {
            throw new ConversionError(Failures.where(fn, index) + ": " + type.name() + " needs exactly " + type.count()
                    + " elements but the array has " + length, fn, null);
        }
        if (primitiveMatch) {
            MemorySegment.copy(value, 0, segment, (ValueLayout) element.layout(), offset, length);
            return;
        }
        Object[] elements = (Object[]) value;
        long size = element.byteSize();
        for (int i = 0; i < length; i++) {
            write(segment, offset + i * size, element, elements[i], allocator, fn, index);
        }
    }

    /** The Java value of a carrier returned by C; see {@link Marshal#fromForeign}. */
    public static Object arrayFromPointer(MemorySegment pointer, ArrayType type) {
        if (pointer.isNative() && pointer.address() == 0) {
            return null;
        }
        MemorySegment elements = pointer.byteSize() >= type.byteSize() ? pointer : pointer.reinterpret(type.byteSize());
        return readArray(elements, 0, type);
    }

    /** The text a {@code char *} carrier points to. */
    public static String string(MemorySegment pointer, StringType type) {
        return NativeStrings.fromNative(pointer, type.charset());
    }

    private static int count(ArrayType type) {
        if (type.count() > Integer.MAX_VALUE - 8) {
            throw new ConversionError(type.name() + " has too many elements for a Java array", null, null);
        }
        return (int) type.count();
    }
}
