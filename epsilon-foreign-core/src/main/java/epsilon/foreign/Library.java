package epsilon.foreign;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A loaded shared library (Lisp Epsilon's {@code lib-open} handle). Obtained from {@link Foreign#libOpen(String)},
 * which caches one open {@code Library} per name; closing it unloads the library for every holder.
 *
 * <p>Safety: every symbol address a library hands out is tied to the library's lifetime. After
 * {@link #close()}, a call through one of its functions (a {@link ForeignFunction}, a bound interface) throws
 * {@link epsilon.foreign.marshalling.ClosedLibraryError} instead of jumping into unmapped code, and a raw Panama
 * downcall through an address from {@link #function} is refused by the JDK ({@code IllegalStateException}): the
 * address belongs to the library's arena. Closing waits for the calls in flight on other threads to finish.
 *
 * {@snippet :
 * try (Library libm = Foreign.libOpen("m")) {                 // libm.so.6 on Linux
 *     MemorySegment cos = libm.function("cos");                // the symbol's address
 *     double one = (double) Foreign.sharedCall("cos", "m", CType.DOUBLE, List.of(CType.DOUBLE), 0.0);
 * }
 * }
 */
public interface Library extends AutoCloseable {

    /** {@return the name the library was opened with, as the user wrote it ({@code "m"}, {@code "libc"}, a path)} */
    String name();

    /** {@return what the dynamic loader accepted: a soname such as {@code libm.so.6}, or a path} */
    String loadedAs();

    /** {@return false once {@link #close()} has run} */
    boolean isOpen();

    /**
     * The address of a symbol (Lisp {@code lib-function}), cached per name.
     *
     * @param symbol the name as the library exports it, such as {@code "cos"}
     * @return the address as a zero-length segment of the library's arena, so a downcall through it is refused once
     *         the library is closed
     * @throws epsilon.foreign.marshalling.UnknownSymbolError when the library does not define {@code symbol}
     * @throws epsilon.foreign.marshalling.ClosedLibraryError when the library has been closed
     */
    MemorySegment function(String symbol);

    /**
     * The address of a symbol, or empty when the library does not define it.
     *
     * @param symbol the name as the library exports it
     * @return the address, as {@link #function} gives it, or empty
     * @throws epsilon.foreign.marshalling.ClosedLibraryError when the library has been closed
     */
    Optional<MemorySegment> find(String symbol);

    /**
     * Unloads the library (Lisp {@code lib-close}). Idempotent. New calls through its functions are refused at
     * once with {@link epsilon.foreign.marshalling.ClosedLibraryError}; calls in flight on other threads finish
     * first (their results are converted while the library is still loaded), then it is unloaded. A later
     * {@link Foreign#libOpen(String)} of the same name, or a {@code Foreign.sharedCall} naming it, loads it afresh;
     * {@code ForeignFunction}s and bound interfaces made before stay closed.
     *
     * @throws epsilon.foreign.marshalling.ForeignError when called from inside a call into this library (a
     *         callback C made during it), which could never finish while close waited for it, or while a raw
     *         downcall through an address from {@link #function} is running; the library then stays open
     */
    @Override
    void close();
}
