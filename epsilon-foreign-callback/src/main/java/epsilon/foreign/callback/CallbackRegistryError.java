package epsilon.foreign.callback;

import epsilon.foreign.marshalling.ForeignError;

/**
 * The registry refused a request: a name already taken by a live callback, or an address, id or name that no
 * live callback has.
 */
public final class CallbackRegistryError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** @param message names the name, id or address involved */
    public CallbackRegistryError(String message) {
        super(message, null);
    }
}
