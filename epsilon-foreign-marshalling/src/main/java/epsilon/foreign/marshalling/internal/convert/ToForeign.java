package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.EnumType;
import epsilon.foreign.marshalling.NativeArrays;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.ScalarType;
import epsilon.foreign.marshalling.StringType;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Java value to carrier value, for every {@link CType.Kind}: the checked, general path behind
 * {@link epsilon.foreign.marshalling.Marshal#toForeign}, whose fast paths handle the exact boxed carrier first.
 */
public final class ToForeign {
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);
    private static final String INTEGRAL = "a Byte, Short, Integer, Long, BigInteger or Character";

    private ToForeign() {}

    /**
     * The boxed carrier for {@code value} as a {@code type}; see {@link epsilon.foreign.marshalling.Marshal#toForeign}.
     * Calls, struct fields and callbacks all convert through here, so a value is accepted or refused, with the
     * same message, wherever it goes.
     *
     * @param value     the Java value; {@code null} is C's {@code NULL} for address types
     * @param type      the C type to convert to
     * @param allocator where copies of strings and arrays are allocated, and who frees them; may be {@code null} when
     *                  the value needs none
     * @param fn        the C function named in errors, or with {@code index} {@link Failures#SITE} a description of
     *                  the site; {@code null} outside a call
     * @param index     the zero-based argument index, -1 outside a call, or {@link Failures#SITE}
     * @return the boxed carrier
     * @throws epsilon.foreign.marshalling.NullArgumentError for {@code null} where the C type has no null
     * @throws epsilon.foreign.marshalling.ArgumentTypeError for a Java type the C type does not accept
     * @throws ConversionError for a value the C type cannot represent, or one that needs memory when
     *                         {@code allocator} is {@code null}
     */
    public static Object convert(Object value, CType type, SegmentAllocator allocator, String fn, int index) {
        if (value == null) {
            return switch (type.kind()) {
                case POINTER, STRING, ARRAY, FUNCTION_POINTER -> MemorySegment.NULL;
                default -> throw Failures.nullValue(type, fn, index);
            };
        }
        return switch (type.kind()) {
            case VOID -> throw Failures.wrongType(value, type, "void has no values", fn, index);
            case BOOL -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw Failures.wrongType(value, type, "a Boolean", fn, index);
            }
            case CHAR, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> integer(value, type, fn, index);
            case FLOAT -> toFloat(value, type, fn, index);
            case DOUBLE -> toDouble(value, type, fn, index);
            case POINTER -> pointer(value, (PointerType) type, allocator, fn, index);
            case STRING -> {
                if (value instanceof String s) {
                    yield string(s, (StringType) type, allocator, fn, index);
                }
                if (value instanceof MemorySegment) {
                    yield value;
                }
                throw Failures.wrongType(value, type, "a String, a MemorySegment or null", fn, index);
            }
            case ARRAY -> array(value, (ArrayType) type, allocator, fn, index);
            case ENUM -> enumeration(value, (EnumType) type, fn, index);
            case STRUCT, OPAQUE -> {
                if (type instanceof OpaqueType opaque && !opaque.hasSize()) {
                    throw Failures.wrongType(value, type, opaque.reason(), fn, index);
                }
                if (value instanceof MemorySegment segment) {
                    if (segment.isNative() && segment.address() == 0) {
                        throw new NullArgumentError(Failures.where(fn, index) + ": NULL is not a " + type.name()
                                + " value; a struct by value needs a segment holding its " + type.byteSize()
                                + " bytes", Failures.functionOf(fn, index), Math.max(index, -1));
                    }
                    if (segment.byteSize() != type.byteSize()) {
                        throw new ConversionError(Failures.where(fn, index) + ": the segment has " + segment.byteSize()
                                + " bytes but " + type.name() + " has " + type.byteSize(), Failures.functionOf(fn, index), null);
                    }
                    yield segment;
                }
                throw Failures.wrongType(value, type, "a MemorySegment holding its " + type.byteSize() + " bytes", fn,
                        index);
            }
            case FUNCTION_POINTER -> {
                if (value instanceof MemorySegment) {
                    yield value;
                }
                throw Failures.wrongType(value, type,
                        "a MemorySegment: an upcall stub or a function address", fn, index);
            }
        };
    }

    /** The boxed carrier ({@code Byte}, {@code Short}, {@code Integer} or {@code Long}) of an integral value, range-checked. */
    static Object integer(Object value, CType type, String fn, int index) {
        CType.Kind kind = type.kind();
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
            // A Long is the Java type of a 64-bit unsigned C type, holding its raw bits: every Long fits.
            if (kind == CType.Kind.UINT64 && (v >= 0 || value instanceof Long)) {
                return v;
            }
        } else if (value instanceof Character c) {
            v = c;
        } else if (value instanceof BigInteger big) {
            if (kind == CType.Kind.UINT64) {
                if (big.signum() < 0 || big.compareTo(TWO_TO_THE_64) >= 0) {
                    throw Failures.notRepresentable(value, type, "range 0..18446744073709551615", fn, index);
                }
                return big.longValue();
            }
            if (big.bitLength() > 63) {
                throw Failures.notRepresentable(value, type, range(kind), fn, index);
            }
            v = big.longValue();
        } else {
            throw Failures.wrongType(value, type, INTEGRAL, fn, index);
        }
        if (!inRange(v, kind)) {
            throw Failures.notRepresentable(value, type, range(kind), fn, index);
        }
        return switch (kind) {
            case CHAR, INT8, UINT8 -> (byte) v;
            case INT16, UINT16 -> (short) v;
            case INT32, UINT32 -> (int) v;
            default -> v;
        };
    }

    private static boolean inRange(long v, CType.Kind kind) {
        return switch (kind) {
            case CHAR -> v >= Byte.MIN_VALUE && v <= 0xFF;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case INT64 -> true;
            default -> v >= 0; // UINT64 reached with a negative Byte/Short/Integer/Character
        };
    }

    private static String range(CType.Kind kind) {
        return switch (kind) {
            case CHAR -> "range -128..255, signed or unsigned";
            case INT8 -> "range -128..127";
            case UINT8 -> "range 0..255";
            case INT16 -> "range -32768..32767";
            case UINT16 -> "range 0..65535";
            case INT32 -> "range -2147483648..2147483647";
            case UINT32 -> "range 0..4294967295";
            case INT64 -> "range -9223372036854775808..9223372036854775807";
            default -> "range 0..18446744073709551615; negative values are rejected unless given as the raw bits in a Long";
        };
    }

    private static Object toFloat(Object value, CType type, String fn, int index) {
        if (value instanceof Float) {
            return value;
        }
        if (value instanceof Double d) {
            if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                throw Failures.notRepresentable(value, type, "beyond the float range of +-3.4028235E38", fn, index);
            }
            return d.floatValue();
        }
        if (isIntegral(value)) {
            BigInteger exact = integral(value);
            float f = exact.floatValue();
            if (new BigDecimal(exact).compareTo(new BigDecimal(f)) != 0) {
                throw Failures.notRepresentable(value, type, "not exactly representable; nearest float is " + f, fn, index);
            }
            return f;
        }
        throw Failures.wrongType(value, type, "a Float, a Double, or an integral number it represents exactly", fn, index);
    }

    private static Object toDouble(Object value, CType type, String fn, int index) {
        if (value instanceof Double) {
            return value;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (isIntegral(value)) {
            BigInteger exact = integral(value);
            double d = exact.doubleValue();
            if (new BigDecimal(exact).compareTo(new BigDecimal(d)) != 0) {
                throw Failures.notRepresentable(value, type, "not exactly representable; nearest double is " + d, fn, index);
            }
            return d;
        }
        throw Failures.wrongType(value, type, "a Double, a Float, or an integral number it represents exactly", fn, index);
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof Character;
    }

    private static BigInteger integral(Object value) {
        return switch (value) {
            case BigInteger big -> big;
            case Character c -> BigInteger.valueOf(c);
            default -> BigInteger.valueOf(((Number) value).longValue());
        };
    }

    private static Object string(String s, StringType type, SegmentAllocator allocator, String fn, int index) {
        requireAllocator(allocator, "a String", type, fn, index);
        try {
            return NativeStrings.toNative(s, type.charset(), allocator);
        } catch (ConversionError e) {
            throw Failures.inCall(e, fn, index);
        }
    }

    private static Object pointer(Object value, PointerType type, SegmentAllocator allocator, String fn, int index) {
        if (value instanceof MemorySegment) {
            return value;
        }
        CType target = type.target();
        if (value instanceof ByReference<?> holder) {
            requireAllocator(allocator, "a ByReference", type, fn, index);
            return OutParameters.cell(holder, type, allocator, fn, index);
        }
        if (value instanceof String[] strings && target instanceof StringType text) {
            requireAllocator(allocator, "a String[]", type, fn, index);
            try {
                return NativeArrays.stringArray(Arrays.asList(strings), text.charset(), allocator);
            } catch (ConversionError e) {
                throw Failures.inCall(e, fn, index);
            }
        }
        Class<?> component = value.getClass().componentType();
        if (component != null && component.isPrimitive() && component != boolean.class
                && (target.isVoid() || isPrimitiveElement(target) && component == target.carrier())) {
            requireAllocator(allocator, "a Java array", type, fn, index);
            if (java.lang.reflect.Array.getLength(value) == 0) {
                return emptyArrayCell(allocator);
            }
            return NativeArrays.copyOfArray(value, allocator);
        }
        if (value instanceof Object[] elements && hasSize(target)) {
            Class<?> elementType = elements.getClass().componentType();
            if (!type.isConstTarget() && !OutParameters.canHold(elementType, target)) {
                throw Failures.wrongType(value, type, "a " + elementType.getSimpleName() + "[] cannot hold the "
                        + target.name() + " values C may write back; use " + OutParameters.heldTypes(target)
                        .replace("ByReference<", "").replace(">", "[]") + ", or declare the parameter const "
                        + target.name() + " *", fn, index);
            }
            requireAllocator(allocator, "an Object[]", type, fn, index);
            MemoryLayout element = MemoryAccess.storageLayout(target);
            if (elements.length == 0) {
                return emptyArrayCell(allocator);
            }
            MemorySegment memory = allocator.allocate(element, elements.length).fill((byte) 0);
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] != null || !CParameterKinds.isAddress(target)) {
                    MemoryAccess.write(memory, i * element.byteSize(), target, elements[i], allocator, fn, index);
                }
            }
            return memory;
        }
        String accepted = target.isVoid()
                ? "a MemorySegment, null, or a primitive array to copy"
                : target instanceof StringType
                        ? "a MemorySegment, null, or a String[] to copy as a NULL-terminated array"
                        : "a MemorySegment, null, " + (isPrimitiveElement(target) ? article(target.carrier().getName())
                                + "[] or " : "") + "an Object[] of " + target.name() + " values to copy, or a"
                                + " ByReference";
        throw Failures.wrongType(value, type, accepted, fn, index);
    }

    /**
     * The memory passed for an empty Java array: C is given a pointer, and a function that writes one element
     * through it (an out-parameter given {@code new int[0]}) must not write over the next temporary of the call,
     * which a zero-byte allocation would let it do. So it gets a zeroed cell wide enough for any scalar; nothing of
     * it is copied back, as the array has no element to receive it.
     */
    private static MemorySegment emptyArrayCell(SegmentAllocator allocator) {
        return allocator.allocate(EMPTY_ARRAY_CELL, EMPTY_ARRAY_CELL).fill((byte) 0);
    }

    /** Bytes of {@link #emptyArrayCell}: the widest scalar C writes through a pointer (long double, 16 bytes). */
    private static final long EMPTY_ARRAY_CELL = 16;

    private static Object array(Object value, ArrayType type, SegmentAllocator allocator, String fn, int index) {
        if (value instanceof MemorySegment segment) {
            if (segment.byteSize() != 0 && segment.byteSize() < type.byteSize()) {
                throw new ConversionError(Failures.where(fn, index) + ": the segment has " + segment.byteSize()
                        + " bytes but " + type.name() + " needs " + type.byteSize(), Failures.functionOf(fn, index), null);
            }
            return segment;
        }
        requireAllocator(allocator, type.isText() ? "text" : "a Java array", type, fn, index);
        MemorySegment memory = allocator.allocate(type.layout());
        MemoryAccess.writeArray(memory, 0, type, value, allocator, fn, index);
        return memory;
    }

    /** "an int", "a long": the word with its indefinite article. */
    static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /** Whether values of {@code type} have a size, so that memory can be made for one. */
    static boolean hasSize(CType type) {
        return !type.isVoid() && !(type instanceof OpaqueType opaque && !opaque.hasSize())
                && !(type instanceof epsilon.foreign.marshalling.StructType struct && !struct.isComplete());
    }

    /** Whether arrays of {@code element} can be copied from a Java primitive array of its carrier. */
    static boolean isPrimitiveElement(CType element) {
        return (element instanceof ScalarType || element instanceof EnumType) && element.carrier() != boolean.class;
    }

    private static Object enumeration(Object value, EnumType type, String fn, int index) {
        int bits;
        try {
            bits = switch (value) {
                case String keyword -> type.enumeration().valueOf(keyword);
                case Enum<?> constant -> type.enumeration().valueOf(constant);
                case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> l.intValue();
                case Integer i -> i;
                case Short s -> s.intValue();
                case Byte b -> b.intValue();
                case Long l -> throw Failures.notRepresentable(value, type, "an enum's values are ints", fn, index);
                default -> throw Failures.wrongType(value, type,
                        "a keyword String, an enum constant or an int; keywords: "
                                + type.enumeration().keywords().keySet(), fn, index);
            };
        } catch (ConversionError e) {
            throw e.functionName().isPresent() || fn == null ? e : Failures.inCall(e, fn, index);
        }
        // Any int passes, not just the enumerators: C code commonly combines enumerators as flags. But it must fit
        // the storage: 300 in an enum stored as unsigned char would reach C as 44.
        CType underlying = type.underlying();
        if (underlying.byteSize() < Integer.BYTES) {
            long width = underlying.byteSize() * 8L;
            long low = type.isSigned() ? -(1L << (width - 1)) : 0;
            long high = type.isSigned() ? (1L << (width - 1)) - 1 : (1L << width) - 1;
            if (bits < low || bits > high) {
                throw Failures.notRepresentable(value, type, "stored as " + underlying.name() + ", range " + low
                        + ".." + high, fn, index);
            }
        }
        return switch (underlying.kind()) {
            case INT8, UINT8 -> (byte) bits;
            case INT16, UINT16 -> (short) bits;
            case INT64, UINT64 -> (long) bits;
            default -> bits;
        };
    }

    private static void requireAllocator(SegmentAllocator allocator, String what, CType type, String fn, int index) {
        if (allocator == null) {
            throw new ConversionError(Failures.where(fn, index) + ": converting " + what + " to C type " + type.name()
                    + " allocates native memory, but no allocator was given", Failures.functionOf(fn, index), null);
        }
    }
}
