package epsilon.foreign.memorypool.internal;

/**
 * The free blocks of one size class shared by all threads: a stack of addresses under a lock. Threads take and
 * give blocks in batches through their caches, so the lock is taken once per batch, not per acquisition.
 */
public final class Depot {
    private long[] free = new long[64];
    private int count;

    /** Moves up to {@code max} blocks into {@code into} from index 0; returns how many. */
    public synchronized int take(long[] into, int max) {
        int n = Math.min(max, count);
        count -= n;
        System.arraycopy(free, count, into, 0, n);
        return n;
    }

    /** Adds blocks; returns how many it keeps (at most {@code limit} in all); the rest are the caller's to free. */
    public synchronized int give(long[] blocks, int from, int n, int limit) {
        int keep = Math.max(0, Math.min(n, limit - count));
        if (count + keep > free.length) {
            free = java.util.Arrays.copyOf(free, Math.max(free.length * 2, count + keep));
        }
        System.arraycopy(blocks, from, free, count, keep);
        count += keep;
        return keep;
    }

    public synchronized long[] drain() {
        long[] all = java.util.Arrays.copyOf(free, count);
        count = 0;
        return all;
    }

    public synchronized int size() {
        return count;
    }
}
