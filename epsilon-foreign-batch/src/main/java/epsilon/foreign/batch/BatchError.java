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
    /** The position of the failed call in its batch. */
    private final int index;
    /** How many calls had run to the end before it. */
    private final int completed;
    /** The row of a multi-row run, or -1. */
    private final int row;
    private final transient BatchResults partialResults;

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
        this(message, functionName, index, completed, row, cause, null);
    }

    /**
     * Makes the error of a stopped run, with the results of the calls that ran before the failed one.
     *
     * @param message        what happened, naming the call, the function and the calls that had run
     * @param functionName   the C function of the call that failed
     * @param index          the position of the failed call in its batch, from 0
     * @param completed      how many calls of the row had run to the end before it failed
     * @param row            the row of a multi-row run it failed in, or -1 for a single run
     * @param cause          the call's own failure; may be {@code null}
     * @param partialResults the row's results: the calls before {@code index} have their values, the failed call its
     *                       failure, and reading a later one throws; {@code null} when there are none
     */
    public BatchError(String message, String functionName, int index, int completed, int row, Throwable cause,
                      BatchResults partialResults) {
        super(message, functionName, cause instanceof ForeignError error ? error.errorCode().stream().boxed()
                .findFirst().orElse(null) : null, cause);
        this.index = index;
        this.completed = completed;
        this.row = row;
        this.partialResults = partialResults;
    }

    /**
     * The values of the calls that ran before the failed one, in the row that failed.
     *
     * @return the row's results (a call at or after {@link #index()} throws when read), or empty when the error
     *         carries none
     */
    public java.util.Optional<BatchResults> partialResults() {
        return java.util.Optional.ofNullable(partialResults);
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
