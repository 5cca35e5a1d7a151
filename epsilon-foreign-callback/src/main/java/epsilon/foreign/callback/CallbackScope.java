package epsilon.foreign.callback;

import epsilon.foreign.marshalling.CPrototype;
import java.util.List;

/**
 * A group of callbacks that share one arena and are freed together (Lisp {@code with-callback-scope}): for
 * callbacks that belong to one native session (an event loop, a parser run). Closing the scope closes every
 * callback made in it; closing one member early unregisters it but its stub is freed with the scope (until then C
 * can still call it, and its Java code runs).
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
    /**
     * A dynamic callback in this scope; see {@link Callbacks#create(CallbackFunction, CPrototype, CallbackOption...)}.
     *
     * @param function  the Java code C runs, given the converted arguments
     * @param signature the C prototype of the function pointer
     * @param options   a name, a default result, a failure handler
     * @return the live, registered callback; its stub is freed when this scope closes
     * @throws CallbackClosedError if this scope is closed
     * @throws CallbackSignatureError if the signature or an option does not fit, as for {@link Callbacks#create}
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    Callback create(CallbackFunction function, CPrototype signature, CallbackOption... options);

    /**
     * {@link #create(CallbackFunction, CPrototype, CallbackOption...)} with C signature text.
     *
     * @param function  the Java code C runs, given the converted arguments
     * @param signature a function-pointer type such as {@code "int (*)(const int *, const int *)"}, or a prototype
     * @param options   a name, a default result, a failure handler
     * @return the live, registered callback; its stub is freed when this scope closes
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C
     * @throws CallbackClosedError if this scope is closed
     * @throws CallbackSignatureError if the signature names a type other than a function pointer, or it or an option
     *         does not fit, as for {@link Callbacks#create}
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    Callback create(CallbackFunction function, String signature, CallbackOption... options);

    /**
     * A typed callback in this scope; see {@link Callbacks#of(Class, Object, CPrototype, CallbackOption...)}.
     *
     * @param <T>       the functional interface
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature the C prototype of the function pointer
     * @param options   a name, a default result, a failure handler
     * @return the live, registered callback; its stub is freed when this scope closes
     * @throws CallbackClosedError if this scope is closed
     * @throws CallbackSignatureError if the interface's method, the signature or an option does not fit, as for
     *         {@link Callbacks#of(Class, Object, CPrototype, CallbackOption...) Callbacks.of}
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    <T> Callback of(Class<T> type, T function, CPrototype signature, CallbackOption... options);

    /**
     * {@link #of(Class, Object, CPrototype, CallbackOption...)} with C signature text.
     *
     * @param <T>       the functional interface
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature a function-pointer type such as {@code "int (*)(const int *, const int *)"}, or a prototype
     * @param options   a name, a default result, a failure handler
     * @return the live, registered callback; its stub is freed when this scope closes
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C
     * @throws CallbackClosedError if this scope is closed
     * @throws CallbackSignatureError if the signature names a type other than a function pointer, or the
     *         interface's method, the signature or an option does not fit, as for
     *         {@link Callbacks#of(Class, Object, CPrototype, CallbackOption...) Callbacks.of}
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    <T> Callback of(Class<T> type, T function, String signature, CallbackOption... options);

    /** {@return an unmodifiable snapshot of the live callbacks of this scope (members closed early are not in it)} */
    List<Callback> callbacks();

    /** {@return {@code true} until {@link #close()} is called} */
    boolean isOpen();

    /**
     * Closes every callback of the scope and frees their stubs. Idempotent once it has succeeded: a second call does
     * nothing.
     *
     * @throws CallbackClosedError if a native call that was passed one of the pointers has not returned yet, on any
     *         thread, this one included (a callback closing its own scope): nothing is closed then, and the scope
     *         closes when called again after that call
     */
    @Override
    void close();
}
