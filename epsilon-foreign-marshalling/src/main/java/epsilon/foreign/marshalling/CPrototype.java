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
     * Copies {@code parameters} and fills in {@code symbol}.
     *
     * @throws NullPointerException when {@code returnType}, {@code parameters} or one of its elements is null
     * @throws DeclarationError     if an array is returned (C functions cannot return one; a function pointer they
     *                              can)
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

    /**
     * A prototype whose symbol is its name.
     *
     * @param name       the function's name; {@code null} for the signature of a function pointer type
     * @param returnType what the function returns, possibly {@link CType#VOID}
     * @param parameters the declared (fixed) parameters, in order; copied
     * @param variadic   whether the parameter list ends with {@code ...}
     * @throws DeclarationError if an array is returned
     */
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
     * @param text one declaration; text after it other than a {@code ;} is refused
     * @return the prototype, its {@link #symbol()} taken from an {@code __asm__} label when there is one
     * @throws ParseError saying what was expected and what was found, where, and quoting the text, such as
     *                    {@code expected ')' to close the parameter list opened at 1:14 but found 'x' at 1:29 in
     *                    "size_t strlen(const char *s x)"}; also for a declaration that is not a function
     */
    public static CPrototype parse(String text) {
        return FrontEnd.prototype(text);
    }

    /**
     * A prototype with unnamed parameters of the given types, not variadic.
     *
     * @param name           the function's name, also its symbol
     * @param returnType     what the function returns, possibly {@link CType#VOID}
     * @param parameterTypes the parameter types, in order; none for a function that takes no arguments
     * @return the prototype
     * @throws DeclarationError if a parameter type is {@code void} or the result is an array
     */
    public static CPrototype of(String name, CType returnType, CType... parameterTypes) {
        List<CParameter> parameters = new ArrayList<>(parameterTypes.length);
        for (CType type : parameterTypes) {
            parameters.add(new CParameter(null, type));
        }
        return new CPrototype(name, returnType, parameters, false);
    }

    /** {@return the parameter types, in order, as an unmodifiable list} */
    public List<CType> parameterTypes() {
        // a loop, not a stream, here and below: each lambda spins a class on a program's first call
        CType[] types = new CType[parameters.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = parameters.get(i).type();
        }
        return List.of(types);
    }

    /** {@return the number of fixed parameters (the minimum number of arguments, for a variadic function)} */
    public int arity() {
        return parameters.size();
    }

    /**
     * The descriptor of the fixed part, for {@link java.lang.foreign.Linker#downcallHandle}: each parameter's
     * {@link CType#argumentLayout()} (arrays as pointers), and no return layout for {@code void}. For a variadic
     * function, the caller appends the layouts of the actual variadic arguments and passes
     * {@link java.lang.foreign.Linker.Option#firstVariadicArg(int)} with {@link #arity()}.
     *
     * @return a new descriptor; the structs in it are laid out as {@link StructType#argumentLayout()} says
     * @throws DeclarationError when the function cannot be called from Java, naming the parameter or result and
     *                          the reason {@link #unsupported()} gives
     */
    public FunctionDescriptor descriptor() {
        java.util.Optional<String> why = unsupported();
        if (why.isPresent()) {
            throw new DeclarationError("cannot call " + (name == null ? "a function pointer" : name) + ": "
                    + why.get(), name);
        }
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
     *
     * @return why the result, or else the first parameter, cannot be passed, naming it ({@code "parameter 1 (x) is
     *         long double by value: ..."}), or empty when the function can be called
     */
    public java.util.Optional<String> unsupported() {
        String result = byValueProblem(returnType);
        if (result != null) {
            return java.util.Optional.of("its result is " + result);
        }
        for (int i = 0; i < parameters.size(); i++) {
            CParameter parameter = parameters.get(i);
            String problem = byValueProblem(parameter.type());
            if (problem != null) {
                return java.util.Optional.of("parameter " + i + (parameter.name() == null ? ""
                        : " (" + parameter.name() + ")") + " is " + problem);
            }
        }
        return java.util.Optional.empty();
    }

    /** What is wrong with passing {@code type} by value, or null; instanceof rather than a pattern switch's bootstrap. */
    private static String byValueProblem(CType type) {
        if (type instanceof OpaqueType opaque) {
            return opaque.name() + " by value: " + opaque.reason();
        }
        if (type instanceof StructType struct && !struct.isComplete()) {
            return struct.name() + " by value, which is declared but never defined";
        }
        if (type instanceof StructType struct && struct.byValueRefusal() != null) {
            return struct.name() + " by value, which the FFM linker cannot pass: " + struct.byValueRefusal();
        }
        return null;
    }

    /** {@return the zero-based indexes of the parameters that refuse NULL ({@link CParameter#nonnull()}), in order; a new array} */
    public int[] nonnullParameters() {
        int[] indexes = new int[parameters.size()];
        int count = 0;
        for (int i = 0; i < indexes.length; i++) {
            if (parameters.get(i).nonnull()) {
                indexes[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(indexes, count);
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
