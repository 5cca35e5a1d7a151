package epsilon.foreign.callback;

import epsilon.foreign.marshalling.CPrototype;
import java.util.List;

/**
 * A group of callbacks that share one arena and are freed together (Lisp {@code with-callback-scope}): for
 * callbacks that belong to one native session (an event loop, a parser run). Closing the scope closes every
 * callback made in it; closing one member early unregisters it but its stub is freed with the scope.
 *
 * {@snippet :
 * try (CallbackScope scope = Callbacks.openScope()) {
 *     Callback onStart = scope.create(args -> { started.set(true); return null; }, "void (*)(void)");
 *     Callback onData = scope.create(args -> { bytes.add((Long) args[1]); return null; },
 *             "void (*)(const void *, size_t)");
 *     session.run(onStart.pointer(), onData.pointer());
 * } // both stubs freed, both unregistered
 * }
 */
public interface CallbackScope extends AutoCloseable {
    /** A dynamic callback in this scope; see {@link Callbacks#create(CallbackFunction, CPrototype, CallbackOption...)}. */
    Callback create(CallbackFunction function, CPrototype signature, CallbackOption... options);

    /** {@link #create(CallbackFunction, CPrototype, CallbackOption...)} with C signature text. */
    Callback create(CallbackFunction function, String signature, CallbackOption... options);

    /** A typed callback in this scope; see {@link Callbacks#of(Class, Object, CPrototype, CallbackOption...)}. */
    <T> Callback of(Class<T> type, T function, CPrototype signature, CallbackOption... options);

    /** {@link #of(Class, Object, CPrototype, CallbackOption...)} with C signature text. */
    <T> Callback of(Class<T> type, T function, String signature, CallbackOption... options);

    /** The live callbacks of this scope. */
    List<Callback> callbacks();

    /** {@code false} once closed. */
    boolean isOpen();

    /** Closes every callback of the scope and frees their stubs. Idempotent. */
    @Override
    void close();
}
