package epsilon.foreign.optimize.internal.processor;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StringType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import epsilon.foreign.optimize.internal.processor.JavaTypes.JavaType;
import epsilon.foreign.optimize.internal.processor.MethodPlanner.Refusal;
import epsilon.foreign.optimize.internal.processor.Plans.Argument;
import epsilon.foreign.optimize.internal.processor.Plans.ArgumentConversion;
import epsilon.foreign.optimize.internal.processor.Plans.Result;
import epsilon.foreign.optimize.internal.processor.Plans.ResultConversion;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules that pair a Java type with a C type, for one parameter or return value: core's {@code TypeMapping},
 * applied to the compiler's view of the types, with core's messages, and with C read by marshalling's front end
 * ({@code CType.parse}), so a spelling means at compile time what it means to {@code Foreign.bind}. Out-parameters
 * ({@code ByReference}, object arrays) and functional interfaces made callbacks for one call are planned as core
 * plans them; the generated code reaches marshalling's copy-back rules through the support package.
 */
final class TypeRules {
    private static final Map<Class<?>, CType> NATURAL = Map.of(
            byte.class, CType.SIGNED_CHAR, short.class, CType.SHORT, int.class, CType.INT, long.class, CType.LONG_LONG,
            float.class, CType.FLOAT, double.class, CType.DOUBLE, boolean.class, CType.BOOL, char.class,
            CType.UNSIGNED_SHORT);
    private static final Pattern CONST_POINTER = Pattern.compile("\\bconst\\b[^*]*\\*\\s*$");

    private final String where;

    TypeRules(String where) {
        this.where = where;
    }

    Argument argument(int index, String name, String label, JavaType java, String nativeType, String charset,
                      boolean heapAccess, boolean variadic) {
        if (charset != null && java.shape() != JavaTypes.Shape.STRING) {
            throw refusal("@Encoding is on " + label + ", a " + java.simple()
                    + ": only String parameters and return values have an encoding");
        }
        switch (java.shape()) {
            case STRING -> {
                StringType type = stringType(nativeType, charset, label);
                return new Argument(index, name, java.source(), null, label, type, type.argumentLayout(),
                        ArgumentConversion.STRING, type.charset().name());
            }
            case SEGMENT -> {
                CType type = pointerType(nativeType, label);
                return new Argument(index, name, java.source(), MemorySegment.class, label, type,
                        type.argumentLayout(), ArgumentConversion.CAST, null);
            }
            case PRIMITIVE_ARRAY -> {
                return array(index, name, label, java, nativeType, heapAccess);
            }
            case STRUCT_VIEW -> {
                if (!variadic) {
                    CType type = nativeType == null ? CType.POINTER : parse(nativeType, label);
                    if (!(type instanceof PointerType)) {
                        throw refusal(label + " is a StructView, which passes for a pointer to its struct, but"
                                + " is declared @NativeType(\"" + nativeType + "\")");
                    }
                    return new Argument(index, name, java.source(), null, label + " (a StructView)", type,
                            ValueLayout.ADDRESS, ArgumentConversion.STRUCT_POINTER, null);
                }
            }
            case CALLBACK -> {
                if (!variadic) {
                    CType type = nativeType == null ? CType.POINTER : parse(nativeType, label);
                    if (type.kind() != CType.Kind.FUNCTION_POINTER && !type.equals(CType.POINTER)) {
                        throw refusal(label + " is a Callback, which passes as a function pointer, but is"
                                + " declared @NativeType(\"" + nativeType + "\")");
                    }
                    return new Argument(index, name, java.source(), null, label + " (a Callback)", type,
                            ValueLayout.ADDRESS, ArgumentConversion.CALLBACK, null);
                }
            }
            case BY_REFERENCE, OBJECT_ARRAY, FUNCTIONAL_INTERFACE -> {
                if (!variadic) {
                    return outOrScoped(index, name, label, java, nativeType);
                }
            }
            case PRIMITIVE -> {
                Class<?> javaType = java.primitive();
                CType type = nativeType == null ? NATURAL.get(javaType) : parse(nativeType, label);
                ArgumentConversion conversion = switch (fit(javaType, type)) {
                    case BITS -> ArgumentConversion.CAST;
                    case WIDER_JAVA -> ArgumentConversion.UNSIGNED_NARROWING;
                    case NONE -> throw refusal(label + " is declared @NativeType(\"" + nativeType
                            + "\"), which does not fit its Java type " + javaType.getName() + suggestion(type));
                };
                return variadic ? promoted(index, name, label, javaType, type, conversion)
                        : new Argument(index, name, java.source(), javaType, label, type, type.argumentLayout(),
                                conversion, null);
            }
            default -> { }
        }
        String hint = java.shape() == JavaTypes.Shape.PLAIN_OBJECT_ARRAY
                ? "; for a variadic C function declare fixed parameters and @Variadic(fixed = n)"
                : "; use a primitive, MemorySegment, String, a primitive array, ByReference, MemorySegment[],"
                        + " String[], StructView, Callback or a functional interface";
        throw refusal(label + " has Java type " + qualified(java) + ", which has no C mapping" + hint);
    }

