package epsilon.foreign.marshalling;

/**
 * A C declaration that C does not allow or that cannot be laid out: a duplicate field, a bit-field wider than its
 * type, an alignment that is not a power of two, a struct that contains itself, an array of an incomplete type.
 * Thrown by the builders of {@link StructType}; the parser reports the same mistakes in text as a
 * {@link ParseError} with the position. Also a declaration C allows but Java cannot call:
 * {@link CPrototype#descriptor()} of a function whose parameter or result has no carrier, or is a struct the FFM
 * linker cannot pass by value, says which and why ({@link CPrototype#unsupported()}).
 */
public final class DeclarationError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a declaration C does not allow or that cannot be laid out.
     *
     * @param message names the declaration, the member and what C forbids
     */
    public DeclarationError(String message) {
        super(message, null);
    }

    /**
     * Reports a declaration C allows but the FFM linker cannot call.
     *
     * @param message      names the function, the parameter or result, and why it cannot be passed
     * @param functionName the C function that cannot be called, or {@code null} for a function pointer type
     */
    public DeclarationError(String message, String functionName) {
        super(message, functionName);
    }
}
