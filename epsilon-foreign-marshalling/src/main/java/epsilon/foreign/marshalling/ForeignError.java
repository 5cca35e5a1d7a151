package epsilon.foreign.marshalling;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every failure Epsilon Foreign reports: a mistake in how C was called (unknown library or
 * symbol, wrong argument count or type, null where a value is needed, use of freed memory or a closed
 * library) or an error the C function itself signalled (see {@link ErrnoError}).
 *
 * <p>Unchecked, like {@link IllegalArgumentException}: these are programming errors or conditions a
 * caller tests for explicitly. Each carries the C function involved, when there is one, and the native
 * error code, when there is one, so that a handler need not parse the message.
 *
 * {@snippet :
 * try {
 *     Foreign.sharedCall("no_such_function", "libc", CType.INT, List.of());
 * } catch (UnknownSymbolError e) {
 *     System.err.println(e.functionName().orElseThrow() + ": " + e.getMessage());
 * }
 * }
 */
public class ForeignError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The C function this failure concerns, or {@code null} when it concerns none. */
    private final String functionName;
    /** The native error code (an errno value), or {@code null} when the failure came with none. */
    private final Integer errorCode;

    /**
     * A failure with the function it concerns, its native error code and the exception behind it.
     *
     * @param message      what went wrong, naming the values involved
     * @param functionName the C function involved, or {@code null} when the failure concerns no function
     * @param errorCode    the native error code (an errno value), or {@code null} when there is none
     * @param cause        the underlying exception, or {@code null}
     */
    public ForeignError(String message, String functionName, Integer errorCode, Throwable cause) {
        super(message, cause);
        this.functionName = functionName;
        this.errorCode = errorCode;
    }

    /**
     * A failure with no native error code and no cause.
     *
     * @param message      what went wrong, naming the values involved
     * @param functionName the C function involved, or {@code null}
     */
    public ForeignError(String message, String functionName) {
        this(message, functionName, null, null);
    }

    /** {@return the C function this failure concerns, or empty when it concerns none} */
    public Optional<String> functionName() {
        return Optional.ofNullable(functionName);
    }

    /** {@return the native error code (errno) of this failure, or empty when the failure came with none} */
    public OptionalInt errorCode() {
        return errorCode == null ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }
}
