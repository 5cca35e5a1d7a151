package epsilon.foreign.callback;

import epsilon.foreign.marshalling.ForeignError;

/**
 * The registry refused a request: a {@link CallbackOption#name name} already taken by a live callback, a name
 * {@link CallbackRegistry#unregister(String) unregistered} that no live callback has, or an address
 * {@link Callbacks#call(java.lang.foreign.MemorySegment, Object...) called} that no live callback has. (Looking a
 * callback up by id, name or address never throws: it returns an empty {@code Optional}.)
 */
public final class CallbackRegistryError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error, with no {@linkplain ForeignError#functionName() function name} and no cause.
     *
     * @param message names the name or address involved
     */
    public CallbackRegistryError(String message) {
        super(message, null);
    }
}
