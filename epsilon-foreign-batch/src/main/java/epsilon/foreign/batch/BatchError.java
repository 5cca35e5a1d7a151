package epsilon.foreign.batch;

import epsilon.foreign.marshalling.ForeignError;

/**
 * A call of a batch failed: a bad argument, errno under {@link epsilon.foreign.ErrnoPolicy#THROW}, a callback that
 * threw, a closed library. It names the call's index and function and says how many calls had run before it: C's
 * side effects of those calls cannot be undone, so a caller that must know what happened reads {@link #completed()}.
 * The call's own failure is the {@linkplain #getCause() cause}, and its error code (errno) is carried over.
 *
 * {@snippet :
 * try {
 *     plan.run(rowWithABadArgument);
 * } catch (BatchError e) {
 *     e.index();        // 2: the call that failed
 *     e.completed();    // 2: calls 0 and 1 ran
 *     e.getCause();     // the ArgumentTypeError, ErrnoError or CallbackError of call 2
 * }
 * }
 */
public class BatchError extends ForeignError {
    private final int index;
    private final int completed;
    private final int row;

    /**
     * Makes the error; the batch module makes them, and code that runs batches of its own may too.
     *
     * @param message      what happened, naming the call, the function and the calls that had run
     * @param functionName the C function of the call that failed
     * @param index        the position of the failed call in its batch, from 0
     * @param completed    how many calls of the row had run to the end before it failed
     * @param row          the row of a multi-row run it failed in, or -1 for a single run
     * @param cause        the call's own failure, whose error code (errno) this error carries; may be {@code null}
     */
    public BatchError(String message, String functionName, int index, int completed, int row, Throwable cause) {
        super(message, functionName, cause instanceof ForeignError error ? error.errorCode().stream().boxed()
                .findFirst().orElse(null) : null, cause);
        this.index = index;
        this.completed = completed;
        this.row = row;
    }

    /** {@return the position of the failed call in its batch, from 0} */
    public int index() {
        return index;
    }

    /** {@return how many calls of the row had run to the end before the failed one: their effects in C remain} */
    public int completed() {
        return completed;
    }

    /** {@return the row of a multi-row run the call failed in, from 0; -1 for a single run} */
    public int row() {
        return row;
    }
}
