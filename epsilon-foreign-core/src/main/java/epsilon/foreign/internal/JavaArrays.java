package epsilon.foreign.internal;

import java.lang.foreign.MemorySegment;

/** Java primitive arrays as C memory without a copy: the heap segments critical calls pass. */
public final class JavaArrays {
    private JavaArrays() {}

    /** The array's own storage as a heap segment, or null when {@code value} is not a primitive array. */
    public static MemorySegment heapSegment(Object value) {
        return switch (value) {
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case char[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            case null, default -> null;
        };
    }
}
