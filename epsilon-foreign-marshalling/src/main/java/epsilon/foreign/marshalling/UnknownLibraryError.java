package epsilon.foreign.marshalling;

/** A library could not be found or loaded under any of the names and paths tried. */
public final class UnknownLibraryError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a library that no name or path tried could load.
     *
     * @param message what was asked for and every name and path that was tried
     * @param cause   the loader's own failure, or {@code null}
     */
    public UnknownLibraryError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
