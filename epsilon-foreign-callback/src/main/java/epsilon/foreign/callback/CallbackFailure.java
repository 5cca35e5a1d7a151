package epsilon.foreign.callback;

/**
 * An exception a callback threw, caught before it could reach C.
 *
 * @param callback the callback that failed
 * @param error what it threw
 * @param thread the name of the thread it ran on
 * @param foreignThread {@code true} when that thread was created by C, so no Java caller is waiting to rethrow
 */
public record CallbackFailure(Callback callback, Throwable error, String thread, boolean foreignThread) {}
