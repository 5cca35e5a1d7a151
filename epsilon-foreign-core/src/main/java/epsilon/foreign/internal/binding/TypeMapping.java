package epsilon.foreign.internal.binding;

import epsilon.foreign.internal.binding.NativeMethod.Argument;
import epsilon.foreign.internal.binding.NativeMethod.ArgumentConversion;
import epsilon.foreign.internal.binding.NativeMethod.Result;
import epsilon.foreign.internal.binding.NativeMethod.ResultConversion;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.PointerType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules that pair a Java type with a C type, for one parameter or return value.
 *
 * <ul>
 *   <li>A primitive without {@code @NativeType} is its natural C type: {@code byte} signed char, {@code short}
 *       short, {@code int} int, {@code long} long long, {@code float}, {@code double}, {@code boolean} bool,
 *       {@code char} unsigned short (a UTF-16 code unit).</li>
 *   <li>A C type given by {@code @NativeType} fits a primitive that is its carrier (the raw bits) or its Java
 *       type ({@code long} for {@code unsigned int}: range-checked going in, zero-extended coming out); a
 *       {@code char} also fits the 16-bit integers.</li>
 *   <li>{@code MemorySegment} is any pointer; {@code String} is a {@code char *} in the {@code @Encoding}
 *       charset; a primitive array (not {@code boolean[]}) is a pointer to its elements.</li>
 *   <li>A variadic argument is promoted as C promotes it: {@code float} to {@code double}, integers narrower
 *       than {@code int} to {@code int}.</li>
 * </ul>
 * Everything else is refused with a message naming the method, the parameter and what would fit.
 */
final class TypeMapping {
    private static final Map<Class<?>, CType> NATURAL = Map.of(
            byte.class, CType.SIGNED_CHAR, short.class, CType.SHORT, int.class, CType.INT, long.class, CType.LONG_LONG,
            float.class, CType.FLOAT, double.class, CType.DOUBLE, boolean.class, CType.BOOL, char.class,
            CType.UNSIGNED_SHORT);
    /** {@code const} before the last {@code *}: C promises not to write through the pointer. */
    private static final Pattern CONST_POINTER = Pattern.compile("\\bconst\\b[^*]*\\*\\s*$");

    private final String where;
    private final String symbol;

    /**
     * @param where  the method as messages name it
     * @param symbol the C function, recorded in errors
     */
    TypeMapping(String where, String symbol) {
        this.where = where;
        this.symbol = symbol;
    }

    /**
     * The C side of one parameter.
     *
     * @param nativeType the {@code @NativeType} spelling, or {@code null}
     * @param charset    the {@code @Encoding} charset, or {@code null}
     * @param heapAccess whether arrays go to C in place
     * @param variadic   whether the parameter is in the {@code ...} part
     */
    Argument argument(int index, String label, Class<?> javaType, String nativeType, Charset charset,
                      boolean heapAccess, boolean variadic) {
        if (charset != null && javaType != String.class) {
            throw argumentError(index, "@Encoding is on " + label + ", a " + javaType.getSimpleName()
                    + ": only String parameters and return values have an encoding");
        }
        if (javaType == String.class) {
            CType type = stringType(nativeType, charset, label, index);
            return new Argument(index, label, javaType, type, type.argumentLayout(), ArgumentConversion.STRING,
                    ((epsilon.foreign.marshalling.StringType) type).charset());
        }
        if (javaType == MemorySegment.class) {
            CType type = pointerType(nativeType, label, index);
            return new Argument(index, label, javaType, type, type.argumentLayout(), ArgumentConversion.CAST, null);
        }
        if (javaType.isArray() && javaType.getComponentType().isPrimitive() && javaType != boolean[].class) {
            return array(index, label, javaType, nativeType, heapAccess);
        }
        if (javaType.isPrimitive() && javaType != void.class) {
            CType type = nativeType == null ? NATURAL.get(javaType) : parse(nativeType, label, index);
            ArgumentConversion conversion = switch (fit(javaType, type)) {
                case BITS -> ArgumentConversion.CAST;
                case WIDER_JAVA -> ArgumentConversion.UNSIGNED_NARROWING;
                case NONE -> throw argumentError(index, label + " is declared @NativeType(\"" + nativeType
                        + "\"), which does not fit its Java type " + javaType.getName() + suggestion(type));
            };
            return variadic ? promoted(index, label, javaType, type, conversion)
                    : new Argument(index, label, javaType, type, type.argumentLayout(), conversion, null);
        }
        String hint = javaType == Object[].class
                ? "; for a variadic C function declare fixed parameters and @Variadic(fixed = n)"
                : "; use a primitive, MemorySegment, String or a primitive array";
        throw argumentError(index, label + " has Java type " + javaType.getName() + ", which has no C mapping" + hint);
    }

