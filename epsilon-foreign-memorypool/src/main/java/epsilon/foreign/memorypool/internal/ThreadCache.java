package epsilon.foreign.memorypool.internal;

/**
 * One thread's free blocks per size class, used without synchronization, and that thread's counters; the pool
 * sums the counters of every cache when asked for statistics.
 */
public final class ThreadCache {
    public final long[][] blocks;
    public final int[] counts = new int[SizeClasses.COUNT];
    /** The pool generation the cached blocks belong to; a reset makes them the depot's again. */
    public int generation;
    // Counters, written by the owning thread only, without fences: statistics() reads them as a snapshot that
    // is exact once the writing threads are joined or otherwise synchronized with the reader.
    public long acquisitions;
    public long hits;
    public long misses;
    public long bypasses;
    public long releases;
    /** Bytes of pooled blocks leased by, and returned through, this thread. */
    public long bytesLeased;
    public long bytesReturned;
    /** The thread this cache belongs to. */
    public final Thread thread = Thread.currentThread();

    public ThreadCache(int capacity, int generation) {
        this.blocks = new long[SizeClasses.COUNT][capacity];
        this.generation = generation;
    }

    public void clear(int newGeneration) {
        java.util.Arrays.fill(counts, 0);
        generation = newGeneration;
    }
}
