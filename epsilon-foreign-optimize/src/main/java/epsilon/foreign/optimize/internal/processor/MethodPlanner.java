package epsilon.foreign.optimize.internal.processor;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.KnownPrototypes;
import epsilon.foreign.optimize.internal.processor.JavaTypes.JavaType;
import epsilon.foreign.optimize.internal.processor.Plans.Argument;
import epsilon.foreign.optimize.internal.processor.Plans.Method;
import epsilon.foreign.optimize.internal.processor.Plans.Result;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads one interface method and the annotations {@code Foreign.bind} reads into a validated {@link Method}, with
 * core's rules and core's words: every refusal is a {@link Refusal} whose message starts with
 * {@code cannot bind Interface.method(Types):}, which the processor reports as a javac error on the method.
 */
final class MethodPlanner {
    static final String CORE = "epsilon.foreign.";

    /** A method that cannot be bound, and why. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private final JavaTypes javaTypes;

    MethodPlanner(JavaTypes javaTypes) {
        this.javaTypes = javaTypes;
    }

    Method plan(TypeElement type, ExecutableElement method) {
        List<? extends VariableElement> parameters = method.getParameters();
        List<JavaType> parameterTypes = parameters.stream().map(p -> javaTypes.of(p.asType())).toList();
        String where = type.getSimpleName() + "." + method.getSimpleName() + parameterTypes.stream()
                .map(JavaType::simple).collect(Collectors.joining(", ", "(", ")"));
        String symbol = symbol(method, where);
        if (!method.getTypeParameters().isEmpty()) {
            throw new Refusal("cannot bind " + where + ": it is a generic method; C functions have fixed types,"
                    + " so declare one method per type");
        }
        if (method.isVarArgs()) {
            throw new Refusal("cannot bind " + where + ": Java varargs cannot say the C types of a variadic call;"
                    + " declare the arguments as parameters and mark the method @Variadic(fixed = n)");
        }
        int firstVariadic = firstVariadic(method, parameters.size(), where);
        AnnotationMirror critical = annotation(method, "Critical");
        boolean heapAccess = critical != null && Boolean.TRUE.equals(value(critical, "heapAccess"));
        TypeRules rules = new TypeRules(where);
        List<Argument> arguments = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            VariableElement parameter = parameters.get(i);
            String label = "parameter " + i + " (" + parameter.getSimpleName() + ")";
            arguments.add(rules.argument(i, parameter.getSimpleName().toString(), label, parameterTypes.get(i),
                    nativeType(parameter), charset(parameter, where), heapAccess,
                    firstVariadic >= 0 && i >= firstVariadic));
        }
        JavaType returnType = javaTypes.of(method.getReturnType());
        Result result = rules.result(returnType, nativeType(method), charset(method, where));
        boolean errno = annotation(method, "Errno") != null;
        if (errno && (result.layout() == null || !canCheckErrno(result.type().carrier()))) {
            throw new Refusal("cannot bind " + where + ": @Errno needs a result that signals failure, -1 from an"
                    + " int or long or NULL from a pointer, but the method returns " + javaName(returnType));
        }
        AnnotationMirror freedWith = annotation(method, "FreedWith");
        String freeFunction = freedWith == null ? null : (String) value(freedWith, "value");
        if (freeFunction != null && result.conversion() != Plans.ResultConversion.STRING) {
            throw new Refusal("cannot bind " + where + ": @FreedWith(\"" + freeFunction + "\") frees a"
                    + " char * result after decoding it, but the method returns " + javaName(returnType)
                    + "; return a String");
        }
        return new Method(method, where, symbol, arguments, result, errno, freeFunction, critical != null,
                heapAccess, firstVariadic, nonnull(symbol, arguments.size()));
    }

    /** {@code java.lang.String} for a String, as core's messages name a return type ({@code Class.getName}). */
    private static String javaName(JavaType type) {
        return switch (type.shape()) {
            case STRING -> "java.lang.String";
            case SEGMENT -> "java.lang.foreign.MemorySegment";
            default -> type.source();
        };
    }

    private static boolean canCheckErrno(Class<?> carrier) {
        return carrier == int.class || carrier == long.class || carrier == java.lang.foreign.MemorySegment.class;
    }

    /** The C library's nonnull facts for {@code symbol}, when the known-prototype table has it with this arity. */
    private static boolean[] nonnull(String symbol, int arity) {
        Optional<CPrototype> known;
        try {
            known = KnownPrototypes.lookup(symbol);
        } catch (ForeignError unknown) {
            return null;
        }
        if (known.isEmpty() || known.get().arity() != arity || known.get().nonnullParameters().length == 0) {
            return null;
        }
        boolean[] nonnull = new boolean[arity];
        for (int index : known.get().nonnullParameters()) {
            nonnull[index] = true;
        }
        return nonnull;
    }

    private static String symbol(ExecutableElement method, String where) {
        AnnotationMirror function = annotation(method, "CFunction");
        if (function == null) {
            return method.getSimpleName().toString();
        }
        String symbol = (String) value(function, "value");
        if (symbol == null || symbol.isBlank()) {
            throw new Refusal("cannot bind " + where + ": @CFunction names no symbol");
        }
        return symbol;
    }

    private static int firstVariadic(ExecutableElement method, int parameterCount, String where) {
        AnnotationMirror variadic = annotation(method, "Variadic");
        if (variadic == null) {
            return -1;
        }
        Object fixed = value(variadic, "fixed");
        int count = fixed instanceof Integer number ? number : -1;
        if (count < 0 || count > parameterCount) {
            throw new Refusal("cannot bind " + where + ": @Variadic(fixed = " + count
                    + ") must be between 0 and the method's " + parameterCount + " parameters");
        }
        return count;
    }

    private static String nativeType(Element element) {
        AnnotationMirror annotation = annotation(element, "NativeType");
        return annotation == null ? null : (String) value(annotation, "value");
    }

    private static String charset(Element element, String where) {
        AnnotationMirror encoding = annotation(element, "Encoding");
        if (encoding == null) {
            return null;
        }
        String name = (String) value(encoding, "value");
        try {
            return Charset.forName(name).name();
        } catch (IllegalArgumentException unknown) {   // IllegalCharsetName-, UnsupportedCharsetException, null
            throw new Refusal("cannot bind " + where + ": @Encoding(\"" + name
                    + "\") is not a charset this JVM supports");
        }
    }

    /** The annotation {@code epsilon.foreign.<simpleName>} on {@code element}, or {@code null}. */
    static AnnotationMirror annotation(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(CORE + simpleName)) {
                return mirror;
            }
        }
        return null;
    }

    /** A member's value, its default included. */
    static Object value(AnnotationMirror mirror, String member) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(member)) {
                return entry.getValue().getValue();
            }
        }
        for (Element element : mirror.getAnnotationType().asElement().getEnclosedElements()) {
            if (element instanceof ExecutableElement executable && executable.getSimpleName().contentEquals(member)
                    && executable.getDefaultValue() != null) {
                return executable.getDefaultValue().getValue();
            }
        }
        return null;
    }
}
