package epsilon.foreign.optimize;

import epsilon.foreign.marshalling.ForeignError;

/**
 * A range of bytes that is not inside its segment: a negative offset or length, or one whose end is past the
 * segment's size. Thrown by {@link Optimized} before any byte is read or written; the message names the function,
 * the segment, the offset, the length and the segment's size.
 */
public final class MemoryRangeError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a range outside its segment.
     *
     * @param message      names the function, the segment, the offset, the length and the segment's size
     * @param functionName the C function the call stands for ({@code "memcpy"}, {@code "strlen"}, ...)
     */
    public MemoryRangeError(String message, String functionName) {
        super(message, functionName);
    }
}
