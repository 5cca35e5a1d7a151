package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.convert.FromForeign;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Native memory for an array that C fills and Java then reads (Lisp {@code with-output-array}). Made by
 * {@link NativeArrays#output(CType, int, java.lang.foreign.SegmentAllocator)}; pass {@link #segment()} to C, then
 * read the values. The memory belongs to the allocator it came from.
 *
 * {@snippet :
 * OutputArray out = NativeArrays.output(CType.UNSIGNED_INT, 3, arena);
 * fill.invokeExact(out.segment(), 3);  // C writes 3 unsigned ints
 * long[] values = out.toLongArray();   // zero-extended
 * }
 */
public final class OutputArray {
    private final ArrayType type;
    private final MemorySegment segment;

    OutputArray(CType type, MemorySegment segment) {
        this.type = (ArrayType) type;
        this.segment = Objects.requireNonNull(segment, "segment");
    }

    /** {@return the memory to pass to C: {@link #count()} elements, aligned for the element type} */
    public MemorySegment segment() {
        return segment;
    }

    /** {@return the element type} */
    public CType elementType() {
        return type.element();
    }

    /** {@return the number of elements} */
    public int count() {
        return (int) type.count();
    }

    /**
     * The element at {@code index}, as its Java type.
     *
     * @param index zero-based
     * @return the value as {@link Marshal#read} reads it: a {@code String} for {@code char *}, a keyword for an enum
     * @throws IndexOutOfBoundsException for an index outside {@code 0..count() - 1}
     * @throws ConversionError for an enum value with no keyword
     */
    public Object get(int index) {
        Objects.checkIndex(index, count());
        return Marshal.read(segment, index * type.element().byteSize(), type.element());
    }

    /**
     * The elements as ints, for element types whose Java type fits an {@code int}: signed integers up to 32 bits,
     * unsigned ones up to 16 bits, {@code char}, and enums stored as 32 bits (their raw values).
     *
     * @return a new array of {@link #count()} values, unsigned ones zero-extended
     * @throws ConversionError for any other element type (use {@link #toLongArray()} for {@code unsigned int})
     */
    public int[] toIntArray() {
        CType element = type.element();
        Class<?> javaType = element.javaType();
        boolean fits = element.kind() == CType.Kind.ENUM
                || element.kind().isInteger() && (javaType == int.class || javaType == short.class || javaType == byte.class)
                || element.kind() == CType.Kind.CHAR;
        if (!fits) {
            throw new ConversionError("toIntArray needs elements whose values fit an int, but the elements are "
                    + element.name() + "; use " + (element.kind().isInteger() ? "toLongArray()" : "toArray()"), null, null);
        }
        int[] values = new int[count()];
        long size = element.byteSize();
        for (int i = 0; i < values.length; i++) {
            values[i] = element instanceof EnumType enumType
                    ? FromForeign.enumValue(Marshal.read(segment, i * size, enumType.underlying()), enumType)
                    : ((Number) Marshal.read(segment, i * size, element)).intValue();
        }
        return values;
    }

    /**
     * The elements as longs, for any integer or {@code char} element type: signed values sign-extended, unsigned
     * ones zero-extended, 64-bit unsigned ones as raw bits.
     *
     * @return a new array of {@link #count()} values
     * @throws ConversionError for a non-integer element type
     */
    public long[] toLongArray() {
        CType element = type.element();
        if (!element.kind().isInteger() && element.kind() != CType.Kind.CHAR) {
            throw new ConversionError("toLongArray needs integer elements, but the elements are " + element.name()
                    + "; use toArray()", null, null);
        }
        long[] values = new long[count()];
        long size = element.byteSize();
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) Marshal.read(segment, i * size, element)).longValue();
        }
        return values;
    }

    /**
     * The elements as doubles, for {@code float} and {@code double} element types.
     *
     * @return a new array of {@link #count()} values; a {@code float} is widened exactly
     * @throws ConversionError for any other element type
     */
    public double[] toDoubleArray() {
        CType element = type.element();
        if (element.kind() != CType.Kind.DOUBLE && element.kind() != CType.Kind.FLOAT) {
            throw new ConversionError("toDoubleArray needs float or double elements, but the elements are "
                    + element.name(), null, null);
        }
        double[] values = new double[count()];
        long size = element.byteSize();
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) Marshal.read(segment, i * size, element)).doubleValue();
        }
        return values;
    }

    /**
     * Every element converted to its Java type, boxed: {@code String}s for {@code char *}, keywords for an enum.
     *
     * @return a new array of {@link #count()} values, as {@link #get(int)} reads each
     * @throws ConversionError for an enum value with no keyword
     */
    public Object[] toArray() {
        Object[] values = new Object[count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = get(i);
        }
        return values;
    }

    /** The element type and count, such as {@code "OutputArray[int[4]]"}. */
    @Override
    public String toString() {
        return "OutputArray[" + type.name() + "]";
    }
}
