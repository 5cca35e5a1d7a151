package epsilon.foreign.struct;

import epsilon.foreign.struct.internal.BitFields;
import epsilon.foreign.struct.internal.ScalarValues;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A field or path of a struct resolved once: its type, its offset, and for a scalar a {@link VarHandle} with the
 * offset built in. Kept in a {@code static final} field, reads and writes through it cost what a raw
 * {@code VarHandle} costs, because this is a record: the JIT trusts its fields as constants.
 *
 * {@snippet :
 * static final StructField TV_SEC = TIMEVAL.accessor("tv_sec");
 * long seconds = TV_SEC.getLong(segment);
 * }
 *
 * @param owner     the struct the path starts from
 * @param path      as given: {@code "tv_sec"}, {@code "pos.x"}, {@code "points[2].y"}
 * @param type      the type at the end of the path
 * @param offset    byte offset from the start of the struct
 * @param bitOffset for a bit-field, its offset in bits from the start of the struct
 * @param bitWidth  for a bit-field, its width; 0 otherwise
 * @param handle    for a scalar or pointer, {@code (MemorySegment) -> value} at {@code offset}; null otherwise
 * @param direct    {@code long.class} or {@code int.class} for a plain (signed, or 64-bit) integer field that the
 *                  typed accessors read and write with no conversion at all, the branch the JIT keeps; null
 *                  otherwise. (One generic path for every width measured six times slower than a raw VarHandle.)
 */
