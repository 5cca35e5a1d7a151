package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignatureException;
import epsilon.foreign.callback.CallbackType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;

/**
 * Conversions between what the linker passes (the carrier: {@code int}, {@code MemorySegment}, ...) and what the
 * Java function sees: as method-handle filters for the typed path, as boxed functions for the dynamic path and
 * for {@code call-callback}.
 */
final class Conversions {
    private Conversions() {}

    private static final MethodHandle READ_STRING;
    private static final MethodHandle ENUM_CONSTANT;
    private static final MethodHandle ORDINAL;
    private static final MethodHandle NULL_TO_NULL_POINTER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READ_STRING = lookup.findStatic(Conversions.class, "readString",
                    MethodType.methodType(String.class, Charset.class, MemorySegment.class));
            ENUM_CONSTANT = lookup.findStatic(Conversions.class, "enumConstant",
                    MethodType.methodType(Enum.class, Class.class, Object[].class, int.class));
            ORDINAL = lookup.findStatic(Conversions.class, "ordinal", MethodType.methodType(int.class, Enum.class));
            NULL_TO_NULL_POINTER = lookup.findStatic(Conversions.class, "orNullPointer",
                    MethodType.methodType(MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** carrier -> Java filter for a parameter, or {@code null} when the carrier is already the Java type. */
    static MethodHandle argumentFilter(CallbackType type) {
        return switch (type) {
            case CallbackType.Text(Charset charset) -> READ_STRING.bindTo(charset);
            case CallbackType.Enumeration(Class<? extends Enum<?>> enumType) -> MethodHandles.insertArguments(ENUM_CONSTANT, 0, enumType, enumType.getEnumConstants())
                    .asType(MethodType.methodType(enumType, int.class));
            default -> null;
        };
    }

    /** Java -> carrier filter for the result, or {@code null} when none is needed. */
    static MethodHandle resultFilter(CallbackType type) {
        return switch (type) {
            case CallbackType.Enumeration(Class<? extends Enum<?>> enumType) ->
                    ORDINAL.asType(MethodType.methodType(int.class, enumType));
            case CallbackType.Pointer p -> NULL_TO_NULL_POINTER;
            default -> null;
        };
    }

    /** The boxed carrier value -> the Java value the function sees. */
    static Object toJava(CallbackType type, Object carrier) {
        return switch (type) {
            case CallbackType.Text(Charset charset) -> readString(charset, (MemorySegment) carrier);
            case CallbackType.Enumeration(Class<? extends Enum<?>> enumType) ->
                    enumConstant(enumType, enumType.getEnumConstants(), (Integer) carrier);
            default -> carrier;
        };
    }

    /**
     * A Java value -> the boxed carrier the linker expects, checked: integral values widen but never narrow.
     *
     * @param arena for strings passed to C ({@code call-callback} only); {@code null} where strings are refused
     * @param what names the position, for messages
     */
    static Object toCarrier(CallbackType type, Object value, Arena arena, String what) {
        switch (type) {
            case CallbackType.Scalar scalar -> {
                Class<?> carrier = scalar.layout().carrier();
                Object converted = convertScalar(carrier, value);
                if (converted == null) {
                    throw new CallbackSignatureException(what + " must be " + carrier.getSimpleName() + " for C '"
                            + scalar.cName() + "', got " + describe(value));
                }
                return converted;
            }
            case CallbackType.Enumeration(Class<? extends Enum<?>> enumType) -> {
                if (!enumType.isInstance(value)) {
                    throw new CallbackSignatureException(what + " must be a " + enumType.getSimpleName()
                            + " constant, got " + describe(value));
                }
                return ((Enum<?>) value).ordinal();
            }
            case CallbackType.Text(Charset charset) -> {
                if (value == null) {
                    return MemorySegment.NULL;
                }
                if (!(value instanceof String text) || arena == null) {
                    throw new CallbackSignatureException(what + " must be a String, got " + describe(value));
                }
                return arena.allocateFrom(text, charset);
            }
            case CallbackType.Pointer p -> {
                if (value == null) {
                    return MemorySegment.NULL;
                }
                if (!(value instanceof MemorySegment segment)) {
                    throw new CallbackSignatureException(what + " must be a MemorySegment for C '" + p.cName()
                            + "', got " + describe(value));
                }
                return segment;
            }
            case CallbackType.Struct s -> {
                if (!(value instanceof MemorySegment segment) || segment.byteSize() < s.layout().byteSize()) {
                    throw new CallbackSignatureException(what + " must be a MemorySegment of at least "
                            + s.layout().byteSize() + " bytes for C '" + s.cName() + "', got " + describe(value));
                }
                return segment;
            }
            case CallbackType.Void v -> {
                return null;
            }
        }
    }

    private static Object convertScalar(Class<?> carrier, Object value) {
        if (carrier == boolean.class) {
            return value instanceof Boolean ? value : null;
        }
        if (carrier == double.class) {
            return value instanceof Double || value instanceof Float || isIntegral(value)
                    ? ((Number) value).doubleValue() : null;
        }
        if (carrier == float.class) {
            return value instanceof Float ? value : null;
        }
        if (carrier == char.class) {
            return value instanceof Character ? value : null;
        }
        if (!isIntegral(value)) {
            return null;
        }
        long v = ((Number) value).longValue();
        if (carrier == long.class) {
            return v;
        }
        if (carrier == int.class && v == (int) v) {
            return (int) v;
        }
        if (carrier == short.class && v == (short) v) {
            return (short) v;
        }
        if (carrier == byte.class && v == (byte) v) {
            return (byte) v;
        }
        return null;
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    /** The default result C receives when the function throws and none was declared: 0, false or NULL. */
    static Object zeroOf(CallbackType type, Arena arena) {
        return switch (type) {
            case CallbackType.Scalar scalar -> zeroScalar(scalar.layout().carrier());
            case CallbackType.Enumeration e -> 0;
            case CallbackType.Pointer p -> MemorySegment.NULL;
            case CallbackType.Text t -> MemorySegment.NULL;
            case CallbackType.Struct s -> arena.allocate(s.layout());
            case CallbackType.Void v -> null;
        };
    }

    private static Object zeroScalar(Class<?> carrier) {
        try {
            return MethodHandles.zero(carrier).invoke();
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    static String readString(Charset charset, MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0, charset);
    }

    static Enum<?> enumConstant(Class<?> type, Object[] constants, int ordinal) {
        if (ordinal < 0 || ordinal >= constants.length) {
            throw new IllegalArgumentException("C passed " + ordinal + ", which is no ordinal of enum "
                    + type.getSimpleName() + " (0.." + (constants.length - 1) + ")");
        }
        return (Enum<?>) constants[ordinal];
    }

    static int ordinal(Enum<?> constant) {
        if (constant == null) {
            throw new NullPointerException("a callback returned null for an enum result");
        }
        return constant.ordinal();
    }

    static MemorySegment orNullPointer(MemorySegment segment) {
        return segment == null ? MemorySegment.NULL : segment;
    }
}
