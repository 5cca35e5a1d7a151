package epsilon.foreign.internal.binding;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.internal.binding.NativeMethod.Argument;
import epsilon.foreign.internal.binding.NativeMethod.ArgumentConversion;
import epsilon.foreign.internal.binding.NativeMethod.Result;
import epsilon.foreign.internal.binding.NativeMethod.ResultConversion;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.Arrays;
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
 *   <li>Out-parameters: a {@code ByReference} is a pointer to the value it holds ({@code ByReference<Integer>} an
 *       {@code int *}, or as {@code @NativeType} says), a {@code MemorySegment[]} a {@code void **}, a
 *       {@code String[]} a {@code char **}, an array of boxes a pointer to what {@code @NativeType} names; C's
 *       writes are copied back.</li>
 *   <li>A {@code StructView} is a pointer to its struct ({@code @NativeType("struct tm *")} checks it is that
 *       struct); as the return type, {@code @NativeType} must name a pointer to a struct of known layout.</li>
 *   <li>A {@code Callback} is a function pointer, checked against the {@code @NativeType} function-pointer type
 *       when there is one; any other functional interface needs that {@code @NativeType} and is made a callback for
 *       the length of the call (C must not keep the pointer: pass a {@code Callback} for that).</li>
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
    Argument argument(int index, String label, Class<?> javaType, Type genericType, String nativeType,
                      Charset charset, boolean heapAccess, boolean variadic) {
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
        if (!javaType.isPrimitive() && !variadic && javaType != Object[].class) {
            Argument object = objectArgument(index, label, javaType, genericType, nativeType);
            if (object != null) {
                return object;
            }
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
                : "; use a primitive, MemorySegment, String, a primitive array, ByReference, MemorySegment[],"
                        + " String[], StructView, Callback or a functional interface";
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
        if (javaType == StructView.class) {
            CType type = nativeType == null ? null : parse(nativeType, "the return value", -1);
            if (!(type instanceof PointerType pointer && pointer.target() instanceof StructType struct
                    && struct.isComplete())) {
                throw methodError("the return type is StructView, so the method needs @NativeType naming a pointer to"
                        + " a struct whose layout is known (\"struct tm *\" after CType.define or a header), not "
                        + (nativeType == null ? "none" : "@NativeType(\"" + nativeType + "\")"));
            }
            return new Result(javaType, type, ValueLayout.ADDRESS, ResultConversion.STRUCT_VIEW, null);
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

    /**
     * A parameter of a Java object type that marshalling's rules convert ({@code CONVERTED}) or a functional
     * interface made a callback for the call; {@code null} when {@code javaType} is none of them.
     */
    private Argument objectArgument(int index, String label, Class<?> javaType, Type genericType,
                                    String nativeType) {
        String what;
        CType type;
        ArgumentConversion conversion = ArgumentConversion.CONVERTED;
        if (javaType == ByReference.class) {
            what = "a ByReference";
            type = nativeType != null ? parse(nativeType, label, index) : heldPointer(genericType, label, index);
            if (!(type instanceof PointerType pointer) || pointer.target().isVoid()) {
                throw argumentError(index, label + " is a ByReference, which passes for a pointer to the value it"
                        + " holds, but is declared @NativeType(\"" + nativeType + "\")");
            }
        } else if (javaType.isArray() && !javaType.componentType().isPrimitive()) {
            what = "a " + javaType.getSimpleName();
            Class<?> component = javaType.componentType();
            type = nativeType != null ? parse(nativeType, label, index)
                    : component == String.class ? CType.pointerTo(CType.STRING)
                    : component == MemorySegment.class ? CType.pointerTo(CType.POINTER)
                    : null;
            if (!(type instanceof PointerType)) {
                throw argumentError(index, label + " is " + javaType.getSimpleName() + ", whose elements C reads"
                        + " through a pointer, so it needs @NativeType naming that pointer type ("
                        + (nativeType == null ? "none given" : "not \"" + nativeType + "\"") + ")");
            }
        } else if (javaType == StructView.class) {
            what = "a StructView";
            type = nativeType == null ? CType.POINTER : parse(nativeType, label, index);
            if (!(type instanceof PointerType)) {
                throw argumentError(index, label + " is a StructView, which passes for a pointer to its struct, but"
                        + " is declared @NativeType(\"" + nativeType + "\")");
            }
        } else if (javaType == Callback.class) {
            what = "a Callback";
            type = nativeType == null ? CType.POINTER : parse(nativeType, label, index);
            if (type.kind() != CType.Kind.FUNCTION_POINTER && !type.equals(CType.POINTER)) {
                throw argumentError(index, label + " is a Callback, which passes as a function pointer, but is"
                        + " declared @NativeType(\"" + nativeType + "\")");
            }
        } else if (isFunctionalInterface(javaType)) {
            what = "a " + javaType.getSimpleName();
            type = nativeType == null ? null : parse(nativeType, label, index);
            if (!(type instanceof FunctionPointerType)) {
                throw argumentError(index, label + " is the functional interface " + javaType.getSimpleName()
                        + ", made a callback for the call, so it needs @NativeType naming its function-pointer type,"
                        + " such as @NativeType(\"int (*)(const void *, const void *)\")"
                        + (nativeType == null ? "" : ", not \"" + nativeType + "\""));
            }
            conversion = ArgumentConversion.SCOPED_CALLBACK;
        } else {
            return null;
        }
        return new Argument(index, label + " (" + what + ")", javaType, type, ValueLayout.ADDRESS, conversion, null);
    }

    /** {@code ByReference<Integer>} as {@code int *}: the pointer type a holder's type argument implies. */
    private CType heldPointer(Type genericType, String label, int index) {
        Class<?> held = genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument ? argument : null;
        CType target = OutParameters.heldType(held).orElse(null);
        if (target == null) {
            throw argumentError(index, label + " is " + genericType.getTypeName() + ", whose C type cannot be"
                    + " told from its type argument; declare it with @NativeType, such as"
                    + " @NativeType(\"sqlite3 **\"), or as ByReference<Integer>, <Long>, <Double>, <String> or"
                    + " <MemorySegment>");
        }
        return CType.pointerTo(target);
    }

    /** An interface with exactly one abstract method (other than {@code Object}'s), which a lambda can implement. */
    private static boolean isFunctionalInterface(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            return false;
        }
        long abstractMethods = Arrays.stream(type.getMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()))
                .filter(method -> !InterfaceBinder.isObjectMethod(method))
                .count();
        return abstractMethods == 1;
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
            throw argumentError(index, label + " is " + ("aeiou".indexOf(javaType.getSimpleName().charAt(0)) >= 0
                    ? "an " : "a ") + javaType.getSimpleName() + " but is declared @NativeType(\""
                    + nativeType + "\"); an array is passed as a pointer to elements of " + elementSize
                    + (elementSize == 1 ? " byte" : " bytes"));
        }
        ArgumentConversion conversion = heapAccess ? ArgumentConversion.ARRAY_IN_PLACE
                : nativeType != null && ConstPointer.PATTERN.matcher(nativeType).find() ? ArgumentConversion.ARRAY_COPY_IN
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

    /** {@code const} before the last {@code *}: C promises not to write through the pointer. In a holder class so
     *  that only an array parameter with a {@code @NativeType} loads the regex engine, not every first bind. */
    private static final class ConstPointer {
        static final Pattern PATTERN = Pattern.compile("\\bconst\\b[^*]*\\*\\s*$");
    }
}