public record StructField(StructType owner, String path, FieldType type, long offset, long bitOffset, int bitWidth,
                          VarHandle handle, Class<?> direct) {

    static StructField compile(StructType owner, String path) {
        StructType struct = owner;
        FieldType type = null;
        long offset = 0;
        long bitOffset = 0;
        int bitWidth = 0;
        int at = 0;
        while (at < path.length()) {
            if (bitWidth > 0) {
                throw new StructException(owner.name() + ": '" + path + "' goes past bit-field "
                        + path.substring(0, at));
            }
            if (path.charAt(at) == '[') {
                int close = path.indexOf(']', at);
                if (!(type instanceof FieldType.Array array) || close < 0) {
                    throw new StructException(owner.name() + ": '" + path.substring(0, at) + "' in '" + path
                            + "' is not an array");
                }
                long index = parseIndex(owner, path, path.substring(at + 1, close));
                if (index >= array.count()) {
                    throw new StructException(owner.name() + ": index " + index + " in '" + path + "' is past the end"
                            + " of " + array.cName() + " (length " + array.count() + ")");
                }
                type = array.element();
                offset += index * type.layout().byteSize();
                at = close + 1;
                continue;
            }
            if (type != null) {
                if (path.charAt(at) != '.' || !(type instanceof FieldType.Nested nested)) {
                    throw new StructException(owner.name() + ": '" + path.substring(0, at) + "' in '" + path
                            + "' is a " + type.cName() + ", which has no fields");
                }
                struct = nested.type();
                at++;
            }
            int end = at;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            Field field = struct.field(path.substring(at, end));
            type = field.type();
            bitOffset = offset * 8 + field.bitOffset();
            bitWidth = field.bitWidth();
            offset += field.offset();
            at = end;
        }
        if (type == null) {
            throw new StructException(owner.name() + ": empty field path");
        }
        VarHandle handle = null;
        if (bitWidth == 0 && type.layout() instanceof ValueLayout value) {
            ValueLayout placed = offset % value.byteAlignment() == 0 ? value : value.withByteAlignment(1);
            handle = MethodHandles.insertCoordinates(placed.varHandle(), 1, offset);
        }
        if (bitWidth > 0) {
            BitFields.checkSupported(owner.name(), path);
        }
        Class<?> direct = null;
        if (bitWidth == 0 && type instanceof FieldType.Scalar scalar) {
            Class<?> carrier = scalar.layout().carrier();
            direct = carrier == long.class || (carrier == int.class && scalar.signed()) ? carrier : null;
        }
        return new StructField(owner, path, type, offset, bitOffset, bitWidth, handle, direct);
    }

    private static long parseIndex(StructType owner, String path, String text) {
        try {
            long index = Long.parseLong(text.trim());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new StructException(owner.name() + ": '" + text + "' in '" + path + "' is not an array index");
    }

    /** The size in bytes of the field (for a bit-field, of the bytes it touches). */
    public long byteSize() {
        return bitWidth > 0 ? (bitOffset + bitWidth + 7) / 8 - bitOffset / 8 : type.layout().byteSize();
    }

    /**
     * The value as Java sees it: integers as {@code Integer} (up to 32-bit signed, 16-bit unsigned) or
     * {@code Long} (zero-extended when unsigned), {@code Float}/{@code Double}, {@code Boolean}, a
     * {@code MemorySegment} for a pointer, a {@link StructView} for a nested struct, a Java array for an array.
     */
    public Object get(MemorySegment struct) {
        if (bitWidth > 0) {
            return ScalarValues.box((FieldType.Scalar) type, BitFields.read(struct, bitOffset, bitWidth,
                    ((FieldType.Scalar) type).signed()));
        }
        return switch (type) {
            case FieldType.Scalar scalar -> ScalarValues.box(scalar, ScalarValues.read(handle, scalar, struct));
            case FieldType.Pointer pointer -> (MemorySegment) handle.get(struct);
            case FieldType.Nested nested -> new StructView(nested.type(), struct.asSlice(offset, byteSize()));
            case FieldType.Array array -> ScalarValues.readArray(struct.asSlice(offset, byteSize()), array);
        };
    }

    /**
     * Stores a Java value: any integral number (or {@code Character}) within the C type's range for integers,
     * numbers for floating types, {@code Boolean} for {@code bool}, a {@code MemorySegment} or {@link StructView}
     * (or null) for a pointer, a {@code Map} for a nested struct, a Java array for an array.
     *
     * @throws StructException for a value of the wrong type or out of the field's range
     */
    public void set(MemorySegment struct, Object value) {
        if (bitWidth > 0) {
            long bits = ScalarValues.toBits((FieldType.Scalar) type, value, this::describe, bitWidth);
            BitFields.write(struct, bitOffset, bitWidth, bits);
            return;
        }
        switch (type) {
            case FieldType.Scalar scalar -> ScalarValues.write(handle, scalar, struct,
                    ScalarValues.toBits(scalar, value, this::describe, 0));
            case FieldType.Pointer pointer -> handle.set(struct, ScalarValues.toPointer(value, this::describe));
            case FieldType.Nested nested -> new StructView(nested.type(), struct.asSlice(offset, byteSize()))
                    .write(ScalarValues.toMap(value, this::describe));
            case FieldType.Array array -> ScalarValues.writeArray(struct.asSlice(offset, byteSize()), array, value,
                    this::describe);
        }
    }

    /** An integer field (or bit-field) as a {@code long}: sign- or zero-extended by its C type. */
    public long getLong(MemorySegment struct) {
        if (direct == long.class) {
            return (long) handle.get(struct);
        }
        if (direct == int.class) {
            return (int) handle.get(struct);
        }
        if (bitWidth > 0) {
            return BitFields.read(struct, bitOffset, bitWidth, ((FieldType.Scalar) type).signed());
        }
        return ScalarValues.read(handle, integer(), struct);
    }

    /** Stores a {@code long} into an integer field, truncated to its width as C would. */
    public void setLong(MemorySegment struct, long value) {
        if (direct == long.class) {
            handle.set(struct, value);
            return;
        }
        if (bitWidth > 0) {
            BitFields.write(struct, bitOffset, bitWidth, value);
            return;
        }
        ScalarValues.write(handle, integer(), struct, value);
    }

    /** An {@code int}-sized (or smaller) integer field, at raw VarHandle speed. */
    public int getInt(MemorySegment struct) {
        if (direct == int.class) {
            return (int) handle.get(struct);
        }
        return (int) getLong(struct);
    }

    /** Stores an {@code int} into an integer field. */
    public void setInt(MemorySegment struct, int value) {
        if (direct == int.class) {
            handle.set(struct, value);
            return;
        }
        setLong(struct, value);
    }

    /** A {@code float} or {@code double} field as a {@code double}. */
    public double getDouble(MemorySegment struct) {
        FieldType.Scalar scalar = floating();
        return scalar.layout().carrier() == float.class ? (float) handle.get(struct) : (double) handle.get(struct);
    }

    /** Stores into a {@code float} or {@code double} field. */
    public void setDouble(MemorySegment struct, double value) {
        FieldType.Scalar scalar = floating();
        if (scalar.layout().carrier() == float.class) {
            handle.set(struct, (float) value);
        } else {
            handle.set(struct, value);
        }
    }

    private FieldType.Scalar integer() {
        if (type instanceof FieldType.Scalar scalar && scalar.isInteger()) {
            return scalar;
        }
        throw new StructException(describe() + " is a " + type.cName() + ", not an integer");
    }

    private FieldType.Scalar floating() {
        if (type instanceof FieldType.Scalar scalar && !scalar.isInteger() && bitWidth == 0) {
            return scalar;
        }
        throw new StructException(describe() + " is a " + type.cName() + ", not a float or double");
    }

    /** {@code timeval.tv_sec (time_t)}: how messages name the field. */
    String describe() {
        return owner.name() + "." + path + " (" + type.cName() + ")";
    }
}
