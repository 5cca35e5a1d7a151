package epsilon.foreign;

import static java.util.Objects.requireNonNull;

import epsilon.foreign.internal.FunctionCache;
import epsilon.foreign.internal.Prototypes;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import java.util.List;

/**
 * The calls of {@link Foreign} with a fixed set of {@link CallOption}s: {@code Foreign.with(options)} gives one.
 *
 * {@snippet :
 * Caller withErrno = Foreign.with(CallOption.errno(ErrnoPolicy.THROW));
 * withErrno.sharedCall("int open(const char *path, int flags, ...)", "c", "/no/such/file", 0);
 * // ErrnoError: open failed: errno 2 (No such file or directory)
 * }
 */
public final class Caller {
    static final Caller PLAIN = new Caller(List.of());

    private final List<CallOption> options;

    Caller(List<CallOption> options) {
        this.options = List.copyOf(options);
    }

    /** {@return the options every call of this caller uses, in the order given; unmodifiable} */
    public List<CallOption> options() {
        return options;
    }

    /**
     * {@link Foreign#sharedCall(String, String, CType, List, Object...)} with this caller's options.
     *
     * @param function      the C symbol
     * @param library       the library, named as {@link Foreign#libOpen(String)} takes it
     * @param returnType    the C return type, {@link CType#VOID} for none
     * @param argumentTypes the C parameter types, in order: the fixed parameters of a non-variadic function
     * @param arguments     one Java value per parameter
     * @return the result as the return type's Java type ({@code null} for void), or an {@link ErrnoResult} with
     *         {@link ErrnoPolicy#RETURN}
     */
    public Object sharedCall(String function, String library, CType returnType, List<CType> argumentTypes,
                             Object... arguments) {
        // The cache refuses nulls on its miss path: a null never matches an entry.
        return FunctionCache.global().typed(function, library, returnType, argumentTypes, options)
                .invokeOpen(arguments);
    }

    /**
     * {@link Foreign#sharedCall(String, String, String, String[], Object...)} with this caller's options.
     *
     * @param function      the C symbol
     * @param library       the library, named as {@link Foreign#libOpen(String)} takes it
     * @param returnType    the return type's spelling, such as {@code "unsigned-long"} or {@code "void"}
     * @param argumentTypes the parameter types' spellings, in order
     * @param arguments     one Java value per parameter
     * @return the result as the return type's Java type ({@code null} for void), or an {@link ErrnoResult} with
     *         {@link ErrnoPolicy#RETURN}
     */
    public Object sharedCall(String function, String library, String returnType, String[] argumentTypes,
                             Object... arguments) {
        return FunctionCache.global().spelled(requireNonNull(function, "function"), requireNonNull(library, "library"),
                requireNonNull(returnType, "returnType"), List.of(requireNonNull(argumentTypes, "argumentTypes")),
                options).invoke(arguments);
    }

    /**
     * {@link Foreign#sharedCall(String, String, Object...)} with this caller's options.
     *
     * @param prototype C declaration of the function, such as {@code "int open(const char *path, int flags, ...)"}
     * @param library   the library, named as {@link Foreign#libOpen(String)} takes it
     * @param arguments one Java value per parameter, then any variadic ones
     * @return the result as the return type's Java type ({@code null} for void), or an {@link ErrnoResult} with
     *         {@link ErrnoPolicy#RETURN}
     */
    public Object sharedCall(String prototype, String library, Object... arguments) {
        return FunctionCache.global().prototype(prototype, library, options).invokeOpen(arguments);
    }

    /**
     * {@link Foreign#call(String, Object...)} with this caller's options.
     *
     * @param function  a C library or math library function with a known prototype
     * @param arguments one Java value per parameter
     * @return the result as the return type's Java type ({@code null} for void), or an {@link ErrnoResult} with
     *         {@link ErrnoPolicy#RETURN}
     */
    public Object call(String function, Object... arguments) {
        return FunctionCache.global().known(function, options).invokeOpen(arguments);
    }

    /**
     * {@link Foreign#defshared(String, String, CallOption...)} with this caller's options.
     *
     * @param prototype C declaration of the function
     * @param library   the library, named as {@link Foreign#libOpen(String)} takes it
     * @return the resolved function, carrying this caller's options
     */
    public ForeignFunction defshared(String prototype, String library) {
        return FunctionCache.global().resolve(CPrototype.parse(requireNonNull(prototype, "prototype")),
                requireNonNull(library, "library"), options);
    }

    /**
     * {@link Foreign#defshared(CPrototype, String, CallOption...)} with this caller's options.
     *
     * @param prototype a parsed prototype, such as one read from a header
     * @param library   the library, named as {@link Foreign#libOpen(String)} takes it
     * @return the resolved function, carrying this caller's options
     */
    public ForeignFunction defshared(CPrototype prototype, String library) {
        return FunctionCache.global().resolve(requireNonNull(prototype, "prototype"),
                requireNonNull(library, "library"), options);
    }

    /**
     * {@link Foreign#defshared(String, String, CType, CType...)} with this caller's options.
     *
     * @param function       the C symbol
     * @param library        the library, named as {@link Foreign#libOpen(String)} takes it
     * @param returnType     the C return type, {@link CType#VOID} for none
     * @param parameterTypes the C parameter types, in order: the fixed parameters of a non-variadic function
     * @return the resolved function, carrying this caller's options
     */
    public ForeignFunction defshared(String function, String library, CType returnType, CType... parameterTypes) {
        return FunctionCache.global().resolve(Prototypes.of(requireNonNull(function, "function"),
                requireNonNull(returnType, "returnType"), List.of(requireNonNull(parameterTypes, "parameterTypes"))),
                requireNonNull(library, "library"), options);
    }
}
