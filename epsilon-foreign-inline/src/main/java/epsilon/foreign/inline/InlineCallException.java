package epsilon.foreign.inline;

/**
 * An argument the C function would turn into a crash, a write into memory that may not be written, or a silent
 * overrun: NULL where C dereferences it, a heap segment, a read-only destination, a negative length or one past
 * the end of a segment whose size is known, overlapping {@code memcpy} regions, text without a terminator
 * within its segment. Checked in Java before the call; each check is a compare and a branch next to a call of a
 * few nanoseconds. The message names the function, the argument and the values involved.
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
