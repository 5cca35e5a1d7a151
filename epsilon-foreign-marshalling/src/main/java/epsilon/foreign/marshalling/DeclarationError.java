package epsilon.foreign.marshalling;

/**
 * A C declaration that C does not allow or that cannot be laid out: a duplicate field, a bit-field wider than its
 * type, an alignment that is not a power of two, a struct that contains itself, an array of an incomplete type.
 * Thrown by the builders of {@link StructType}; the parser reports the same mistakes in text as a
 * {@link ParseError} with the position.
 */
public final class DeclarationError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** @param message names the declaration, the member and what C forbids */
    public DeclarationError(String message) {
        super(message, null);
    }
}
