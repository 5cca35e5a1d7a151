package epsilon.foreign.marshalling;

/**
 * Native memory that cannot be had: a size or count that is zero, negative or overflows {@code long}, an alignment
 * that is not a power of two, or a size the system refuses. The message names the sizes asked for.
 */
public final class AllocationError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a size, count or alignment refused before asking the system, or a size the system refused.
     *
     * @param message names the type, count and size asked for and why they cannot be had
     * @param cause   the JDK's own report (an {@link OutOfMemoryError} or {@link IllegalArgumentException}), or
     *                {@code null}
     */
    public AllocationError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
