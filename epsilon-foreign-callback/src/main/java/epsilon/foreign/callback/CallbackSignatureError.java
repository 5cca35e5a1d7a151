package epsilon.foreign.callback;

import epsilon.foreign.marshalling.ForeignError;

/**
 * A callback that cannot be made as asked: a C type that cannot cross as a callback argument or result (a variadic
 * signature, a parameter of unknown size), a Java function whose arity or types do not fit the signature (or a
 * typed one that is not a functional interface, or whose method cannot be called), a default result that does not
 * fit the result type, a blank name, or a signature the JDK cannot make an upcall of (a struct layout the FFM
 * linker refuses, too many parameters). Thrown when the callback or its option is made, never later from C.
 * (Unreadable signature text is a {@code ParseError}, as everywhere C text is read; readable text that names a
 * type other than a function pointer is this error.)
 */
public final class CallbackSignatureError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error, with no {@linkplain ForeignError#functionName() function name} and no cause.
     *
     * @param message names the signature or type and what is wrong with it
     */
    public CallbackSignatureError(String message) {
        super(message, null);
    }

    /**
     * Creates the error for a refusal by the JDK, with no {@linkplain ForeignError#functionName() function name}.
     *
     * @param message names the signature and what is wrong with it
     * @param cause the JDK's refusal (the FFM linker's or the method handles'), kept for its detail
     */
    public CallbackSignatureError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
