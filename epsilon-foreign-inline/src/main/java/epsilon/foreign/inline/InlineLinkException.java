package epsilon.foreign.inline;

/** A function or library that cannot be linked: the name is not exported, or the library cannot be loaded. */
public final class InlineLinkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the symbol and where it was looked up */
    public InlineLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
