package epsilon.foreign.callback;

/**
 * Receives the failures of callbacks, on the thread the callback ran on, while C waits for the result; a
 * {@link StackOverflowError} when the thread's outermost callback returns, where there is stack to handle it. Keep
 * it short; anything it throws is logged, with the failure attached, and otherwise ignored. A handler shared by
 * callbacks that C calls on several threads (the {@link CallbackFailures#setHandler global} one, for instance) runs
 * on those threads at once, so it must be thread-safe.
 */
@FunctionalInterface
public interface CallbackFailureHandler {
    /**
     * Takes one failure. Whatever the handler does, C gets the callback's default result.
     *
     * @param failure the callback, what it threw, the thread and whether C created that thread
     */
    void handle(CallbackFailure failure);
}
