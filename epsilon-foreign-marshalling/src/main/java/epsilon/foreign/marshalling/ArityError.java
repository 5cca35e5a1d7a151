package epsilon.foreign.marshalling;

/** A call passed a different number of arguments than the C function declares. */
public final class ArityError extends ForeignError {
    private static final long serialVersionUID = 1L;

    private final int expected;
    private final int actual;

    /**
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

    /** The number of parameters the function declares (the fixed ones, for a variadic function). */
    public int expected() {
        return expected;
    }

    /** The number of arguments that were passed. */
    public int actual() {
        return actual;
    }
}