    /** The C side of the return value. */
    Result result(Class<?> javaType, String nativeType, Charset charset) {
        if (charset != null && javaType != String.class) {
            throw methodError("@Encoding is on the method, whose return type " + javaType.getName()
                    + " is not a String: only String parameters and return values have an encoding");
        }
        if (javaType == void.class) {
            if (nativeType != null && !parse(nativeType, "the return value", -1).isVoid()) {
                throw methodError("the method returns void but is declared @NativeType(\"" + nativeType + "\")");
            }
            return new Result(javaType, CType.VOID, null, ResultConversion.CAST, null);
        }
        if (javaType == String.class) {
            CType type = stringType(nativeType, charset, "the return value", -1);
            return new Result(javaType, type, type.argumentLayout(), ResultConversion.STRING,
                    ((epsilon.foreign.marshalling.StringType) type).charset());
        }
        if (javaType == MemorySegment.class) {
            CType type = pointerType(nativeType, "the return value", -1);
            return new Result(javaType, type, type.argumentLayout(), ResultConversion.CAST, null);
        }
        if (javaType.isPrimitive()) {
            CType type = nativeType == null ? NATURAL.get(javaType) : parse(nativeType, "the return value", -1);
            ResultConversion conversion = switch (fit(javaType, type)) {
                case BITS -> ResultConversion.CAST;
                case WIDER_JAVA -> ResultConversion.UNSIGNED_WIDENING;
                case NONE -> throw methodError("the return value is declared @NativeType(\"" + nativeType
                        + "\"), which does not fit the Java return type " + javaType.getName() + suggestion(type));
            };
            return new Result(javaType, type, type.argumentLayout(), conversion, null);
        }
        throw methodError("the return type " + javaType.getName() + " has no C mapping; return a primitive,"
                + " MemorySegment (a pointer) or String (a char *)");
    }

    private enum Fit { BITS, WIDER_JAVA, NONE }

    /** How a primitive Java type holds values of a C type. */
    private static Fit fit(Class<?> javaType, CType type) {
        if (type.isVoid()) {
            return Fit.NONE;
        }
        if (type.carrier() == javaType) {
            return Fit.BITS;
        }
        if (javaType == char.class && (type.kind() == CType.Kind.INT16 || type.kind() == CType.Kind.UINT16)) {
            return Fit.BITS;
        }
        boolean unsigned = type.kind() == CType.Kind.UINT8 || type.kind() == CType.Kind.UINT16
                || type.kind() == CType.Kind.UINT32;
        return unsigned && type.javaType() == javaType ? Fit.WIDER_JAVA : Fit.NONE;
    }

    /** What a Java declaration of a value of {@code type} looks like. */
    private static String suggestion(CType type) {
        if (type.isVoid()) {
            return "; void is only a return type";
        }
        if (type.carrier() == MemorySegment.class) {
            return "; a pointer is a MemorySegment" + (type.kind() == CType.Kind.STRING ? " or a String" : "");
        }
        Class<?> wide = type.javaType();
        return "; declare it as " + type.carrier().getName()
                + (wide != type.carrier() && wide.isPrimitive() ? " (the raw bits) or " + wide.getName() : "");
    }

