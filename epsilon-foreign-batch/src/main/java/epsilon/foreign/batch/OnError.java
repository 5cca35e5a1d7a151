package epsilon.foreign.batch;

/** What a run does when one of its calls fails. */
public enum OnError {
    /**
     * Stop at the failed call and throw a {@link BatchError} naming it; the calls after it do not run. The calls
     * before it have run, and what they did in C stays done.
     */
    STOP,
    /**
     * Keep the failure as that call's result ({@link BatchResults#failure(int)}) and run the rest; reading the
     * failed call's value throws a {@link BatchError}.
     */
    CONTINUE
}
