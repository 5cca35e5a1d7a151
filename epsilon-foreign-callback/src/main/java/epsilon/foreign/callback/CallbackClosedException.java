package epsilon.foreign.callback;

/**
 * A closed {@link Callback} was used from Java: its {@link Callback#pointer() pointer} was asked for or it was
 * called. (A call from C through a stale pointer cannot be detected; see {@link Callback}.)
 */
public final class CallbackClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message names the callback and what was attempted */
    public CallbackClosedException(String message) {
        super(message);
    }
}
