package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.StringType;
import epsilon.foreign.marshalling.internal.layout.LayoutEngine;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes values of every {@link CType} in memory (Lisp's convert-to/from-foreign on a pointer), with the
 * rules of {@link ToForeign} and {@link FromForeign}: the one path that calls, struct fields and callbacks all use.
 * Values may sit at any offset: a field of a packed struct is read byte-aligned.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    /**
     * See {@link Marshal#read}.
     *
     * @param segment the memory read from
     * @param offset  the byte offset of the value, aligned or not
     * @param type    the C type of the value
     * @return the Java value; a struct or sized opaque value is a slice of {@code segment}, not a copy
     * @throws ConversionError for {@code void}, or an enum value with no keyword
     */
    public static Object read(MemorySegment segment, long offset, CType type) {
        return switch (type.kind()) {
            case VOID -> throw new ConversionError("void has no value to read (offset " + offset + ")", null, null);
            case STRUCT -> segment.asSlice(offset, type.layout());
            case ARRAY -> readArray(segment, offset, (ArrayType) type);
            case OPAQUE -> segment.asSlice(offset, type.layout()); // its bytes: Java has no other form for them
            case POINTER, FUNCTION_POINTER -> segment.get(placed((AddressLayout) pointerLayout(type), segment, offset),
                    offset);
            case STRING -> FromForeign.convert(segment.get(placed(ValueLayout.ADDRESS, segment, offset), offset), type);
            default -> FromForeign.convert(readCarrier(segment, offset, (ValueLayout) type.layout()), type);
        };
    }

    /** A pointer's layout for reading: sized to its target where the target's size is known. */
    private static MemoryLayout pointerLayout(CType type) {
        return type.kind() == CType.Kind.POINTER ? type.layout() : ValueLayout.ADDRESS;
    }

    /**
     * The boxed carrier stored at {@code offset}, read through {@code layout}, unaligned when {@code offset} leaves it
     * misaligned.
     *
     * @param segment the memory read from
     * @param offset  the byte offset of the value
     * @param layout  the value's layout
     * @return the value, boxed as the layout's carrier, without conversion (an {@code unsigned int} as its
     *         {@code Integer} bits)
     */
    public static Object readCarrier(MemorySegment segment, long offset, ValueLayout layout) {
        ValueLayout at = placed(layout, segment, offset);
        return switch (at) {
            case ValueLayout.OfBoolean l -> segment.get(l, offset);
            case ValueLayout.OfByte l -> segment.get(l, offset);
            case ValueLayout.OfShort l -> segment.get(l, offset);
            case ValueLayout.OfChar l -> segment.get(l, offset);
            case ValueLayout.OfInt l -> segment.get(l, offset);
            case ValueLayout.OfLong l -> segment.get(l, offset);
            case ValueLayout.OfFloat l -> segment.get(l, offset);
            case ValueLayout.OfDouble l -> segment.get(l, offset);
            case AddressLayout l -> segment.get(l, offset);
        };
    }

    /**
     * Stores a boxed carrier at {@code offset} through {@code layout}, unaligned when {@code offset} leaves it
     * misaligned. No range check: the carrier is written as it is.
     *
     * @param segment the memory written to
     * @param offset  the byte offset of the value
     * @param layout  the value's layout
     * @param carrier the value, boxed as the layout's carrier; another box is a {@code ClassCastException}
     */
    public static void writeCarrier(MemorySegment segment, long offset, ValueLayout layout, Object carrier) {
        ValueLayout at = placed(layout, segment, offset);
        switch (at) {
            case ValueLayout.OfBoolean l -> segment.set(l, offset, (Boolean) carrier);
            case ValueLayout.OfByte l -> segment.set(l, offset, (Byte) carrier);
            case ValueLayout.OfShort l -> segment.set(l, offset, (Short) carrier);
            case ValueLayout.OfChar l -> segment.set(l, offset, (Character) carrier);
            case ValueLayout.OfInt l -> segment.set(l, offset, (Integer) carrier);
            case ValueLayout.OfLong l -> segment.set(l, offset, (Long) carrier);
            case ValueLayout.OfFloat l -> segment.set(l, offset, (Float) carrier);
            case ValueLayout.OfDouble l -> segment.set(l, offset, (Double) carrier);
            case AddressLayout l -> segment.set(l, offset, (MemorySegment) carrier);
        }
    }

    /** {@code layout}, or its byte-aligned form where the address at {@code offset} does not meet its alignment. */
    @SuppressWarnings("unchecked")
    static <L extends ValueLayout> L placed(L layout, MemorySegment segment, long offset) {
        long alignment = layout.byteAlignment();
        if (alignment == 1 || segment.isNative() && (segment.address() + offset) % alignment == 0) {
            return layout;
        }
        return (L) layout.withByteAlignment(1);
    }

    /**
     * The elements of an array at {@code offset}: a Java array of the element's Java type, or a String for text.
     *
     * @param segment the memory read from
     * @param offset  the byte offset of the first element
     * @param type    the array type
     * @return a new Java array of {@code type.count()} elements, or the text up to its first NUL
     * @throws ConversionError for an array or text too large for Java, or an enum element with no keyword
     */
    public static Object readArray(MemorySegment segment, long offset, ArrayType type) {
        if (type.isText()) {
            return readText(segment, offset, type);
        }
        CType element = type.element();
        int count = count(type);
        Object result = Array.newInstance(element.javaType(), count);
        if (element.javaType() == element.carrier() && element.carrier().isPrimitive()
                && element.carrier() != boolean.class && element.layout() instanceof ValueLayout value) {
            MemorySegment.copy(segment, value.withByteAlignment(1), offset, result, 0, count);
            return result;
        }
        long size = element.byteSize();
        for (int i = 0; i < count; i++) {
            Array.set(result, i, read(segment, offset + i * size, element));
        }
        return result;
    }

    /** A {@code char[n]} (or {@code wchar_t[n]}) as text: up to its first NUL, or all of it when there is none. */
    private static String readText(MemorySegment segment, long offset, ArrayType type) {
        int unit = (int) type.element().byteSize();
        long bytes = type.byteSize();
        long end = 0;
        while (end < bytes && !isZero(segment, offset + end, unit)) {
            end += unit;
        }
        if (end > Integer.MAX_VALUE - 8) {
            throw new ConversionError(type.name() + " holds more text than a Java String can", null, null);
        }
        byte[] raw = segment.asSlice(offset, end).toArray(ValueLayout.JAVA_BYTE);
        return new String(raw, textCharset(type));
    }

    private static boolean isZero(MemorySegment segment, long offset, int unit) {
        for (int i = 0; i < unit; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, offset + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The charset a text array holds: UTF-8 for {@code char}, the wide charset for {@code wchar_t}. */
    static Charset textCharset(ArrayType type) {
        if (type.element().kind() == CType.Kind.CHAR) {
            return StandardCharsets.UTF_8;
        }
        boolean little = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        return Charset.forName((type.element().byteSize() == 4 ? "UTF-32" : "UTF-16") + (little ? "LE" : "BE"));
    }

    /**
     * See {@link Marshal#write}; {@code fn} and {@code index} name the call site in errors.
     *
     * @param segment   the memory written to
     * @param offset    the byte offset of the value, aligned or not
     * @param type      the C type of the value in memory
     * @param value     the Java value, accepted as {@link ToForeign#convert} accepts it
     * @param allocator where the strings and arrays the value points to are allocated, and who frees them; may be
     *                  {@code null} when the value needs no memory
     * @param fn        the C function, or a description of the site with {@link Failures#SITE}; {@code null}
     *                  outside a call
     * @param index     the zero-based argument index, -1 outside a call, or {@link Failures#SITE}
     * @throws epsilon.foreign.marshalling.NullArgumentError for {@code null} where the C type has no null
     * @throws epsilon.foreign.marshalling.ArgumentTypeError for a Java type the C type does not accept, or a heap
     *                                                       segment for a pointer
     * @throws ConversionError for a value the C type cannot represent
     */
    public static void write(MemorySegment segment, long offset, CType type, Object value, SegmentAllocator allocator,
                             String fn, int index) {
        switch (type.kind()) {
            case VOID -> throw new ConversionError(Failures.where(fn, index) + ": void has no value to write (offset "
                    + offset + ")", Failures.functionOf(fn, index), null);
            case ARRAY -> writeArray(segment, offset, (ArrayType) type, value, allocator, fn, index);
            case STRUCT, OPAQUE -> {
                MemorySegment source = (MemorySegment) ToForeign.convert(value, type, allocator, fn, index);
                MemorySegment.copy(source, 0, segment, offset, type.byteSize());
            }
            case POINTER, STRING, FUNCTION_POINTER -> {
                Object pointer = ToForeign.convert(value, type, allocator, fn, index);
                if (pointer instanceof MemorySegment heap && !heap.isNative()) {
                    throw Failures.wrongType(value, type, "a native segment: a heap segment (over a Java array) has no"
                            + " address that stays valid in memory C reads", fn, index);
                }
                writeCarrier(segment, offset, ValueLayout.ADDRESS, pointer);
            }
            default -> writeCarrier(segment, offset, (ValueLayout) type.layout(),
                    ToForeign.convert(value, type, allocator, fn, index));
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
                        + " bytes but " + type.name() + " has " + type.byteSize(), Failures.functionOf(fn, index), null);
            }
            MemorySegment.copy(source, 0, segment, offset, type.byteSize());
            return;
        }
        if (type.isText() && (value instanceof String || value instanceof byte[])) {
            writeText(segment, offset, type, value, fn, index);
            return;
        }
        Class<?> component = value.getClass().componentType();
        boolean primitiveMatch = component != null && component.isPrimitive()
                && ToForeign.isPrimitiveElement(element) && component == element.carrier();
        if (!primitiveMatch && !(value instanceof Object[])) {
            throw Failures.wrongType(value, type, (type.isText() ? "a String, a byte[], " : "")
                    + (ToForeign.isPrimitiveElement(element) ? ToForeign.article(element.carrier().getName()) + "[] or " : "")
                    + "an Object[] of " + type.count() + " " + element.name() + " values", fn, index);
        }
        int length = Array.getLength(value);
        if (length != type.count()) {
            throw new ConversionError(Failures.where(fn, index) + ": " + type.name() + " needs exactly " + type.count()
                    + " elements but the array has " + length, Failures.functionOf(fn, index), null);
        }
        if (primitiveMatch) {
            MemorySegment.copy(value, 0, segment, ((ValueLayout) element.layout()).withByteAlignment(1), offset, length);
            return;
        }
        Object[] elements = (Object[]) value;
        long size = element.byteSize();
        for (int i = 0; i < length; i++) {
            write(segment, offset + i * size, element, elements[i], allocator, fn, index);
        }
    }

    /**
     * Text into a {@code char[n]}: the encoded bytes, a NUL, and zeros to the end. Text that does not fit with its
     * NUL is refused, never cut.
     */
    private static void writeText(MemorySegment segment, long offset, ArrayType type, Object value, String fn,
                                  int index) {
        int unit = (int) type.element().byteSize();
        byte[] bytes;
        if (value instanceof String text) {
            if (text.indexOf('\0') >= 0) {
                throw new ConversionError(Failures.where(fn, index) + ": the string contains a NUL character at index "
                        + text.indexOf('\0') + "; " + type.name() + " would hold only the text before it", Failures.functionOf(fn, index), null);
            }
            bytes = text.getBytes(textCharset(type));
        } else {
            bytes = (byte[]) value;
        }
        long room = type.byteSize();
        long needed = bytes.length + (value instanceof String ? unit : 0L);
        if (needed > room) {
            throw new ConversionError(Failures.where(fn, index) + ": " + Failures.describe(value) + " needs " + needed
                    + " bytes" + (value instanceof String ? " with its NUL" : "") + " but " + type.name() + " has "
                    + room, Failures.functionOf(fn, index), null);
        }
        MemorySegment target = segment.asSlice(offset, room);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, target, 0, bytes.length);
        target.asSlice(bytes.length).fill((byte) 0);
    }

    /**
     * The Java value of a pointer to an array C returned; see {@link Marshal#fromForeign}. A pointer shorter than the
     * array (a zero-length one from C) is trusted to point to all of it.
     *
     * @param pointer the address of the first element
     * @param type    the array type
     * @return a new Java array, or the text, as {@link #readArray} reads it; {@code null} for {@code NULL}
     */
    public static Object arrayFromPointer(MemorySegment pointer, ArrayType type) {
        if (pointer.isNative() && pointer.address() == 0) {
            return null;
        }
        MemorySegment elements = pointer.byteSize() >= type.byteSize() ? pointer : pointer.reinterpret(type.byteSize());
        return readArray(elements, 0, type);
    }

    /**
     * The text a {@code char *} carrier points to.
     *
     * @param pointer the carrier; a zero-length segment is read up to its terminator without a bound
     * @param type    the string type, which gives the charset
     * @return the text, or {@code null} for {@code NULL}
     * @throws ConversionError for a sized segment with no terminator
     */
    public static String string(MemorySegment pointer, StringType type) {
        return NativeStrings.fromNative(pointer, type.charset());
    }

    /**
     * An address C gave (a zero-length segment) as {@code byteSize} bytes. Restricted: the library trusts C about
     * the size, so this is the one place outside the linker calls where native access is needed for it.
     *
     * @param address  the address, of any size
     * @param byteSize the size C says the memory has
     * @return a segment of {@code byteSize} bytes at the same address, in the same scope
     */
    public static MemorySegment sized(MemorySegment address, long byteSize) {
        return address.reinterpret(byteSize);
    }

    /**
     * A copy of a struct's bytes that outlives the memory it was read from (a call's frame): on the Java heap, in a
     * {@code long[]} so that fields up to 8-byte alignment read as in native memory, and freed with its last
     * reference like any Java object. An automatic arena would hold native memory until the cleaner runs, which
     * under a stream of calls is late enough to grow the process by tens of megabytes. Over-aligned layouts (16
     * bytes) keep native memory.
     *
     * @param source the struct's bytes, from its first byte
     * @param layout the struct's layout, which gives the size and alignment
     * @return a copy of {@code layout.byteSize()} bytes that the garbage collector frees
     * @throws ConversionError for a struct too large for a Java array
     */
    public static MemorySegment detachedCopy(MemorySegment source, MemoryLayout layout) {
        if (layout.byteAlignment() > Long.BYTES) {
            return java.lang.foreign.Arena.ofAuto().allocate(layout).copyFrom(source);
        }
        long size = layout.byteSize();
        if (size > (long) Integer.MAX_VALUE * Long.BYTES) {
            throw new ConversionError("a struct of " + size + " bytes is too large to copy to the Java heap", null,
                    null);
        }
        MemorySegment copy = MemorySegment.ofArray(new long[(int) ((size + Long.BYTES - 1) / Long.BYTES)])
                .asSlice(0, size);
        return copy.copyFrom(source.asSlice(0, size));
    }

    /**
     * A Java primitive array's own storage as a heap segment.
     *
     * @param value anything
     * @return the segment over the array's elements, or {@code null} when {@code value} is not a primitive array
     */
    public static MemorySegment heapSegment(Object value) {
        return switch (value) {
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case char[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            case null, default -> null;
        };
    }

    /**
     * The layout a value of {@code type} has where it is stored (pointers as plain addresses).
     *
     * @param type a type with a size
     * @return the layout, as {@link LayoutEngine#storageLayout} gives it
     * @throws UnsupportedOperationException for {@code void}
     * @throws epsilon.foreign.marshalling.DeclarationError for an incomplete struct or an opaque type of unknown size
     */
    public static MemoryLayout storageLayout(CType type) {
        return LayoutEngine.storageLayout(type);
    }

    /** Whether an opaque type's bytes can be copied (it has a size). */
    static boolean hasBytes(CType type) {
        return !(type instanceof OpaqueType opaque) || opaque.hasSize();
    }

    private static int count(ArrayType type) {
        if (type.count() > Integer.MAX_VALUE - 8) {
            throw new ConversionError(type.name() + " has too many elements for a Java array", null, null);
        }
        return (int) type.count();
    }
}
