package epsilon.foreign.callback;

/**
 * Receives the failures of callbacks, on the thread the callback ran on, while C waits for the result; a
 * {@link StackOverflowError} when the thread's outermost callback returns, where there is stack to handle it. Keep
 * it short; anything it throws is logged, with the failure attached, and otherwise ignored.
 */
@FunctionalInterface
public interface CallbackFailureHandler {
    void handle(CallbackFailure failure);
}
