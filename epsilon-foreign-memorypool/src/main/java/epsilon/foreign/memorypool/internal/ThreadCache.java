package epsilon.foreign.memorypool.internal;

import java.util.Arrays;

/**
 * One thread's free blocks per size class (their addresses), used without synchronization, and that thread's
 * counters; the pool sums the counters of every cache when asked for statistics. The hot path updates one counter
 * per acquisition and one per release; the others are derived when read.
 */
public final class ThreadCache {
    public final long[][] blocks;
    public final int[] counts = new int[SizeClasses.COUNT];
    /** Addresses moving between this cache and the shared depot, a batch at a time. */
    public final long[] transfer;
    /** The pool generation the cached blocks belong to; a reset makes them the depot's again. */
    public int generation;
    // Counters, written by the owning thread only, without fences: statistics() reads them as a snapshot that
    // is exact once the writing threads are joined or otherwise synchronized with the reader.
    /** Pooled acquisitions on this thread per size class, whatever served them. */
    public final long[] taken = new long[SizeClasses.COUNT];
    /** Pooled releases on this thread per size class. */
    public final long[] returned = new long[SizeClasses.COUNT];
    /** Pooled acquisitions that needed a new block from the system. */
    public long misses;
    /** Acquisitions too large for a class, and their releases. */
    public long bypasses;
    public long bypassReleases;
    /** The thread this cache belongs to. */
    public final Thread thread = Thread.currentThread();

    public ThreadCache(int capacity, int generation) {
        this.blocks = new long[SizeClasses.COUNT][capacity];
        this.transfer = new long[Math.max(1, capacity)];
        this.generation = generation;
    }

    /** Pops a free block of the class; 0 (never a block's address) when there is none. */
    public long take(int sizeClass) {
        int count = counts[sizeClass];
        if (count == 0) {
            return 0;
        }
        counts[sizeClass] = --count;
        return blocks[sizeClass][count];
    }

    /** Pushes a free block of the class; false when the class is full. */
    public boolean offer(int sizeClass, long address) {
        int count = counts[sizeClass];
        long[] free = blocks[sizeClass];
        if (count == free.length) {
            return false;
        }
        free[count] = address;
        counts[sizeClass] = count + 1;
        return true;
    }

    /** Forgets the cached blocks (a reset gave them to the depot) and joins {@code newGeneration}. */
    public void clear(int newGeneration) {
        Arrays.fill(counts, 0);
        generation = newGeneration;
    }

    /** Bytes of pooled blocks leased on this thread minus those released on it. */
    public long bytesInUse() {
        long bytes = 0;
        for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
            bytes += (taken[sizeClass] - returned[sizeClass]) * SizeClasses.blockSize(sizeClass);
        }
        return bytes;
    }

    /**
     * After a reset: every lease of the old generation counts as returned, unpooled ones too. Each cache's counts
     * are overwritten, not added to, so a lease released on another thread than its own is not counted twice:
     * summed over the caches, releases equal acquisitions again.
     */
    public void settle() {
        System.arraycopy(taken, 0, returned, 0, SizeClasses.COUNT);
        bypassReleases = bypasses;
    }
}
