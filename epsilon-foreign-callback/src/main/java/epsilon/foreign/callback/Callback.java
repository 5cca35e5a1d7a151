package epsilon.foreign.callback;

import epsilon.foreign.marshalling.CPrototype;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A C function pointer that runs Java code: an upcall stub, registered while it is alive.
 *
 * <p>Pass {@link #pointer()} to C wherever it wants a function pointer. The stub stays valid until
 * {@link #close()} (or until its {@link CallbackScope} closes); closing frees it and removes it from the
 * {@link CallbackRegistry registry}. Java use after close throws {@link CallbackClosedError}. C calling a
 * pointer after close <strong>cannot be detected</strong> and crashes like any call through a freed function
 * pointer: keep a callback open for as long as C may call it (for a library that stores it, that is until the
 * library lets go of it). Whoever made the callback closes it, unless a scope or
 * {@link Callbacks#withCallback(CallbackFunction, CPrototype, Callbacks.ScopedBody) withCallback} does.
 * Whatever the Java code throws, C gets the callback's default result and the failure is reported in Java, as
 * {@link CallbackFailures} describes.
 *
 * <p>C may call the pointer on any thread, on several at once: the Java code runs on the thread that called it
 * (a thread C created included), so it must be safe to run concurrently if C does that.
 *
 * {@snippet :
 * Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
 * try (Callback cmp = Callbacks.of(Comparator.class, ascending, "int (*)(const int *, const int *)")) {
 *     QSORT.invokeExact(array, 1000L, 4L, cmp.pointer());
 *     CallbackFailures.rethrowIfPending();
 * } // the stub is freed here
 * }
 */
public interface Callback extends AutoCloseable {
    /**
     * {@return the C function pointer, to pass wherever C wants one of this signature} It stays valid until this
     * callback is closed, or, for a member of a {@link CallbackScope}, until the scope closes.
     *
     * @throws CallbackClosedError after {@link #close()}
     */
    MemorySegment pointer();

    /** {@return the registry id, unique for the life of the JVM} */
    long id();

    /** {@return the name it was registered under, or empty if it was made without {@link CallbackOption#name}} */
    Optional<String> name();

    /** {@return the C signature it was made for, as given or as parsed from the text} */
    CPrototype signature();

    /**
     * {@return {@code true} until it is closed: by {@link #close()}, by its scope, by
     * {@link CallbackRegistry#unregister(String)}, or at the end of {@code withCallback}}
     */
    boolean isAlive();

    /**
     * Calls this callback through its C pointer (a real downcall, as C would), converting {@code arguments} from
     * their Java types, then rethrows the failure pending on this thread, as
     * {@link CallbackFailures#rethrowIfPending()} does: Lisp {@code call-callback}. For tests and tools. A failure
     * that goes to a {@link CallbackOption#onFailure handler} (its own or the {@link CallbackFailures#setHandler
     * global} one) is not pending, so it is not rethrown: the call returns the default result C got.
     *
     * @param arguments one per C parameter, converted as a call's arguments are (a {@code String} for
     *                  {@code char *} is copied into memory that is freed when the call returns)
     * @return what the callback returned to C, as its C type's Java type, or {@code null} for {@code void}
     * @throws CallbackClosedError after close
     * @throws epsilon.foreign.marshalling.ArityError if the number of arguments is not the signature's
     * @throws epsilon.foreign.marshalling.ForeignError (a conversion error) if an argument does not fit its C type
     * @throws CallbackFailedException if the pending failure is a checked exception (an unchecked one is rethrown
     *         as it is)
     */
    Object call(Object... arguments);

    /**
     * Frees the stub (unless it belongs to a {@link CallbackScope}, which frees all of its stubs at once when it
     * closes; until then C can still call this one's pointer, and the Java code runs) and unregisters it.
     * Idempotent.
     *
     * @throws CallbackClosedError if a native call that was passed the pointer as an argument has not returned yet,
     *         on any thread, this one included (a callback closing itself while C runs it); the callback stays
     *         alive and can be closed once that call returns
     */
    @Override
    void close();
}