    Result result(JavaType java, String nativeType, String charset) {
        if (charset != null && java.shape() != JavaTypes.Shape.STRING) {
            throw refusal("@Encoding is on the method, whose return type " + qualified(java)
                    + " is not a String: only String parameters and return values have an encoding");
        }
        switch (java.shape()) {
            case VOID -> {
                if (nativeType != null && !parse(nativeType, "the return value").isVoid()) {
                    throw refusal("the method returns void but is declared @NativeType(\"" + nativeType + "\")");
                }
                return new Result("void", void.class, CType.VOID, null, ResultConversion.CAST, null);
            }
            case STRING -> {
                StringType type = stringType(nativeType, charset, "the return value");
                return new Result(java.source(), null, type, type.argumentLayout(), ResultConversion.STRING,
                        type.charset().name());
            }
            case SEGMENT -> {
                CType type = pointerType(nativeType, "the return value");
                return new Result(java.source(), MemorySegment.class, type, type.argumentLayout(),
                        ResultConversion.CAST, null);
            }
            case STRUCT_VIEW -> {
                CType type = nativeType == null ? null : parse(nativeType, "the return value");
                if (!(type instanceof PointerType pointer && pointer.target() instanceof StructType struct
                        && struct.isComplete())) {
                    throw refusal("the return type is StructView, so the method needs @NativeType naming a pointer"
                            + " to a struct whose layout is known (\"struct tm *\" or another struct the C front end"
                            + " knows at compile time), not "
                            + (nativeType == null ? "none" : "@NativeType(\"" + nativeType + "\")"));
                }
                return new Result(java.source(), null, type, ValueLayout.ADDRESS, ResultConversion.STRUCT_VIEW, null);
            }
            case PRIMITIVE -> {
                Class<?> javaType = java.primitive();
                CType type = nativeType == null ? NATURAL.get(javaType) : parse(nativeType, "the return value");
                ResultConversion conversion = switch (fit(javaType, type)) {
                    case BITS -> ResultConversion.CAST;
                    case WIDER_JAVA -> ResultConversion.UNSIGNED_WIDENING;
                    case NONE -> throw refusal("the return value is declared @NativeType(\"" + nativeType
                            + "\"), which does not fit its Java type " + javaType.getName() + suggestion(type));
                };
                return new Result(java.source(), javaType, type, type.argumentLayout(), conversion, null);
            }
            default -> throw refusal("the return type " + qualified(java) + " has no C mapping; return a primitive,"
                    + " MemorySegment, String, StructView or void");
        }
    }

    private enum Fit { BITS, WIDER_JAVA, NONE }

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

    private static Argument promoted(int index, String name, String label, Class<?> javaType, CType type,
                                     ArgumentConversion conversion) {
        return switch (type.kind()) {
            case FLOAT -> new Argument(index, name, javaType.getName(), javaType, label, CType.DOUBLE,
                    CType.DOUBLE.layout(), ArgumentConversion.CAST, null);
            case BOOL, CHAR, INT8, INT16 -> new Argument(index, name, javaType.getName(), javaType, label, CType.INT,
                    CType.INT.layout(), ArgumentConversion.CAST, null);
            case UINT8, UINT16 -> new Argument(index, name, javaType.getName(), javaType, label, CType.INT,
                    CType.INT.layout(), javaType == byte.class || javaType == short.class
                    ? ArgumentConversion.UNSIGNED_PROMOTION : ArgumentConversion.CAST, null);
            default -> new Argument(index, name, javaType.getName(), javaType, label, type, type.argumentLayout(),
                    conversion, null);
        };
    }

    private Argument array(int index, String name, String label, JavaType java, String nativeType,
                           boolean heapAccess) {
        CType type = nativeType == null ? CType.POINTER : parse(nativeType, label);
        long elementSize = elementSize(java.primitive());
        boolean fits = switch (type) {
            case PointerType pointer -> pointer.target().isVoid() || pointer.target().byteSize() == elementSize;
            case StringType text -> java.primitive() == byte[].class;
            default -> false;
        };
        if (!fits) {
            throw refusal(label + " is " + article(java.simple()) + java.simple() + " but is declared @NativeType(\""
                    + nativeType + "\"); an array is passed as a pointer to elements of " + elementSize
                    + (elementSize == 1 ? " byte" : " bytes"));
        }
        ArgumentConversion conversion = heapAccess ? ArgumentConversion.ARRAY_IN_PLACE
                : nativeType != null && CONST_POINTER.matcher(nativeType).find() ? ArgumentConversion.ARRAY_COPY_IN
                : ArgumentConversion.ARRAY_COPY_IN_OUT;
        return new Argument(index, name, java.source(), java.primitive(), label, type, ValueLayout.ADDRESS,
                conversion, null);
    }

