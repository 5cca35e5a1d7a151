package epsilon.foreign;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A C function resolved once and called many times (Lisp {@code defshared}): library, symbol, types and the
 * compiled trampoline are fixed when it is made, so a call only checks and converts its arguments.
 *
 * <p>Every call checks its arguments before C sees them: the count ({@link epsilon.foreign.marshalling.ArityError}),
 * each Java type against the declared C type ({@link epsilon.foreign.marshalling.ArgumentTypeError}, naming the
 * parameter index), and {@code null} where C has no null ({@link epsilon.foreign.marshalling.NullArgumentError}).
 * Strings and arrays passed in are copied to native memory that is released when the call returns.
 *
 * {@snippet :
 * ForeignFunction strlen = Foreign.defshared("size_t strlen(const char *s)", "c");
 * long five = (long) strlen.invoke("hello");
 * }
 */
public interface ForeignFunction {

    /**
     * {@return the function's C name} The symbol looked up is {@code signature().symbol()}, which differs where a
     * header renames the function with {@code __asm__} (glibc's {@code __REDIRECT}).
     */
    String name();

    /** {@return the library the symbol was found in; closing it ends this function for good} */
    Library library();

    /**
     * The symbol's address, for passing the function itself to C or to a raw downcall.
     *
     * @return the address, a segment of the library's arena
     * @throws epsilon.foreign.marshalling.ClosedLibraryError once the library is closed
     */
    MemorySegment address();

    /** {@return the C prototype it was resolved with: names, types, nonnull parameters, symbol} */
    CPrototype signature();

    /** {@return the declared return type} */
    CType returnType();

    /** {@return the declared parameter types (the fixed ones, for a variadic function)} */
    List<CType> parameterTypes();

    /**
     * {@return true for a C function declared with {@code ...}} Extra arguments take their C type from their Java
     * type.
     */
    boolean isVariadic();

    /** {@return the descriptor of a call with no variadic arguments} */
    FunctionDescriptor descriptor();

    /** {@return the call options it was declared with ({@link CallOption#errno}, {@link CallOption#critical}, ...)} */
    List<CallOption> options();

    /** {@return what the function does, as given when it was declared; empty when none was given} */
    String documentation();

    /**
     * This function with a documentation string attached (Lisp {@code defshared}'s docstring).
     *
     * @param documentation what the function does; {@code null} counts as none
     * @return a new function, the same in every other way; this one keeps its documentation
     * @throws epsilon.foreign.marshalling.ClosedLibraryError once the library is closed
     */
    ForeignFunction withDocumentation(String documentation);

    /**
     * Calls the function.
     *
     * @param arguments one Java value per parameter (see {@link CType} for the Java type of each C type), then
     *                  any variadic arguments: {@code Integer}, {@code Long}, {@code Double}, {@code String},
     *                  {@code MemorySegment}, with C's default promotions ({@code float} to {@code double},
     *                  {@code short}/{@code byte}/{@code char}/{@code boolean} to {@code int})
     * @return the result converted to the return type's Java type, or {@code null} for {@code void}; a struct
     *         returned by value is a {@code StructView} of a copy the garbage collector frees, and a
     *         {@code struct T *} with T defined a {@code StructView} of C's memory ({@code null} for {@code NULL});
     *         with {@link ErrnoPolicy#RETURN}, an {@link ErrnoResult} holding the result
     * @throws epsilon.foreign.marshalling.ForeignError before C runs: the argument mistakes listed above, a value
     *         out of its C type's range ({@code ConversionError}), a closed library ({@code ClosedLibraryError}),
     *         freed memory passed ({@code FreedMemoryError}); after it: a callback that threw during the call
     *         ({@code CallbackError}), or with {@link ErrnoPolicy#THROW} the function's failure ({@code ErrnoError})
     */
    Object invoke(Object... arguments);

    /**
     * {@link #invoke} for a function whose C return type's Java type is {@code long} ({@code long},
     * {@code size_t}, {@code int64_t}, {@code unsigned int}, ...), the result unboxed: a call whose arguments need
     * no conversion then allocates nothing, even for a result outside the {@code Long} cache (as JNA's
     * {@code Function.invokeLong}).
     *
     * @param arguments as {@link #invoke} takes them
     * @return the result
     * @throws epsilon.foreign.marshalling.DeclarationError when the return type's Java type is not {@code long},
     *         naming it, before C runs
     * @throws epsilon.foreign.marshalling.ForeignError as {@link #invoke}
     */
    long invokeLong(Object... arguments);

    /**
     * {@link #invoke} for a function whose C return type's Java type is {@code int} ({@code int}, {@code short}
     * and {@code char} types promoted as {@link CType} says), the result unboxed; see {@link #invokeLong}.
     *
     * @param arguments as {@link #invoke} takes them
     * @return the result
     * @throws epsilon.foreign.marshalling.DeclarationError when the return type's Java type is not {@code int},
     *         naming it, before C runs
     * @throws epsilon.foreign.marshalling.ForeignError as {@link #invoke}
     */
    int invokeInt(Object... arguments);

    /**
     * {@link #invoke} for a function returning {@code double} or {@code float} (widened), the result unboxed; see
     * {@link #invokeLong}.
     *
     * @param arguments as {@link #invoke} takes them
     * @return the result
     * @throws epsilon.foreign.marshalling.DeclarationError when the return type is not {@code double} or
     *         {@code float}, naming it, before C runs
     * @throws epsilon.foreign.marshalling.ForeignError as {@link #invoke}
     */
    double invokeDouble(Object... arguments);

    /** {@return C prototype text of this function, such as {@code size_t strlen(const char *s)}} */
    String prototype();
}
