package epsilon.foreign.callback;

/**
 * The registry refused a request: a name already taken by a live callback, or an address, id or name that no
 * live callback has.
 */
public final class CallbackRegistryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message names the name, id or address involved */
    public CallbackRegistryException(String message) {
        super(message);
    }
}
