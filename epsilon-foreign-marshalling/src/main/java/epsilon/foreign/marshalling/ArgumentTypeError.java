package epsilon.foreign.marshalling;

/** An argument whose Java type cannot represent the C parameter type declared at its position. */
public final class ArgumentTypeError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** The zero-based index of the offending argument, or -1 when the value was not an argument. */
    private final int index;

    /**
     * Reports a Java value of the wrong type for its C type, in a call or elsewhere (a struct field, an array element).
     *
     * @param message      names the function, the parameter index, the C type expected and the Java type given
     * @param functionName the C function called, or {@code null} for a conversion outside a call
     * @param index        the zero-based parameter index, or -1 when the value is not an argument
     */
    public ArgumentTypeError(String message, String functionName, int index) {
        super(message, functionName);
        this.index = index;
    }

    /** {@return the zero-based index of the offending argument, or -1 when the value was not an argument} */
    public int index() {
        return index;
    }
}
