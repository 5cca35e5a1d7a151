package epsilon.foreign;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A loaded shared library (Lisp Epsilon's {@code lib-open} handle). Obtained from {@link Foreign#libOpen(String)},
 * which caches one open {@code Library} per name; closing it unloads the library for every holder.
 *
 * <p>Safety: every symbol address a library hands out is tied to the library's lifetime. After
 * {@link #close()}, a call through such an address throws {@link epsilon.foreign.marshalling.ClosedLibraryError}
 * instead of jumping into unmapped code, and closing while a call is in progress is refused.
 *
 * {@snippet :
 * try (Library libm = Foreign.libOpen("m")) {                 // libm.so.6 on Linux
 *     MemorySegment cos = libm.function("cos");                // the symbol's address
 *     double one = (double) Foreign.sharedCall("cos", "m", CType.DOUBLE, List.of(CType.DOUBLE), 0.0);
 * }
 * }
 */
public interface Library extends AutoCloseable {

    /** The name the library was opened with, as the user wrote it ({@code "m"}, {@code "libc"}, a path). */
    String name();

    /** What the dynamic loader accepted: a soname such as {@code libm.so.6}, or a path. */
    String loadedAs();

    /** False once {@link #close()} has run. */
    boolean isOpen();

    /**
     * The address of a symbol (Lisp {@code lib-function}), cached per name.
     *
     * @throws epsilon.foreign.marshalling.UnknownSymbolError when the library does not define {@code symbol}
     * @throws epsilon.foreign.marshalling.ClosedLibraryError when the library has been closed
     */
    MemorySegment function(String symbol);

    /** The address of a symbol, or empty when the library does not define it. */
    Optional<MemorySegment> find(String symbol);

    /**
     * Unloads the library (Lisp {@code lib-close}). Idempotent. Later calls through its functions throw
     * {@link epsilon.foreign.marshalling.ClosedLibraryError}; a later {@link Foreign#libOpen(String)} of the same
     * name loads it afresh.
     *
     * @throws epsilon.foreign.marshalling.ForeignError when a call into the library is still running
     */
    @Override
    void close();
}
