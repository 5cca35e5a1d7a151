package epsilon.foreign.internal;

import java.lang.foreign.MemorySegment;

/** Java primitive arrays as C memory: zero-copy heap segments, or copies whose changes are copied back. */
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

    /**
     * After a call, copies what C wrote into the native copies of primitive array arguments back into the
     * arrays, so {@code memset(bytes, ...)} and {@code read(fd, buffer, n)} behave as in C.
     */
    static void copyBack(Object[] args, Object[] carriers, int lead) {
        for (int i = 0; i < args.length; i++) {
            if (carriers[lead + i] instanceof MemorySegment copy && copy.isNative()) {
                MemorySegment array = heapSegment(args[i]);
                if (array != null) {
                    MemorySegment.copy(copy, 0, array, 0, Math.min(copy.byteSize(), array.byteSize()));
                }
            }
        }
    }
}
