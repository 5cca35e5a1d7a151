package epsilon.foreign.optimize.internal;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.optimize.MemoryRangeError;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The checks of {@code Optimized}, each a compare and a branch or two on the call's path (messages are built only
 * when they throw), and the translation of the JDK's own refusals into {@link ForeignError}s.
 */
public final class Arguments {
    private Arguments() {}

    /**
     * Checks that {@code [offset, offset + length)} lies inside {@code segment}.
     *
     * @param function  the C function the call stands for
     * @param name      the parameter's name
     * @param segment   the segment
     * @param offset    the range's start
     * @param length    the range's length
     * @throws NullPointerException when {@code segment} is null, naming it
     * @throws MemoryRangeError     when the offset or length is negative or the range ends past the segment
     */
    public static void requireRange(String function, String name, MemorySegment segment, long offset, long length) {
        Objects.requireNonNull(segment, name);
        if ((offset | length) < 0 || offset > segment.byteSize() - length) {
            throw new MemoryRangeError(function + "Optimized: " + name + " range offset=" + offset + " length="
                    + length + " is not inside its " + segment.byteSize() + " bytes", function);
        }
    }

    /**
     * Checks that {@code segment} may be written.
     *
     * @param function the C function the call stands for
     * @param name     the parameter's name
     * @param index    the parameter's position in the Java method
     * @param segment  the segment, not null
     * @throws ArgumentTypeError when it is read-only
     */
    public static void requireWritable(String function, String name, int index, MemorySegment segment) {
        if (segment.isReadOnly()) {
            throw new ArgumentTypeError(function + "Optimized: " + name + " is a read-only segment ("
                    + segment.byteSize() + " bytes), and it would be written", function, index);
        }
    }

    /**
     * {@return the {@link ForeignError} for the JDK's refusal of a segment during the work}
     *
     * @param function the C function the call stands for
     * @param rejected the JDK's {@link IllegalStateException} (closed arena) or {@link WrongThreadException}
     * @param names    the names of the segments involved, in the order of {@code segments}
     * @param segments the segments involved
     */
    public static ForeignError refused(String function, RuntimeException rejected, String[] names,
                                       MemorySegment... segments) {
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].scope().isAlive()) {
                return new FreedMemoryError(function + "Optimized: " + names[i]
                        + " is memory that has been freed (its arena is closed)", rejected);
            }
        }
        if (rejected instanceof WrongThreadException) {
            return new ForeignError(function + "Optimized: a segment is confined to another thread: "
                    + rejected.getMessage(), function, null, rejected);
        }
        return new ForeignError(function + "Optimized: refused by the JDK: " + rejected.getMessage(), function, null,
                rejected);
    }
}
