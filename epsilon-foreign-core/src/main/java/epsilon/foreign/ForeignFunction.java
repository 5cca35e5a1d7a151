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

    /** The C symbol. */
    String name();

    /** The library the symbol was found in. */
    Library library();

    /** The symbol's address. @throws epsilon.foreign.marshalling.ClosedLibraryError once the library is closed */
    MemorySegment address();

    /** The C prototype it was resolved with: names, types, nonnull parameters, symbol. */
    CPrototype signature();

    /** The declared return type. */
    CType returnType();

    /** The declared parameter types (the fixed ones, for a variadic function). */
    List<CType> parameterTypes();

    /** True for a C function declared with {@code ...}; extra arguments take their C type from their Java type. */
    boolean isVariadic();

    /** The descriptor of a call with no variadic arguments. */
    FunctionDescriptor descriptor();

    /** The call options it was declared with ({@link CallOption#errno}, {@link CallOption#critical}, ...). */
    List<CallOption> options();

    /** What the function does, as given when it was declared; empty when none was given. */
    String documentation();

    /** This function with a documentation string attached (Lisp {@code defshared}'s docstring). */
    ForeignFunction withDocumentation(String documentation);

    /**
     * Calls the function.
     *
     * @param arguments one Java value per parameter (see {@link CType} for the Java type of each C type), then
     *                  any variadic arguments: {@code Integer}, {@code Long}, {@code Double}, {@code String},
     *                  {@code MemorySegment}, with C's default promotions ({@code float} to {@code double},
     *                  {@code short}/{@code byte}/{@code char}/{@code boolean} to {@code int})
     * @return the result converted to the return type's Java type, or {@code null} for {@code void}
     */
    Object invoke(Object... arguments);

    /** C prototype text of this function, such as {@code size_t strlen(const char *s)}. */
    String prototype();
}
