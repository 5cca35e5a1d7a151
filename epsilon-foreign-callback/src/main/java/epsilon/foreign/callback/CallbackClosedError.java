package epsilon.foreign.callback;

import epsilon.foreign.marshalling.ForeignError;

/**
 * A closed {@link Callback} was used from Java: its {@link Callback#pointer() pointer} was asked for, it was called,
 * or it was passed to a C function. (A call from C through a stale pointer cannot be detected; see
 * {@link Callback}.) Also thrown when a callback is made in a closed {@link CallbackScope}, and by
 * {@link Callback#close()} when a native call that was passed the pointer has not returned yet (the callback then
 * stays open).
 */
public final class CallbackClosedError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error, with no {@linkplain ForeignError#functionName() function name} and no cause.
     *
     * @param message names the callback (or the scope) and what was attempted
     */
    public CallbackClosedError(String message) {
        super(message, null);
    }
}
