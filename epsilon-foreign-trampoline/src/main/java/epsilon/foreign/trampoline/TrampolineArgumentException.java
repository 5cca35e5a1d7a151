package epsilon.foreign.trampoline;

/** A dynamic call through a trampoline with the wrong number of arguments or a boxed value of the wrong type. */
public final class TrampolineArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its message.
     *
     * @param message names the shape, the position and what was expected and given
     */
    public TrampolineArgumentException(String message) {
        super(message);
    }
}
