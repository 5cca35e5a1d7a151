package epsilon.foreign.marshalling;

/** A function or variable name that the library (or the default lookup) does not define. */
public final class UnknownSymbolError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a symbol the library or the default lookup does not define.
     *
     * @param message      names the symbol and where it was looked up
     * @param functionName the symbol that was not found
     */
    public UnknownSymbolError(String message, String functionName) {
        super(message, functionName);
    }
}
