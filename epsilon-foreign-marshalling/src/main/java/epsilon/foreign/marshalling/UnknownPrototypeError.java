package epsilon.foreign.marshalling;

/** A function asked for by name alone has no prototype in {@link KnownPrototypes}, so its types are unknown. */
public final class UnknownPrototypeError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a function named without a prototype that {@link KnownPrototypes} does not know either.
     *
     * @param message      names the function and how to declare it
     * @param functionName the function that has no known prototype
     */
    public UnknownPrototypeError(String message, String functionName) {
        super(message, functionName);
    }
}
