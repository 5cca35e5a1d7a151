package epsilon.foreign.inline;

/** A function or library that cannot be linked: the name is not exported, or the library cannot be loaded. */
public final class InlineLinkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the symbol and where it was looked up
     * @param cause   why the library could not be loaded, or {@code null}
     */
    public InlineLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
