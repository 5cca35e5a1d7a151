package epsilon.foreign.memorypool.internal;

import java.util.Arrays;

/**
 * One thread's free blocks per size class (their addresses), used without synchronization, and that thread's
 * counters ({@link CacheCounters}); the pool sums the counters of every cache when asked for statistics.
 */
public final class ThreadCache extends CacheCounters {
    public final long[][] blocks;
    public final int[] counts = new int[SizeClasses.COUNT];
    /** Addresses moving between this cache and the shared depot, a batch at a time. */
    public final long[] transfer;
    /** The pool generation the cached blocks belong to; a reset makes them the depot's again. */
    public int generation;
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
}
