package epsilon.foreign.callback;

/**
 * Carries a checked exception thrown by a callback to its Java caller. Unchecked exceptions and errors thrown by a
 * callback are rethrown as they are; only checked ones are wrapped, as the {@link #getCause() cause}.
 */
public final class CallbackFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the callback that failed
     * @param cause the checked exception the callback threw
     */
    public CallbackFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
