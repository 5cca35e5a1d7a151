package epsilon.foreign.optimize.internal.processor;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The compiler's view of a Java type, reduced to what the type rules ask: which of the shapes a bound method may
 * use it is, its source text in generated code, and its simple name in messages. The processor never loads the
 * user's classes, so this stands in for the {@code Class} objects core's rules read.
 */
final class JavaTypes {
    /** The shapes of parameter and result types the rules tell apart. */
    enum Shape {
        PRIMITIVE, VOID, STRING, SEGMENT, PRIMITIVE_ARRAY, BOOLEAN_ARRAY, STRUCT_VIEW, CALLBACK, BY_REFERENCE,
        OBJECT_ARRAY, PLAIN_OBJECT_ARRAY, FUNCTIONAL_INTERFACE, OTHER
    }

    /**
     * One Java type.
     *
     * @param shape     its shape
     * @param primitive the primitive or primitive-array class; for a {@code ByReference}, the class of its type
     *                  argument when it is one a holder has a default C type for; else {@code null}
     * @param source    how generated code writes it
     * @param simple    how messages name it ({@code byte[]}, {@code String}, {@code Comparator})
     */
    record JavaType(Shape shape, Class<?> primitive, String source, String simple) {}

    private static final Map<TypeKind, Class<?>> PRIMITIVES = Map.of(
            TypeKind.BOOLEAN, boolean.class, TypeKind.BYTE, byte.class, TypeKind.SHORT, short.class,
            TypeKind.CHAR, char.class, TypeKind.INT, int.class, TypeKind.LONG, long.class,
            TypeKind.FLOAT, float.class, TypeKind.DOUBLE, double.class);

    private final Elements elements;

    JavaTypes(Elements elements) {
        this.elements = elements;
    }

    JavaType of(TypeMirror type) {
        TypeKind kind = type.getKind();
        if (kind == TypeKind.VOID) {
            return new JavaType(Shape.VOID, void.class, "void", "void");
        }
        if (kind.isPrimitive()) {
            Class<?> primitive = PRIMITIVES.get(kind);
            return new JavaType(Shape.PRIMITIVE, primitive, primitive.getName(), primitive.getName());
        }
        if (kind == TypeKind.ARRAY) {
            TypeMirror component = ((ArrayType) type).getComponentType();
            JavaType element = of(component);
            String simple = element.simple() + "[]";
            if (element.shape() == Shape.PRIMITIVE) {
                Class<?> array = element.primitive().arrayType();
                return new JavaType(array == boolean[].class ? Shape.BOOLEAN_ARRAY : Shape.PRIMITIVE_ARRAY, array,
                        simple, simple);
            }
            boolean plainObject = component.getKind() == TypeKind.DECLARED
                    && qualifiedName(component).equals("java.lang.Object");
            return new JavaType(plainObject ? Shape.PLAIN_OBJECT_ARRAY : Shape.OBJECT_ARRAY, null, simple, simple);
        }
        if (kind != TypeKind.DECLARED) {
            return new JavaType(Shape.OTHER, null, type.toString(), type.toString());
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        String simple = element.getSimpleName().toString();
        return switch (element.getQualifiedName().toString()) {
            case "java.lang.String" -> new JavaType(Shape.STRING, null, "String", simple);
            case "java.lang.foreign.MemorySegment" -> new JavaType(Shape.SEGMENT, MemorySegment.class, "MemorySegment",
                    simple);
            case "epsilon.foreign.struct.StructView" -> new JavaType(Shape.STRUCT_VIEW, null,
                    "epsilon.foreign.struct.StructView", simple);
            case "epsilon.foreign.callback.Callback" -> new JavaType(Shape.CALLBACK, null,
                    "epsilon.foreign.callback.Callback", simple);
            case "epsilon.foreign.marshalling.ByReference" -> new JavaType(Shape.BY_REFERENCE,
                    heldClass((DeclaredType) type), type.toString(), simple);
            default -> new JavaType(isFunctionalInterface(element) ? Shape.FUNCTIONAL_INTERFACE : Shape.OTHER, null,
                    type.toString(), simple);
        };
    }

    /** Type arguments a holder has a default C type for, by name (the processor never loads user classes). */
    private static final Map<String, Class<?>> HELD = Map.of("java.lang.Byte", Byte.class, "java.lang.Short",
            Short.class, "java.lang.Integer", Integer.class, "java.lang.Long", Long.class, "java.lang.Float",
            Float.class, "java.lang.Double", Double.class, "java.lang.String", String.class,
            "java.lang.foreign.MemorySegment", MemorySegment.class);

    /** The class of {@code ByReference<T>}'s {@code T} when it is one of {@link #HELD}, else {@code null}. */
    private static Class<?> heldClass(DeclaredType type) {
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        return arguments.size() == 1 && arguments.getFirst().getKind() == TypeKind.DECLARED
                ? HELD.get(qualifiedName(arguments.getFirst())) : null;
    }

    private static String qualifiedName(TypeMirror type) {
        return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    }

    /** An interface with exactly one abstract method other than {@code Object}'s. */
    private boolean isFunctionalInterface(TypeElement element) {
        if (element.getKind() != ElementKind.INTERFACE) {
            return false;
        }
        long abstractMethods = ElementFilter.methodsIn(elements.getAllMembers(element)).stream()
                .filter(method -> method.getModifiers().contains(Modifier.ABSTRACT))
                .filter(method -> !isObjectMethod(method))
                .count();
        return abstractMethods == 1;
    }

    /** Whether {@code method} redeclares one of {@code Object}'s public methods. */
    static boolean isObjectMethod(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        List<? extends Element> parameters = method.getParameters();
        return switch (name) {
            case "equals" -> parameters.size() == 1
                    && parameters.getFirst().asType().toString().equals("java.lang.Object");
            case "hashCode", "toString", "getClass", "notify", "notifyAll", "wait" -> parameters.isEmpty();
            default -> false;
        };
    }
}
