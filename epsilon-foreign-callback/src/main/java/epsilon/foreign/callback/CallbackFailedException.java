package epsilon.foreign.callback;

/**
 * Carries a checked exception to a Java caller that cannot throw it as it is: one a callback threw, when it is
 * rethrown (by {@link CallbackFailures#rethrowIfPending()}, {@link Callback#call}, {@code withCallback}) or taken
 * ({@link CallbackFailures#clearPending()}, {@link CallbackFailures#resumePending(Object)}), and one the body of
 * {@link Callbacks#withCallback(CallbackFunction, String, Callbacks.ScopedBody) withCallback} threw. Unchecked
 * exceptions and errors are rethrown as they are; only checked ones are wrapped, as the {@link #getCause() cause}.
 *
 * <p>It is also the note, with no cause, attached as suppressed to a rethrown failure to count the further failures
 * of the callback before the rethrow.
 */
public final class CallbackFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names what threw (a callback, or the body of {@code withCallback}) and what it threw
     * @param cause   the checked exception, or {@code null} in the note that counts further failures
     */
    public CallbackFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
