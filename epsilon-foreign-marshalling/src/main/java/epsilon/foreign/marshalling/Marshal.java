package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.convert.Failures;
import epsilon.foreign.marshalling.internal.convert.FromForeign;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import epsilon.foreign.marshalling.internal.convert.ToForeign;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Converts between Java values and C values (Lisp {@code convert-to-foreign} and {@code convert-from-foreign}):
 * to and from the carriers of a downcall handle, and into and out of native memory. Every conversion is checked:
 * a user mistake is an exception naming the function, the argument, the C type and the value, never a crash or a
 * silently wrong number.
 *
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     Object s = Marshal.toForeign("hello", CType.STRING, arena, "strlen", 0);  // a MemorySegment with "hello\0"
 *     long n = (long) STRLEN.invokeExact((MemorySegment) s);
 *     Object length = Marshal.fromForeign(n, CType.SIZE_T);                     // 5L
 *
 *     Marshal.toForeign(300, CType.UNSIGNED_CHAR, arena, "putchar", 0);          // ConversionError: range 0..255
 *     Marshal.toForeign("x", CType.INT, arena, "abs", 0);                        // ArgumentTypeError
 *     Marshal.toForeign(null, CType.INT, arena, "abs", 0);                       // NullArgumentError
 * }
 * }
 *
 * <h2>What {@link #toForeign} accepts</h2>
 * <ul>
 * <li>integer types and {@code char}: {@code Byte}, {@code Short}, {@code Integer}, {@code Long},
 *     {@code BigInteger} and {@code Character}, within the C type's range. Unsigned types reject negative values
 *     ({@link ConversionError}), except that a {@code Long} for a 64-bit unsigned type is taken as its raw bits,
 *     since {@code long} is that type's Java type. Plain {@code char} accepts -128..255.</li>
 * <li>{@code float}/{@code double}: {@code Float}, {@code Double} (a {@code Double} beyond the float range is an
 *     error; otherwise it is rounded to the nearest float), and integral numbers the type represents exactly.</li>
 * <li>{@code bool}: {@code Boolean}.</li>
 * <li>{@code char *}: a {@code String} (copied, NUL-terminated, in the type's charset), a {@code MemorySegment},
 *     or {@code null}.</li>
 * <li>pointers: see {@link PointerType}; arrays: see {@link ArrayType} ({@code char[n]} takes a {@code String});
 *     enums: see {@link EnumType}; structs by value: a {@code MemorySegment} of exactly the struct's size; function
 *     pointers: a {@code MemorySegment}.</li>
 * </ul>
 * These are the rules everywhere a Java value becomes a C value: call arguments at every level, struct fields
 * (the struct module), callback results and {@code call-callback} arguments (the callback module).
 * Memory for copies comes from the allocator the caller passes and lives as long as it does (with an
 * {@link java.lang.foreign.Arena}, until the arena closes).
 *
 * <p>Thread-safe. Scalar types never take native memory; the common cases (an {@code Integer} for {@code int}, a
 * {@code Long} for {@code long}, a {@code Double}, a {@code MemorySegment} for a pointer) return the argument
 * itself after one switch on {@link CType#kind()}, allocating nothing, while other scalar conversions may box a new
 * carrier.
 */
public final class Marshal {
    private Marshal() {}

    /**
     * The carrier value, boxed, to pass to a downcall handle for {@code value} as a {@code type}: for example an
     * {@code Integer} for {@code int}, a {@code Byte} for {@code unsigned char}, a {@code MemorySegment} for
     * {@code char *} or a struct.
     *
     * @param value        the Java value; {@code null} is C's {@code NULL} for pointer, string, array and
     *                     function pointer types
     * @param type         the C type of the parameter
     * @param allocator    where copies of strings and arrays are allocated; may be {@code null} when
     *                     {@link #needsAllocator(Object, CType)} is false
     * @param functionName the C function, named in errors; {@code null} outside a call
     * @param index        the zero-based argument index, named in errors; -1 outside a call
     * @return the boxed carrier, of the class {@link CType#carrier()} names: the argument itself when it already is
     *         one that needs no check; for a copied string or array, memory from {@code allocator}, which owns and
     *         frees it
     * @throws NullArgumentError  for {@code null} where the C type has no null, or a {@code NULL} segment for a
     *                            struct by value
     * @throws ArgumentTypeError  for a Java type the C type does not accept
     * @throws ConversionError    for a value the C type cannot represent (out of range, unencodable text,
     *                            wrong struct size or array length, unknown enum keyword), or one that needs memory
     *                            when {@code allocator} is {@code null}
     */
    public static Object toForeign(Object value, CType type, SegmentAllocator allocator, String functionName, int index) {
        // The exact boxed carrier is by far the most common argument: return it before any checks.
        switch (type.kind()) {
            case INT32 -> {
                if (value instanceof Integer) {
                    return value;
                }
            }
            case INT64 -> {
                if (value instanceof Long) {
                    return value;
                }
            }
            case DOUBLE -> {
                if (value instanceof Double) {
                    return value;
                }
            }
            case POINTER, FUNCTION_POINTER -> {
                if (value instanceof MemorySegment) {
                    return value;
                }
            }
            default -> { }
        }
        return ToForeign.convert(value, type, allocator, functionName, index);
    }

    /**
     * {@link #toForeign(Object, CType, SegmentAllocator, String, int)} outside a call: errors say "value".
     *
     * @param value     the Java value; {@code null} is C's {@code NULL} for pointer, string, array and function
     *                  pointer types
     * @param type      the C type to convert to
     * @param allocator where copies of strings and arrays are allocated, and who frees them; may be {@code null}
     *                  when {@link #needsAllocator(Object, CType)} is false
     * @return the boxed carrier, as the five-argument form returns it
     * @throws NullArgumentError as the five-argument form, with index -1
     * @throws ArgumentTypeError as the five-argument form
     * @throws ConversionError   as the five-argument form
     */
    public static Object toForeign(Object value, CType type, SegmentAllocator allocator) {
        return toForeign(value, type, allocator, null, -1);
    }

    /**
     * The Java value of a carrier value a downcall returned: {@code Integer.toUnsignedLong} for {@code unsigned int},
     * the {@code String} (or {@code null} for {@code NULL}) for {@code char *}, the keyword or enum constant for an
     * enum, the elements for an array pointer; scalars of their own Java type come back as they are.
     *
     * @param carrierValue the boxed carrier, of the class {@link CType#carrier()} names; a value of another class is
     *                     not checked (a {@code ClassCastException}, or the value handed back as it is)
     * @param type         the C type the value was returned as
     * @return a value of {@link CType#javaType()}, boxed; {@code null} for {@code void}
     * @throws ConversionError for an enum value with no keyword, or a string with no terminator in a sized segment
     */
    public static Object fromForeign(Object carrierValue, CType type) {
        return FromForeign.convert(carrierValue, type);
    }

    /**
     * Writes {@code value} as a {@code type} at {@code offset} in {@code segment}. Strings and arrays behind
     * pointers are allocated from {@code allocator} and their address is written; an array type writes its
     * elements in place; a struct copies its bytes. Any offset works: a value the offset leaves misaligned (a field of
     * a packed struct) is written unaligned.
     *
     * @param segment   the memory written to
     * @param offset    the byte offset of the value in {@code segment}
     * @param type      the C type of the value in memory
     * @param value     the Java value, accepted as {@link #toForeign} accepts it
     * @param allocator where the strings and arrays the value points to are allocated: it must outlive every use of
     *                  the pointer written, and it, not {@code segment}, frees them; may be {@code null} when the
     *                  value needs no memory
     * @throws NullArgumentError for {@code null} where the C type has no null
     * @throws ArgumentTypeError  for a Java type the C type does not accept, or a heap segment for a pointer (its
     *                            address would not stay valid)
     * @throws ConversionError    for a value the C type cannot represent, or one that needs memory when
     *                            {@code allocator} is {@code null}
     * @throws IndexOutOfBoundsException (the JDK's) when the value does not fit in {@code segment} at {@code offset}
     */
    public static void write(MemorySegment segment, long offset, CType type, Object value, SegmentAllocator allocator) {
        MemoryAccess.write(segment, offset, type, value, allocator, null, -1);
    }

    /**
     * Reads a {@code type} at {@code offset} in {@code segment}, as its Java type: a {@code String} for
     * {@code char *} (following the pointer), a Java array for an array type, a slice of {@code segment} (a view)
     * for a struct, a pointer sized to its target for {@code T *}. Any offset works, as for {@link #write}.
     *
     * @param segment the memory read from
     * @param offset  the byte offset of the value in {@code segment}
     * @param type    the C type of the value in memory
     * @return a value of {@link CType#javaType()}, boxed; {@code null} for a {@code NULL} {@code char *}. A struct's
     *         slice and a pointer's target are memory C or {@code segment}'s owner frees, not the garbage collector
     * @throws ConversionError for {@code void}, or an enum value with no keyword
     * @throws IndexOutOfBoundsException (the JDK's) when the value does not fit in {@code segment} at {@code offset}
     */
    public static Object read(MemorySegment segment, long offset, CType type) {
        return MemoryAccess.read(segment, offset, type);
    }

    /**
     * Whether converting this particular value allocates: false for {@code null} and for a {@code MemorySegment}
     * even when {@code type.needsAllocator()} is true, so a caller can skip the arena for calls that pass
     * buffers they already hold.
     *
     * @param value the Java value about to be converted
     * @param type  the C type it is converted to
     * @return whether {@link #toForeign} would take memory from its allocator for this value
     */
    public static boolean needsAllocator(Object value, CType type) {
        return value != null && !(value instanceof MemorySegment) && type.needsAllocator();
    }

    /**
     * The C type a value is passed as in the variadic part of a call ({@code printf}'s arguments after the
     * format), following C's default argument promotions: {@code Byte}, {@code Short}, {@code Integer} and
     * {@code Character} as {@code int}; {@code Long} and {@code BigInteger} as {@code long long}; {@code Float}
     * and {@code Double} as {@code double}; {@code String} as {@code char *}; a {@code MemorySegment} or
     * {@code null} as {@code void *}; a {@code byte[]}, {@code short[]}, {@code int[]}, {@code long[]},
     * {@code float[]} or {@code double[]} as a pointer to its elements ({@code long[]} as {@code long long *}) and a
     * typed {@link ByReference} as a pointer to its type ({@code ByReference<Integer>} as {@code int *}, for
     * {@code sscanf}), both copied back after the call.
     *
     * @param value        the argument
     * @param functionName the C function, named in errors
     * @param index        the zero-based argument index, named in errors
     * @return the C type to convert {@code value} to and to describe it with in the call's descriptor
     * @throws ArgumentTypeError for any other value (a {@code Boolean}, for instance: pass 1 or 0; a {@code char[]};
     *                           an untyped {@code ByReference})
     */
    public static CType variadicType(Object value, String functionName, int index) {
        return switch (value) {
            case null -> CType.POINTER;
            case Integer i -> CType.INT;
            case Short s -> CType.INT;
            case Byte b -> CType.INT;
            case Character c -> CType.INT;
            case Long l -> CType.LONG_LONG;
            case BigInteger big -> CType.LONG_LONG;
            case Double d -> CType.DOUBLE;
            case Float f -> CType.DOUBLE;
            case String s -> CType.STRING;
            case MemorySegment segment -> CType.POINTER;
            case byte[] a -> CType.pointerTo(CType.SIGNED_CHAR);
            case short[] a -> CType.pointerTo(CType.SHORT);
            case int[] a -> CType.pointerTo(CType.INT);
            case long[] a -> CType.pointerTo(CType.LONG_LONG);
            case float[] a -> CType.pointerTo(CType.FLOAT);
            case double[] a -> CType.pointerTo(CType.DOUBLE);
            case ByReference<?> holder -> CType.pointerTo(heldVariadicType(holder, functionName, index));
            default -> throw new ArgumentTypeError(Failures.where(functionName, index) + ": " + Failures.describe(value)
                    + " has no C type in a variadic call; pass an Integer, Long, Double, String, MemorySegment, a"
                    + " byte[], short[], int[], long[], float[] or double[], or a typed ByReference", functionName,
                    index);
        };
    }

    /** The C type a holder passed to a variadic function points to ({@code sscanf(s, "%d", count)}), from its type. */
    private static CType heldVariadicType(ByReference<?> holder, String functionName, int index) {
        Class<?> type = holder.type().orElse(null);
        Optional<CType> held = OutParameters.heldType(type);
        if (held.isPresent()) {
            return held.get();
        }
        throw new ArgumentTypeError(Failures.where(functionName, index) + ": a ByReference" + (type == null ? ""
                : "<" + type.getSimpleName() + ">") + " has no C type in a variadic call; make it with"
                + " ByReference.empty(Integer.class) or another of Integer, Long, Short, Byte, Double, Float, String,"
                + " MemorySegment", functionName, index);
    }
}
