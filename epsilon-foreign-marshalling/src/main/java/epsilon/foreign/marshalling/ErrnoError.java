package epsilon.foreign.marshalling;

/** A C function that reports failure through {@code errno} did so; carries the errno value and its {@code strerror} text. */
public final class ErrnoError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** The {@code strerror} text of the errno value. */
    private final String description;

    /**
     * Reports a failed C call; the message is {@code "<function> failed: errno <n> (<description>)"}.
     *
     * @param functionName the C function that failed
     * @param errno        the value of {@code errno} right after the call
     * @param description  {@code strerror(errno)}
     */
    public ErrnoError(String functionName, int errno, String description) {
        super(functionName + " failed: errno " + errno + " (" + description + ")", functionName, errno, null);
        this.description = description;
    }

    /** {@return the errno value; the same as {@code errorCode().getAsInt()}} */
    public int errno() {
        return errorCode().orElseThrow();
    }

    /** {@return the {@code strerror} text of the errno value} */
    public String description() {
        return description;
    }
}
