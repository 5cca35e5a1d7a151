package epsilon.foreign.memorypool.internal;

/** Powers of two from 16 B (class 0) to 64 KiB (class 12). */
public final class SizeClasses {
    public static final int COUNT = 13;
    private static final int SMALLEST_SHIFT = 4;

    private SizeClasses() {}

    /** The class whose blocks hold {@code size} bytes aligned to {@code alignment}, or -1 when none is large enough. */
    public static int of(long size, long alignment) {
        long needed = Math.max(Math.max(size, alignment), 1L << SMALLEST_SHIFT);
        int shift = 64 - Long.numberOfLeadingZeros(needed - 1);
        int index = shift - SMALLEST_SHIFT;
        return index < COUNT ? index : -1;
    }

    public static long blockSize(int sizeClass) {
        return 1L << (sizeClass + SMALLEST_SHIFT);
    }
}
