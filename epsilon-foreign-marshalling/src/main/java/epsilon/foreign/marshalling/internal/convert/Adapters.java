package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.EnumType;
import epsilon.foreign.marshalling.NullArgumentError;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The conversions of {@link ToForeign} and {@link FromForeign} as method handles, for the paths that know the Java
 * types at link time and must not box: bound interfaces, typed callbacks, generated bindings. A declared Java type
 * pairs with a C type in one of three ways:
 * <ul>
 *   <li>it is the C type's carrier ({@code int} for {@code unsigned int}: the raw bits, no conversion);</li>
 *   <li>it is the C type's Java type ({@code long} for {@code unsigned int}): range-checked going to C with the same
 *       message as {@code ToForeign}, zero-extended coming back;</li>
 *   <li>it is a reference type that the C type's Java value is an instance of ({@code Object} for an erased generic,
 *       {@code String} for {@code char *}, the Java enum or {@code String} for an enum): converted by
 *       {@code ToForeign}/{@code FromForeign} themselves.</li>
 * </ul>
 * Anything else does not pair, and {@link #toCarrier}/{@link #fromCarrier} return {@code null} so the caller can
 * refuse it with its own context.
 */
public final class Adapters {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle TO_FOREIGN = find("toForeign", Object.class, Object.class, CType.class,
            String.class, int.class);
    private static final MethodHandle FROM_FOREIGN = find("fromForeign", Object.class, Object.class, CType.class);
    private static final MethodHandle OR_NULL = find("orNull", MemorySegment.class, MemorySegment.class);

    private Adapters() {}

    /**
     * {@code (javaType)carrier}: a Java value of the declared type to the C type's carrier, or {@code null} when they
     * do not pair. Types that need memory to convert (a {@code String} for {@code char *}, a Java array) do not pair
     * here: their paths allocate in a call frame.
     *
     * @param type     the C type of the parameter or result
     * @param javaType the Java type declared for it
     * @param function the C function (or callback) for messages, or a description of the site with
     *                 {@link Failures#SITE}
     * @param index    the zero-based parameter, -1 for a result, or {@link Failures#SITE}
     * @return a handle of type {@code (javaType)carrier}: the identity when {@code javaType} is the carrier (a
     *         {@code null} {@code MemorySegment} becoming {@code NULL}), a range check when it is an unsigned type's
     *         Java type, else {@link ToForeign}'s conversion with its refusals and messages; {@code null} when the
     *         types do not pair
     */
    public static MethodHandle toCarrier(CType type, Class<?> javaType, String function, int index) {
        Class<?> carrier = type.carrier();
        if (type.isVoid()) {
            return javaType == void.class ? MethodHandles.identity(Object.class) : null;
        }
        if (javaType == carrier) {
            return carrier == MemorySegment.class ? OR_NULL : MethodHandles.identity(carrier);
        }
        if (javaType.isPrimitive()) {
            if (javaType == type.javaType()) {
                MethodHandle check = switch (type.kind()) {
                    case UINT8 -> find("unsignedByte", byte.class, int.class, CType.class, String.class, int.class);
                    case UINT16 -> find("unsignedShort", short.class, int.class, CType.class, String.class, int.class);
                    case UINT32 -> find("unsignedInt", int.class, long.class, CType.class, String.class, int.class);
                    default -> null;
                };
                return check == null ? null : MethodHandles.insertArguments(check, 1, type, function, index);
            }
            if (javaType == char.class && (carrier == short.class)) {
                return MethodHandles.explicitCastArguments(MethodHandles.identity(short.class),
                        MethodType.methodType(short.class, char.class));
            }
            return null;
        }
        if (type.needsAllocator() && !(javaType == MemorySegment.class)) {
            return null;
        }
        if (!javaType.isAssignableFrom(MethodType.methodType(type.javaType()).wrap().returnType())
                && !(type instanceof EnumType && (javaType == String.class || javaType.isEnum()))
                && !Number.class.isAssignableFrom(javaType) && javaType != Character.class) {
            return null;
        }
        return MethodHandles.insertArguments(TO_FOREIGN, 1, type, function, index)
                .asType(MethodType.methodType(carrier, javaType));
    }

    /**
     * {@code (carrier)javaType}: the C type's carrier to a Java value of the declared type, or {@code null} when they
     * do not pair.
     *
     * @param type     the C type of the parameter or result
     * @param javaType the Java type declared for it
     * @return a handle of type {@code (carrier)javaType}, which throws {@link FromForeign}'s
     *         {@code ConversionError}s (an enum value with no constant of a declared Java enum among them); {@code null}
     *         when the types do not pair
     */
    public static MethodHandle fromCarrier(CType type, Class<?> javaType) {
        Class<?> carrier = type.carrier();
        if (javaType == carrier) {
            return MethodHandles.identity(carrier);
        }
        if (javaType.isPrimitive()) {
            if (javaType != type.javaType()) {
                return javaType == char.class && carrier == short.class
                        ? MethodHandles.explicitCastArguments(MethodHandles.identity(short.class),
                                MethodType.methodType(char.class, short.class))
                        : null;
            }
            return switch (type.kind()) {
                case UINT8 -> findIn(Byte.class, "toUnsignedInt", int.class, byte.class);
                case UINT16 -> findIn(Short.class, "toUnsignedInt", int.class, short.class);
                case UINT32 -> findIn(Integer.class, "toUnsignedLong", long.class, int.class);
                default -> null;
            };
        }
        Class<?> java = MethodType.methodType(type.javaType()).wrap().returnType();
        boolean pairs = javaType.isAssignableFrom(java) || type instanceof EnumType && javaType.isEnum();
        if (!pairs) {
            return null;
        }
        MethodHandle convert = MethodHandles.insertArguments(FROM_FOREIGN, 1, type);
        if (type instanceof EnumType && javaType.isEnum()) {
            convert = MethodHandles.filterReturnValue(convert,
                    MethodHandles.insertArguments(find("asEnum", Object.class, Class.class, Object.class), 0,
                            javaType));
        }
        return convert.asType(MethodType.methodType(javaType, carrier));
    }

    // ---- the conversions themselves, with ToForeign's messages -------------------------------------------------

    private static Object toForeign(Object value, CType type, String function, int index) {
        return ToForeign.convert(value, type, null, function, index);
    }

    private static Object fromForeign(Object carrier, CType type) {
        return FromForeign.convert(carrier, type);
    }

    /** A keyword an enum read gave, as the constant of the Java enum the callback or method declared. */
    private static Object asEnum(Class<?> enumType, Object keywordOrConstant) {
        if (enumType.isInstance(keywordOrConstant)) {
            return keywordOrConstant;
        }
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(String.valueOf(keywordOrConstant))) {
                return constant;
            }
        }
        throw new epsilon.foreign.marshalling.ConversionError("enum " + enumType.getSimpleName() + " has no constant"
                + " named " + keywordOrConstant, null, null);
    }

    private static MemorySegment orNull(MemorySegment segment) {
        return segment == null ? MemorySegment.NULL : segment;
    }

    /**
     * An {@code int} holding an {@code unsigned char}, as the byte C takes.
     *
     * @param value    the value, in 0..255
     * @param type     the C type, named in errors
     * @param function the C function, or a description of the site, named in errors
     * @param index    the argument index, named in errors
     * @return the low 8 bits
     * @throws epsilon.foreign.marshalling.ConversionError for a value out of range
     */
    public static byte unsignedByte(int value, CType type, String function, int index) {
        if (value >>> 8 != 0) {
            throw Failures.notRepresentable(value, type, "range 0..255", function, index);
        }
        return (byte) value;
    }

    /**
     * An {@code int} holding an {@code unsigned short}, as the 16 bits C takes.
     *
     * @param value    the value, in 0..65535
     * @param type     the C type, named in errors
     * @param function the C function, or a description of the site, named in errors
     * @param index    the argument index, named in errors
     * @return the low 16 bits
     * @throws epsilon.foreign.marshalling.ConversionError for a value out of range
     */
    public static short unsignedShort(int value, CType type, String function, int index) {
        if (value >>> 16 != 0) {
            throw Failures.notRepresentable(value, type, "range 0..65535", function, index);
        }
        return (short) value;
    }

    /**
     * A {@code long} holding an {@code unsigned int}, as the 32 bits C takes.
     *
     * @param value    the value, in 0..4294967295
     * @param type     the C type, named in errors
     * @param function the C function, or a description of the site, named in errors
     * @param index    the argument index, named in errors
     * @return the low 32 bits
     * @throws epsilon.foreign.marshalling.ConversionError for a value out of range
     */
    public static int unsignedInt(long value, CType type, String function, int index) {
        if (value >>> 32 != 0) {
            throw Failures.notRepresentable(value, type, "range 0..4294967295", function, index);
        }
        return (int) value;
    }

    /**
     * A pointer argument C declared {@code nonnull}, refused when it is Java's {@code null} or C's {@code NULL}, as
     * C would dereference it.
     *
     * @param pointer  the argument
     * @param type     the parameter's C type, named in errors
     * @param function the C function, named in errors
     * @param index    the zero-based argument index
     * @return {@code pointer}
     * @throws NullArgumentError for {@code null} or a native segment at address 0
     */
    public static MemorySegment nonnull(MemorySegment pointer, CType type, String function, int index) {
        if (pointer == null || pointer.address() == 0 && pointer.isNative()) {
            throw nonnullError(pointer, type, function, index);
        }
        return pointer;
    }

    /**
     * The error for {@code NULL} where a parameter is declared {@code nonnull}.
     *
     * @param value    the argument: {@code null}, or the {@code NULL} segment
     * @param type     the parameter's C type
     * @param function the C function, or {@code null}
     * @param index    the zero-based argument index
     * @return the error to throw, naming the function, the argument and the type
     */
    public static NullArgumentError nonnullError(Object value, CType type, String function, int index) {
        return new NullArgumentError(Failures.where(function, index) + ": " + (value == null ? "null" : "NULL")
                + " for a parameter of C type " + type.name() + " that " + (function == null ? "the function"
                : function) + " declares nonnull (C would dereference it)", function, index);
    }

    private static MethodHandle find(String name, Class<?> result, Class<?>... parameters) {
        return findIn(Adapters.class, name, result, parameters);
    }

    private static MethodHandle findIn(Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
        try {
            return LOOKUP.findStatic(owner, name, MethodType.methodType(result, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("missing conversion " + owner.getSimpleName() + "." + name, e);
        }
    }
}
