package epsilon.foreign.marshalling;

/** Native memory used after it was freed, or freed twice. */
public final class FreedMemoryError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the allocation (address, size) and what was attempted
     * @param cause   the JDK's own report (an {@link IllegalStateException} from a closed scope), or {@code null}
     */
    public FreedMemoryError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
