package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.parse.FrontEnd;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The signature of a C function: name, return type, parameters, and whether it takes {@code ...}.
 *
 * {@snippet :
 * CPrototype strlen = CPrototype.parse("size_t strlen(const char *s)");
 * strlen.returnType();               // CType.SIZE_T
 * strlen.parameters().get(0).type(); // CType.STRING
 * strlen.descriptor();               // FunctionDescriptor.of(JAVA_LONG, ADDRESS) on 64-bit Linux
 *
 * CPrototype printf = CPrototype.parse("int printf(const char *fmt, ...)");
 * printf.variadic();                 // true; descriptor() covers the fixed part only
 * }
 *
 * @param name       the function's name; {@code null} for the signature of a function pointer type
 * @param returnType what the function returns, possibly {@link CType#VOID}
 * @param parameters the declared (fixed) parameters, in order
 * @param variadic   whether the parameter list ends with {@code ...}
 * @param symbol     the name the linker looks up: {@code name}, unless the declaration renames it with
 *                   {@code __asm__("...")} (glibc's {@code __REDIRECT}); {@code null} for a function pointer type
 */
public record CPrototype(String name, CType returnType, List<CParameter> parameters, boolean variadic,
                         String symbol) {
    /**
     * @throws DeclarationError if an array or a function is returned (C functions cannot return either)
     */
    public CPrototype {
        Objects.requireNonNull(returnType, "returnType");
        parameters = List.copyOf(parameters);
        if (returnType instanceof ArrayType) {
            throw new DeclarationError((name == null ? "a function" : name) + " cannot return an array ("
                    + returnType.name() + ")");
        }
        if (symbol == null) {
            symbol = name;
        }
    }

    /** A prototype whose symbol is its name. */
    public CPrototype(String name, CType returnType, List<CParameter> parameters, boolean variadic) {
        this(name, returnType, parameters, variadic, name);
    }

    /**
     * Parses one C function declaration. Accepted: the C type spellings of {@link CType#parse} (including typedef
     * names registered with {@link CType#define}), named or unnamed parameters, {@code (void)} and {@code ()} for
     * no parameters, {@code ...}, array parameters ({@code int a[4]}, {@code char *argv[]}), function-pointer
     * parameters and results ({@code void (*signal(int sig, void (*handler)(int)))(int)}), the qualifiers and
     * storage classes {@code const volatile restrict __restrict extern static inline} (ignored), C comments, and
     * a trailing {@code ;}.
     *
     * {@snippet :
     * CPrototype qsort = CPrototype.parse(
     *     "void qsort(void *base, size_t n, size_t size, int (*compar)(const void *, const void *))");
     * }
     *
     * @throws ParseError with the line:column and what was expected, such as
     *                    {@code "expected ')' at 1:17 but found 'x'"}
     */
    public static CPrototype parse(String text) {
        return FrontEnd.prototype(text);
    }

    /** A prototype with unnamed parameters of the given types, not variadic. */
    public static CPrototype of(String name, CType returnType, CType... parameterTypes) {
        List<CParameter> parameters = new ArrayList<>(parameterTypes.length);
        for (CType type : parameterTypes) {
            parameters.add(new CParameter(null, type));
        }
        return new CPrototype(name, returnType, parameters, false);
    }

    /** The parameter types, in order. */
    public List<CType> parameterTypes() {
        return parameters.stream().map(CParameter::type).toList();
    }

    /** The number of fixed parameters (the minimum number of arguments, for a variadic function). */
    public int arity() {
        return parameters.size();
    }

    /**
     * The descriptor of the fixed part, for {@link java.lang.foreign.Linker#downcallHandle}: each parameter's
     * {@link CType#argumentLayout()} (arrays as pointers), and no return layout for {@code void}. For a variadic
     * function, the caller appends the layouts of the actual variadic arguments and passes
     * {@link java.lang.foreign.Linker.Option#firstVariadicArg(int)} with {@link #arity()}.
     *
     * @throws DeclarationError when the function cannot be called from Java, naming the parameter or result and
     *                          the reason {@link #unsupported()} gives
     */
    public FunctionDescriptor descriptor() {
        unsupported().ifPresent(why -> {
            throw new DeclarationError("cannot call " + (name == null ? "a function pointer" : name) + ": " + why,
                    name);
        });
        MemoryLayout[] arguments = new MemoryLayout[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = parameters.get(i).type().argumentLayout();
        }
        return returnType.isVoid()
                ? FunctionDescriptor.ofVoid(arguments)
                : FunctionDescriptor.of(returnType.argumentLayout(), arguments);
    }

    /**
     * Why Java cannot call this function, if it cannot: a parameter or result whose type has no carrier
     * ({@code long double}, {@code __int128}, an opaque or incomplete type by value), or a struct by value that the
     * FFM linker cannot pass as C does ({@link StructType#argumentLayout()}), such as a packed one. Core calls and
     * callbacks ask this before they link, so that what the linker would refuse is reported here, by name.
     */
    public java.util.Optional<String> unsupported() {
        java.util.Optional<String> result = byValueProblem(returnType, "its result");
        if (result.isPresent()) {
            return result;
        }
        for (int i = 0; i < parameters.size(); i++) {
            CParameter parameter = parameters.get(i);
            java.util.Optional<String> problem = byValueProblem(parameter.type(),
                    "parameter " + i + (parameter.name() == null ? "" : " (" + parameter.name() + ")"));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> byValueProblem(CType type, String where) {
        return switch (type) {
            case OpaqueType opaque -> java.util.Optional.of(where + " is " + opaque.name() + " by value: "
                    + opaque.reason());
            case StructType struct when !struct.isComplete() -> java.util.Optional.of(where + " is " + struct.name()
                    + " by value, which is declared but never defined");
            case StructType struct when struct.byValueRefusal() != null -> java.util.Optional.of(where + " is "
                    + struct.name() + " by value, which the FFM linker cannot pass: " + struct.byValueRefusal());
            default -> java.util.Optional.empty();
        };
    }

    /** The indexes of the parameters that refuse NULL ({@link CParameter#nonnull()}), in order. */
    public int[] nonnullParameters() {
        return java.util.stream.IntStream.range(0, parameters.size()).filter(i -> parameters.get(i).nonnull()).toArray();
    }

    /** The C spelling, such as {@code "size_t strlen(char *s)"} ({@code const} is not kept). */
    @Override
    public String toString() {
        String list = parameters.stream().map(CParameter::toString).collect(Collectors.joining(", "));
        if (variadic) {
            list = list.isEmpty() ? "..." : list + ", ...";
        }
        String shownName = name == null ? "(*)" : name;
        String declarator = shownName + "(" + (list.isEmpty() ? "void" : list) + ")";
        if (returnType instanceof FunctionPointerType result) {
            // C writes a function returning a function pointer inside out: void (*signal(int))(int)
            return result.declaration(declarator);
        }
        String head = returnType.name();
        return head + (head.endsWith("*") ? "" : " ") + declarator;
    }
}
