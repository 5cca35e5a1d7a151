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
 * library lets go of it). Whatever the Java code throws, C gets the callback's default result and the failure is
 * reported in Java, as {@link CallbackFailures} describes.
 *
 * {@snippet :
 * try (Callback cmp = Callbacks.of(Comparator.class, (MemorySegment a, MemorySegment b) ->
 *         Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0)), "int (*)(const int *, const int *)")) {
 *     QSORT.invokeExact(array, 1000L, 4L, cmp.pointer());
 *     CallbackFailures.rethrowIfPending();
 * } // the stub is freed here
 * }
 */
public interface Callback extends AutoCloseable {
    /**
     * The C function pointer.
     *
     * @throws CallbackClosedError after {@link #close()}
     */
    MemorySegment pointer();

    /** The registry id, unique for the life of the JVM. */
    long id();

    /** The name it was registered under, if any. */
    Optional<String> name();

    /** The C signature it was made for. */
    CPrototype signature();

    /** {@code false} once closed (by itself or its scope). */
    boolean isAlive();

    /**
     * Calls this callback through its C pointer (a real downcall, as C would), converting {@code arguments} from
     * their Java types, and rethrows a failure of the callback: Lisp {@code call-callback}. For tests and tools.
     *
     * @throws CallbackClosedError after close
     * @throws epsilon.foreign.marshalling.ArityError if the number of arguments is not the signature's
     * @throws epsilon.foreign.marshalling.ForeignError (a conversion error) if an argument does not fit its C type
     */
    Object call(Object... arguments);

    /**
     * Frees the stub (unless it belongs to a {@link CallbackScope}, which frees all of its stubs at once when it
     * closes) and unregisters it. Idempotent.
     *
     * @throws CallbackClosedError if a native call on another thread is using the pointer right now
     */
    @Override
    void close();
}
