package epsilon.foreign.optimize;

import epsilon.foreign.marshalling.ForeignError;

/**
 * Text with no NUL terminator between its start and the end of its segment: C's {@code strlen} would read on into
 * whatever memory follows, so {@link Optimized#strlenOptimized(java.lang.foreign.MemorySegment)} stops at the
 * segment's end and says so instead. The message names the function, the offset and how many bytes were searched.
 */
public final class UnterminatedStringError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports text without a terminator within its segment.
     *
     * @param message      names the function, the offset and the number of bytes searched
     * @param functionName the C function the call stands for ({@code "strlen"})
     */
    public UnterminatedStringError(String message, String functionName) {
        super(message, functionName);
    }
}
