package epsilon.foreign.callback;

/**
 * A callback that cannot be made as asked: unreadable C signature text, a C type that cannot cross as a callback
 * argument or result, a Java function whose arity or types do not fit the signature, or a default result that does
 * not fit the result type. Thrown when the callback is created, never later from C.
 */
public final class CallbackSignatureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the signature or type text and what is wrong with it */
    public CallbackSignatureException(String message) {
        super(message);
    }
}
