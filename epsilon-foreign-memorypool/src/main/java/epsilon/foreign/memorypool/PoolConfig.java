package epsilon.foreign.memorypool;

/**
 * How a {@link MemoryPool} sizes, keeps and checks its blocks. Start from {@link #defaults()} and change what
 * matters with the {@code with*} methods.
 *
 * @param maxRetainedBytes   free memory the pool keeps for reuse across all size classes; a released block
 *                           beyond it goes back to the system
 * @param maxRetainedPerClass free blocks kept per size class, at most
 * @param threadCacheBlocks  free blocks each thread keeps per size class before handing them to the shared depot
 * @param zeroOnAcquire      whether every acquired block is zero-filled (otherwise only {@code acquireZeroed} does)
 * @param debug              poison released blocks with {@code 0xDE} and record where every lease was taken, to
 *                           report leaks at {@link MemoryPool#close()}; also switched on for every pool by
 *                           {@code -Depsilon.memorypool.debug=true}
 */
public record PoolConfig(long maxRetainedBytes, int maxRetainedPerClass, int threadCacheBlocks, boolean zeroOnAcquire,
                         boolean debug) {

    /** Classes are the powers of two from 16 B to 64 KiB; a larger request bypasses the pool. */
    public static final long SMALLEST_CLASS = 16;
    /** The largest pooled block. */
    public static final long LARGEST_CLASS = 64 * 1024;

    public PoolConfig {
        if (maxRetainedBytes < 0 || maxRetainedPerClass < 0 || threadCacheBlocks < 0) {
            throw new IllegalArgumentException("pool limits must not be negative: maxRetainedBytes=" + maxRetainedBytes
                    + " maxRetainedPerClass=" + maxRetainedPerClass + " threadCacheBlocks=" + threadCacheBlocks);
        }
    }

    /** 16 MiB retained, 1024 blocks per class, 32 per thread cache, no zeroing, no debug. */
    public static PoolConfig defaults() {
        return new PoolConfig(16L << 20, 1024, 32, false, false);
    }

    public PoolConfig withMaxRetainedBytes(long bytes) {
        return new PoolConfig(bytes, maxRetainedPerClass, threadCacheBlocks, zeroOnAcquire, debug);
    }

    public PoolConfig withMaxRetainedPerClass(int blocks) {
        return new PoolConfig(maxRetainedBytes, blocks, threadCacheBlocks, zeroOnAcquire, debug);
    }

    public PoolConfig withThreadCacheBlocks(int blocks) {
        return new PoolConfig(maxRetainedBytes, maxRetainedPerClass, blocks, zeroOnAcquire, debug);
    }

    public PoolConfig withZeroOnAcquire(boolean zero) {
        return new PoolConfig(maxRetainedBytes, maxRetainedPerClass, threadCacheBlocks, zero, debug);
    }

    public PoolConfig withDebug(boolean on) {
        return new PoolConfig(maxRetainedBytes, maxRetainedPerClass, threadCacheBlocks, zeroOnAcquire, on);
    }
}
