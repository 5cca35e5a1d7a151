package epsilon.foreign.optimize.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The Java side of {@code strlen}: a search for the first zero byte eight bytes at a time, within bounds the
 * caller has checked. Each word is read little-endian whatever the platform, so that its lowest byte is the first
 * in memory: in {@code (v - 0x01..01) & ~v & 0x80..80} the lowest flagged byte is exactly the first zero byte (a
 * borrow can flag a byte only above a real zero, never below one).
 */
public final class WordScan {
    private WordScan() {}

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * {@return the offset of the first zero byte of {@code s} in {@code [from, to)}, or -1 when there is none}
     *
     * @param s    native or heap memory with at least {@code to} bytes
     * @param from the first offset searched
     * @param to   the end of the search, exclusive
     */
    public static long indexOfZero(MemorySegment s, long from, long to) {
        long i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long v = s.get(WORD, i);
            long zeros = (v - ONES) & ~v & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (s.get(ValueLayout.JAVA_BYTE, i) == 0) {
                return i;
            }
        }
        return -1;
    }
}