    /**
     * A {@code ByReference}, an object array or a functional interface: core's {@code objectArgument}, with its
     * refusals. The first two are converted by marshalling's rules and copied back after the call; the last is
     * made a callback for the length of the call.
     */
    private Argument outOrScoped(int index, String name, String label, JavaType java, String nativeType) {
        CType type;
        ArgumentConversion conversion = ArgumentConversion.CONVERTED;
        switch (java.shape()) {
            case BY_REFERENCE -> {
                type = nativeType != null ? parse(nativeType, label) : heldPointer(java, label);
                if (!(type instanceof PointerType pointer) || pointer.target().isVoid()) {
                    throw refusal(label + " is a ByReference, which passes for a pointer to the value it holds, but"
                            + " is declared @NativeType(\"" + nativeType + "\")");
                }
            }
            case OBJECT_ARRAY -> {
                type = nativeType != null ? parse(nativeType, label)
                        : java.source().equals("String[]") ? CType.pointerTo(CType.STRING)
                        : java.source().equals("MemorySegment[]") ? CType.pointerTo(CType.POINTER)
                        : null;
                if (!(type instanceof PointerType)) {
                    throw refusal(label + " is " + java.simple() + ", whose elements C reads through a pointer, so it"
                            + " needs @NativeType naming that pointer type ("
                            + (nativeType == null ? "none given" : "not \"" + nativeType + "\"") + ")");
                }
            }
            default -> {
                type = nativeType == null ? null : parse(nativeType, label);
                if (!(type instanceof FunctionPointerType)) {
                    throw refusal(label + " is the functional interface " + java.simple() + ", made a callback for"
                            + " the call, so it needs @NativeType naming its function-pointer type, such as"
                            + " @NativeType(\"int (*)(const void *, const void *)\")"
                            + (nativeType == null ? "" : ", not \"" + nativeType + "\""));
                }
                conversion = ArgumentConversion.SCOPED_CALLBACK;
            }
        }
        return new Argument(index, name, java.source(), null, label + " (a " + java.simple() + ")", type,
                ValueLayout.ADDRESS, conversion, null);
    }

    /** {@code ByReference<Integer>} as {@code int *}: the pointer type a holder's type argument implies. */
    private CType heldPointer(JavaType java, String label) {
        CType target = OutParameters.heldType(java.primitive()).orElse(null);
        if (target == null) {
            throw refusal(label + " is " + java.source() + ", whose C type cannot be told from its type argument;"
                    + " declare it with @NativeType, such as @NativeType(\"sqlite3 **\"), or as"
                    + " ByReference<Integer>, <Long>, <Double>, <String> or <MemorySegment>");
        }
        return CType.pointerTo(target);
    }

    /** The size of one element of a primitive array type. */
    static long elementSize(Class<?> arrayType) {
        Class<?> component = arrayType.getComponentType();
        return component == byte.class ? 1 : component == short.class || component == char.class ? 2
                : component == int.class || component == float.class ? 4 : 8;
    }

    private StringType stringType(String nativeType, String charset, String label) {
        CType declared = nativeType == null ? CType.STRING : parse(nativeType, label);
        if (declared.kind() != CType.Kind.STRING) {
            throw refusal(label + " is a String, so its C type is a char pointer, not @NativeType(\"" + nativeType
                    + "\"); use a MemorySegment for other pointers");
        }
        return (StringType) (charset == null ? declared : CType.string(java.nio.charset.Charset.forName(charset)));
    }

    private CType pointerType(String nativeType, String label) {
        if (nativeType == null) {
            return CType.POINTER;
        }
        CType type = parse(nativeType, label);
        if (type.carrier() != MemorySegment.class || type.kind() == CType.Kind.STRUCT) {
            throw refusal(label + " is a MemorySegment, which is a pointer, but is declared @NativeType(\""
                    + nativeType + "\")" + (type.kind() == CType.Kind.STRUCT
                    ? "; structs by value are not supported by bind: pass a pointer or use Foreign.sharedCall"
                    : suggestion(type)));
        }
        return type;
    }

    private CType parse(String spelling, String label) {
        try {
            return CType.parse(spelling);
        } catch (ForeignError notAType) {
            throw refusal("@NativeType(\"" + spelling + "\") on " + label + " is not a C type: "
                    + notAType.getMessage());
        }
    }

    private static String article(String noun) {
        return "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
    }

    /** The type as {@code Class.getName} would print it, for messages that quote core's. */
    private static String qualified(JavaType java) {
        return java.source();
    }

    private Refusal refusal(String message) {
        return new Refusal("cannot bind " + where + ": " + message);
    }
}
