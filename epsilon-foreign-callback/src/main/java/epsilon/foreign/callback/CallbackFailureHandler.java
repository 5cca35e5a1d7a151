package epsilon.foreign.callback;

/**
 * Receives the failures of callbacks, on the thread the callback ran on, while C waits for the result. Keep it
 * short; anything it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface CallbackFailureHandler {
    void handle(CallbackFailure failure);
}
