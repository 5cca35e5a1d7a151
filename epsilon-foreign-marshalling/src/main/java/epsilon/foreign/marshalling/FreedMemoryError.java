package epsilon.foreign.marshalling;

/**
 * Native memory used after it was freed, or a free of something that is not a live block: memory freed already, a
 * {@code NULL} pointer, or memory that did not come from {@code foreignAlloc}.
 */
public final class FreedMemoryError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a use or free of memory that is no longer, or never was, a live block.
     *
     * @param message names the allocation (address, size) and what was attempted
     * @param cause   the JDK's own report (an {@link IllegalStateException} from a closed scope), or {@code null}
     */
    public FreedMemoryError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
