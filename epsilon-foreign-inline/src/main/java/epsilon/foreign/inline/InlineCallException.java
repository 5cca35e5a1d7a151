package epsilon.foreign.inline;

/**
 * An argument the C function would turn into a crash or a silent overrun: a NULL pointer where C dereferences
 * it, or a length past the end of a segment whose size is known. Checked in Java before the call; the check is
 * a compare or two, next to a call of a few nanoseconds.
 */
public final class InlineCallException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the function, the argument and the values involved
     */
    public InlineCallException(String message) {
        super(message);
    }
}
