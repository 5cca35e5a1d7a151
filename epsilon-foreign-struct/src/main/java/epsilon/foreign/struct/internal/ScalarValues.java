package epsilon.foreign.struct.internal;

import epsilon.foreign.struct.FieldType;
import epsilon.foreign.struct.StructException;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Field values between Java and memory. Scalars travel as their raw bits in a {@code long} (a float's or
 * double's IEEE bits, an integer sign- or zero-extended by its C type), so one path serves every width.
 */
public final class ScalarValues {
    private ScalarValues() {}

    /** The field's value as bits: integers extended by signedness, floating values as their raw IEEE bits. */
    public static long read(VarHandle handle, FieldType.Scalar scalar, MemorySegment struct) {
        Class<?> carrier = scalar.layout().carrier();
        long raw;
        if (carrier == int.class) {
            raw = (int) handle.get(struct);
        } else if (carrier == long.class) {
            raw = (long) handle.get(struct);
        } else if (carrier == byte.class) {
            raw = (byte) handle.get(struct);
        } else if (carrier == short.class) {
            raw = (short) handle.get(struct);
        } else if (carrier == char.class) {
            raw = (char) handle.get(struct);
        } else if (carrier == boolean.class) {
            raw = (boolean) handle.get(struct) ? 1 : 0;
        } else if (carrier == float.class) {
            return Float.floatToRawIntBits((float) handle.get(struct));
        } else {
            return Double.doubleToRawLongBits((double) handle.get(struct));
        }
        long bits = scalar.layout().byteSize() * 8;
        return scalar.signed() || bits == 64 ? raw : raw & ((1L << bits) - 1);
    }

    public static void write(VarHandle handle, FieldType.Scalar scalar, MemorySegment struct, long bits) {
        Class<?> carrier = scalar.layout().carrier();
        if (carrier == int.class) {
            handle.set(struct, (int) bits);
        } else if (carrier == long.class) {
            handle.set(struct, bits);
        } else if (carrier == byte.class) {
            handle.set(struct, (byte) bits);
        } else if (carrier == short.class) {
            handle.set(struct, (short) bits);
        } else if (carrier == char.class) {
            handle.set(struct, (char) bits);
        } else if (carrier == boolean.class) {
            handle.set(struct, bits != 0);
        } else if (carrier == float.class) {
            handle.set(struct, Float.intBitsToFloat((int) bits));
        } else {
            handle.set(struct, Double.longBitsToDouble(bits));
        }
    }

    /** Bits as the Java value of the type: Integer or Long by width and signedness, Float, Double, Boolean. */
    public static Object box(FieldType.Scalar scalar, long bits) {
        Class<?> carrier = scalar.layout().carrier();
        if (carrier == float.class) {
            return Float.intBitsToFloat((int) bits);
        }
        if (carrier == double.class) {
            return Double.longBitsToDouble(bits);
        }
        if (carrier == boolean.class || scalar.cName().equals("bool")) {
            return bits != 0;
        }
        long size = scalar.layout().byteSize();
        boolean fitsInt = scalar.signed() ? size <= 4 : size <= 2;
        return fitsInt ? (Object) (int) bits : (Object) bits;
    }

    /**
     * A Java value as the bits of a scalar field, range-checked against the C type (or bit-field width).
     *
     * @throws StructException for a value of the wrong Java type or out of range
     */
    public static long toBits(FieldType.Scalar scalar, Object value, Supplier<String> field, int bitWidth) {
        if (!scalar.isInteger()) {
            if (value instanceof Number number && !(value instanceof BigInteger)) {
                double d = number.doubleValue();
                return scalar.layout().carrier() == float.class ? Float.floatToRawIntBits((float) d)
                        : Double.doubleToRawLongBits(d);
            }
            throw wrongType(field, value, "a Float or Double");
        }
        long v;
        if (value instanceof Boolean b && (scalar.cName().equals("bool") || bitWidth == 1)) {
            v = b ? 1 : 0;
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            v = ((Number) value).longValue();
        } else if (value instanceof Character c) {
            v = c;
        } else if (value instanceof BigInteger big && big.bitLength() <= 64) {
            v = big.longValue();
        } else {
            throw wrongType(field, value, "an integral Number");
        }
        int bits = bitWidth > 0 ? bitWidth : (int) scalar.layout().byteSize() * 8;
        boolean charLike = scalar.cName().equals("char") && bitWidth == 0;
        if (bits < 64) {
            // plain char takes either reading of its byte: -128..255
            long min = scalar.signed() || charLike ? -(1L << (bits - 1)) : 0;
            long max = scalar.signed() && !charLike ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
            if (v < min || v > max) {
                throw new StructException(field.get() + ": " + value + " is out of range " + min + ".." + max
                        + (bitWidth > 0 ? " for a " + bitWidth + "-bit field" : ""));
            }
        } else if (!scalar.signed() && value instanceof BigInteger big && big.signum() < 0) {
            throw new StructException(field.get() + ": " + value + " is negative for an unsigned field");
        }
        return v;
    }

    public static MemorySegment toPointer(Object value, Supplier<String> field) {
        return switch (value) {
            case null -> MemorySegment.NULL;
            case MemorySegment segment -> segment;
            case StructView view -> view.segment();
            default -> throw wrongType(field, value, "a MemorySegment, a StructView or null");
        };
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value, Supplier<String> field) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (value instanceof StructView view) {
            return view.toMap();
        }
        throw wrongType(field, value, "a Map of its fields or a StructView");
    }

    /** An array field as a Java array: primitive for scalars, {@code MemorySegment[]}/{@code StructView[]}... */
    public static Object readArray(MemorySegment elements, FieldType.Array array) {
        int count = (int) array.count();
        long size = array.element().layout().byteSize();
        Object out = switch (array.element()) {
            case FieldType.Scalar scalar -> Array.newInstance(javaType(scalar), count);
            case FieldType.Pointer pointer -> new MemorySegment[count];
            case FieldType.Nested nested -> new StructView[count];
            case FieldType.Array inner -> new Object[count];
        };
        for (int i = 0; i < count; i++) {
            MemorySegment element = elements.asSlice(i * size, size);
            Object value = switch (array.element()) {
                case FieldType.Scalar scalar -> box(scalar, readAt(element, scalar, 0));
                case FieldType.Pointer pointer -> element.get(ValueLayout.ADDRESS.withByteAlignment(1), 0);
                case FieldType.Nested nested -> nested.type().view(element);
                case FieldType.Array inner -> readArray(element, inner);
            };
            Array.set(out, i, value);
        }
        return out;
    }

    /** The bits of a scalar at {@code offset}, as {@link #read} gives them, without a VarHandle (array elements). */
    private static long readAt(MemorySegment segment, FieldType.Scalar scalar, long offset) {
        long raw = switch (scalar.layout().withByteAlignment(1)) {
            case ValueLayout.OfInt l -> segment.get(l, offset);
            case ValueLayout.OfLong l -> segment.get(l, offset);
            case ValueLayout.OfByte l -> segment.get(l, offset);
            case ValueLayout.OfShort l -> segment.get(l, offset);
            case ValueLayout.OfChar l -> segment.get(l, offset);
            case ValueLayout.OfBoolean l -> segment.get(l, offset) ? 1 : 0;
            case ValueLayout.OfFloat l -> Float.floatToRawIntBits(segment.get(l, offset));
            case ValueLayout.OfDouble l -> Double.doubleToRawLongBits(segment.get(l, offset));
            default -> throw new IllegalStateException("not a scalar layout: " + scalar.layout());
        };
        long bits = scalar.layout().byteSize() * 8;
        return !scalar.isInteger() || scalar.signed() || bits == 64 ? raw : raw & ((1L << bits) - 1);
    }

    /** Stores bits as {@link #write} does, without a VarHandle (array elements). */
    private static void writeAt(MemorySegment segment, FieldType.Scalar scalar, long offset, long bits) {
        switch (scalar.layout().withByteAlignment(1)) {
            case ValueLayout.OfInt l -> segment.set(l, offset, (int) bits);
            case ValueLayout.OfLong l -> segment.set(l, offset, bits);
            case ValueLayout.OfByte l -> segment.set(l, offset, (byte) bits);
            case ValueLayout.OfShort l -> segment.set(l, offset, (short) bits);
            case ValueLayout.OfChar l -> segment.set(l, offset, (char) bits);
            case ValueLayout.OfBoolean l -> segment.set(l, offset, bits != 0);
            case ValueLayout.OfFloat l -> segment.set(l, offset, Float.intBitsToFloat((int) bits));
            case ValueLayout.OfDouble l -> segment.set(l, offset, Double.longBitsToDouble(bits));
            default -> throw new IllegalStateException("not a scalar layout: " + scalar.layout());
        }
    }

    public static void writeArray(MemorySegment elements, FieldType.Array array, Object value, Supplier<String> field) {
        if (value == null || !value.getClass().isArray()) {
            throw wrongType(field, value, "a Java array of length " + array.count());
        }
        int length = Array.getLength(value);
        if (length > array.count()) {
            throw new StructException(field.get() + ": an array of " + length + " elements does not fit in "
                    + array.count());
        }
        long size = array.element().layout().byteSize();
        for (int i = 0; i < length; i++) {
            MemorySegment element = elements.asSlice(i * size, size);
            Object item = Array.get(value, i);
            int index = i;
            Supplier<String> where = () -> field.get() + "[" + index + "]";
            switch (array.element()) {
                case FieldType.Scalar scalar -> writeAt(element, scalar, 0, toBits(scalar, item, where, 0));
                case FieldType.Pointer pointer -> element.set(ValueLayout.ADDRESS.withByteAlignment(1), 0,
                        toPointer(item, where));
                case FieldType.Nested nested -> nested.type().view(element).write(toMap(item, where));
                case FieldType.Array inner -> writeArray(element, inner, item, where);
            }
        }
    }

    private static Class<?> javaType(FieldType.Scalar scalar) {
        Object sample = box(scalar, 0);
        return switch (sample) {
            case Integer i -> int.class;
            case Long l -> long.class;
            case Float f -> float.class;
            case Double d -> double.class;
            case Boolean b -> boolean.class;
            default -> Object.class;
        };
    }

    private static StructException wrongType(Supplier<String> field, Object value, String expected) {
        return new StructException(field.get() + ": expected " + expected + ", got "
                + (value == null ? "null" : value.getClass().getName() + " " + value));
    }
}
