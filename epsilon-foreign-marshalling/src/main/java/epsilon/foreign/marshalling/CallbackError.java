package epsilon.foreign.marshalling;

/** A Java callback invoked by C threw: C was given the callback's declared default result, and the exception, as the cause of this error, is rethrown to the Java caller of the downcall. */
public final class CallbackError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports what a callback threw, once the downcall that led to it has returned.
     *
     * @param message      names the callback and the downcall during which it failed
     * @param functionName the downcall (the C function that invoked the callback), or {@code null}
     * @param cause        what the callback threw
     */
    public CallbackError(String message, String functionName, Throwable cause) {
        super(message, functionName, null, cause);
    }
}
