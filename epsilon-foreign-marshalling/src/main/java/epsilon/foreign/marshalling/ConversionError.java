package epsilon.foreign.marshalling;

/** A value that cannot be converted between Java and C: out of the C type's range, unmappable characters, an enum value with no constant. */
public final class ConversionError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a value that does not fit its C type, or a C value with no Java counterpart.
     *
     * @param message      names the value, the C type and why they do not fit
     * @param functionName the C function involved, or {@code null}
     * @param cause        the underlying failure, or {@code null}
     */
    public ConversionError(String message, String functionName, Throwable cause) {
        super(message, functionName, null, cause);
    }
}
