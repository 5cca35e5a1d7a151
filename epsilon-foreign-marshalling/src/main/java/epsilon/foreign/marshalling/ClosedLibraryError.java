package epsilon.foreign.marshalling;

/** A call into, or a lookup in, a library that has been closed: its code may be unmapped, so the call is refused. */
public final class ClosedLibraryError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a call or lookup refused because its library is closed.
     *
     * @param message      names the library and the function
     * @param functionName the function that was called, or {@code null} for a lookup
     */
    public ClosedLibraryError(String message, String functionName) {
        super(message, functionName);
    }
}