    /** A promoted variadic argument: C passes {@code float} as {@code double} and small integers as {@code int}. */
    private static Argument promoted(int index, String label, Class<?> javaType, CType type,
                                     ArgumentConversion conversion) {
        return switch (type.kind()) {
            case FLOAT -> new Argument(index, label, javaType, CType.DOUBLE, CType.DOUBLE.layout(),
                    ArgumentConversion.CAST, null);
            case BOOL, CHAR, INT8, INT16 -> new Argument(index, label, javaType, CType.INT, CType.INT.layout(),
                    ArgumentConversion.CAST, null);
            case UINT8, UINT16 -> new Argument(index, label, javaType, CType.INT, CType.INT.layout(),
                    javaType == byte.class || javaType == short.class ? ArgumentConversion.UNSIGNED_PROMOTION
                            : ArgumentConversion.CAST, null);
            default -> new Argument(index, label, javaType, type, type.argumentLayout(), conversion, null);
        };
    }

    private Argument array(int index, String label, Class<?> javaType, String nativeType, boolean heapAccess) {
        CType type = nativeType == null ? CType.POINTER : parse(nativeType, label, index);
        long elementSize = FrameConversions.elementLayout(javaType).byteSize();
        boolean fits = switch (type) {
            case PointerType pointer -> pointer.target().isVoid() || pointer.target().byteSize() == elementSize;
            case epsilon.foreign.marshalling.StringType text -> javaType == byte[].class;
            default -> false;
        };
        if (!fits) {
            throw argumentError(index, label + " is a " + javaType.getSimpleName() + " but is declared @NativeType(\""
                    + nativeType + "\"); an array is passed as a pointer to elements of " + elementSize
                    + (elementSize == 1 ? " byte" : " bytes"));
        }
        ArgumentConversion conversion = heapAccess ? ArgumentConversion.ARRAY_IN_PLACE
                : nativeType != null && CONST_POINTER.matcher(nativeType).find() ? ArgumentConversion.ARRAY_COPY_IN
                : ArgumentConversion.ARRAY_COPY_IN_OUT;
        return new Argument(index, label, javaType, type, ValueLayout.ADDRESS, conversion, null);
    }

    private CType stringType(String nativeType, Charset charset, String label, int index) {
        CType declared = nativeType == null ? CType.STRING : parse(nativeType, label, index);
        if (declared.kind() != CType.Kind.STRING) {
            String message = label + " is a String, so its C type is a char pointer, not @NativeType(\"" + nativeType
                    + "\"); use a MemorySegment for other pointers";
            throw index < 0 ? methodError(message) : argumentError(index, message);
        }
        // @Encoding wins; otherwise the spelling's own charset ("wchar_t *" is UTF-32 on Linux), else UTF-8.
        return charset == null ? declared : CType.string(charset);
    }

    private CType pointerType(String nativeType, String label, int index) {
        if (nativeType == null) {
            return CType.POINTER;
        }
        CType type = parse(nativeType, label, index);
        if (type.carrier() != MemorySegment.class || type.kind() == CType.Kind.STRUCT) {
            String message = label + " is a MemorySegment, which is a pointer, but is declared @NativeType(\""
                    + nativeType + "\")" + (type.kind() == CType.Kind.STRUCT
                    ? "; structs by value are not supported by bind: pass a pointer or use Foreign.sharedCall"
                    : suggestion(type));
            throw index < 0 ? methodError(message) : argumentError(index, message);
        }
        return type;
    }

    private CType parse(String spelling, String label, int index) {
        try {
            return CType.parse(spelling);
        } catch (ForeignError notAType) {
            throw new ForeignError("cannot bind " + where + ": @NativeType(\"" + spelling + "\") on " + label
                    + " is not a C type: " + notAType.getMessage(), symbol, null, notAType);
        }
    }

    ArgumentTypeError argumentError(int index, String message) {
        return new ArgumentTypeError("cannot bind " + where + ": " + message, symbol, index);
    }

    ForeignError methodError(String message) {
        return new ForeignError("cannot bind " + where + ": " + message, symbol);
    }
}
