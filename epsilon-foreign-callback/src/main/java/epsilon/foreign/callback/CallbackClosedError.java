package epsilon.foreign.callback;

import epsilon.foreign.marshalling.ForeignError;

/**
 * A closed {@link Callback} was used from Java: its {@link Callback#pointer() pointer} was asked for, it was called,
 * or it was passed to a C function. (A call from C through a stale pointer cannot be detected; see
 * {@link Callback}.)
 */
public final class CallbackClosedError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** @param message names the callback and what was attempted */
    public CallbackClosedError(String message) {
        super(message, null);
    }
}
