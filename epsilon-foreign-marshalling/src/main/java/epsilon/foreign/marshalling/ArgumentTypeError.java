package epsilon.foreign.marshalling;

/** An argument whose Java type cannot represent the C parameter type declared at its position. */
public final class ArgumentTypeError extends ForeignError {
    private static final long serialVersionUID = 1L;

    private final int index;

    /**
     * @param message      names the function, the parameter index, the C type expected and the Java type given
     * @param functionName the C function called, or {@code null} for a conversion outside a call
     * @param index        the zero-based parameter index, or -1 when the value is not an argument
     */
    public ArgumentTypeError(String message, String functionName, int index) {
        super(message, functionName);
        this.index = index;
    }

    /** The zero-based index of the offending argument, or -1 when the value was not an argument. */
    public int index() {
        return index;
    }
}
