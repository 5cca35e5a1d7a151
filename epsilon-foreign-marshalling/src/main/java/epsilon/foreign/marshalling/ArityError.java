package epsilon.foreign.marshalling;

/** A call passed a different number of arguments than the C function declares. */
public final class ArityError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** The number of parameters declared (the fixed ones, for a variadic function). */
    private final int expected;
    /** The number of arguments passed. */
    private final int actual;

    /**
     * Reports a call with too few or too many arguments.
     *
     * @param message      names the function and both counts
     * @param functionName the C function called
     * @param expected     the number of parameters declared (the minimum, for a variadic function)
     * @param actual       the number of arguments passed
     */
    public ArityError(String message, String functionName, int expected, int actual) {
        super(message, functionName);
        this.expected = expected;
        this.actual = actual;
    }

    /** {@return the number of parameters the function declares (the fixed ones, for a variadic function)} */
    public int expected() {
        return expected;
    }

    /** {@return the number of arguments that were passed} */
    public int actual() {
        return actual;
    }
}
