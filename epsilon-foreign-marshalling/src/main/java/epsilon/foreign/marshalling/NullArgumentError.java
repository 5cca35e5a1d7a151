package epsilon.foreign.marshalling;

/** A Java {@code null} passed where the C type has no null (an int, a double, a struct by value). */
public final class NullArgumentError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** The zero-based index of the null argument, or -1 when the value was not an argument. */
    private final int index;

    /**
     * Reports a {@code null} where the C type needs a value.
     *
     * @param message      names the function, the parameter index and its C type
     * @param functionName the C function called, or {@code null}
     * @param index        the zero-based parameter index, or -1 when the value is not an argument
     */
    public NullArgumentError(String message, String functionName, int index) {
        super(message, functionName);
        this.index = index;
    }

    /** {@return the zero-based index of the null argument, or -1 when the value was not an argument} */
    public int index() {
        return index;
    }
}
