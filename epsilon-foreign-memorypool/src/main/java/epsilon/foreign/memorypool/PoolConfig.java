package epsilon.foreign.memorypool;

/**
 * How a {@link MemoryPool} sizes, keeps and checks its blocks. Start from {@link #defaults()} and change what
 * matters with the {@code with*} methods.
 *
 * @param maxRetainedBytes   free memory the pool keeps for reuse across all size classes; a released block
 *                           beyond it goes back to the system
 * @param maxRetainedPerClass free blocks kept per size class, at most
 * @param threadCacheBlocks  free blocks each thread keeps per size class before handing them to the shared depot;
 *                           a thread that ends hands over what it kept (see {@link MemoryPool})
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
    /**
     * The largest size, and the largest alignment, any pool serves: 2<sup>48</sup> B (256 TiB), the whole
     * address space of a 64-bit process on x86-64 and AArch64 with 4-level page tables, so no system could
     * serve more. A larger request is refused with {@link PoolSizeException} before any arithmetic on it, and
     * with both under it every rounding and sum the pool makes stays far inside a {@code long}. A request
     * under it that the system cannot serve is refused the same way.
     */
    public static final long LARGEST_REQUEST = 1L << 48;
    /**
     * The most free blocks a thread cache may keep per size class: each thread that uses a pool holds an array
     * of this many addresses per class (13 classes of 8 bytes each per block), so a larger number would cost
     * every thread heap memory without making the depot's batches any rarer.
     */
    public static final int LARGEST_THREAD_CACHE = 4096;

    /**
     * Checks that no limit is negative and that {@code threadCacheBlocks} is at most
     * {@link #LARGEST_THREAD_CACHE}.
     *
     * @param maxRetainedBytes    free memory kept for reuse, in bytes
     * @param maxRetainedPerClass free blocks kept per size class
     * @param threadCacheBlocks   free blocks each thread keeps per size class
     * @param zeroOnAcquire       whether every acquired block is zero-filled
     * @param debug               poison released blocks and record where leases were taken
     * @throws IllegalArgumentException when a limit is negative or {@code threadCacheBlocks} is over
     *                                  {@link #LARGEST_THREAD_CACHE}, naming every limit
     */
    public PoolConfig {
        if (maxRetainedBytes < 0 || maxRetainedPerClass < 0 || threadCacheBlocks < 0) {
            throw new IllegalArgumentException("pool limits must not be negative: maxRetainedBytes=" + maxRetainedBytes
                    + " maxRetainedPerClass=" + maxRetainedPerClass + " threadCacheBlocks=" + threadCacheBlocks);
        }
        if (threadCacheBlocks > LARGEST_THREAD_CACHE) {
            throw new IllegalArgumentException("threadCacheBlocks=" + threadCacheBlocks + " is over the largest thread"
                    + " cache, " + LARGEST_THREAD_CACHE + " blocks per size class (PoolConfig.LARGEST_THREAD_CACHE)");
        }
    }

    /** {@return 16 MiB retained, 1024 blocks per class, 32 per thread cache, no zeroing, no debug} */
    public static PoolConfig defaults() {
        return new PoolConfig(16L << 20, 1024, 32, false, false);
    }

    /**
     * {@return this configuration with another retention limit}
     *
     * @param bytes free memory kept for reuse across all size classes
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public PoolConfig withMaxRetainedBytes(long bytes) {
        return new PoolConfig(bytes, maxRetainedPerClass, threadCacheBlocks, zeroOnAcquire, debug);
    }

    /**
     * {@return this configuration with another per-class limit}
     *
     * @param blocks free blocks kept per size class, at most
     * @throws IllegalArgumentException when {@code blocks} is negative
     */
    public PoolConfig withMaxRetainedPerClass(int blocks) {
        return new PoolConfig(maxRetainedBytes, blocks, threadCacheBlocks, zeroOnAcquire, debug);
    }

    /**
     * {@return this configuration with another thread cache size}
     *
     * @param blocks free blocks each thread keeps per size class before handing them to the shared depot
     * @throws IllegalArgumentException when {@code blocks} is negative or over {@link #LARGEST_THREAD_CACHE}
     */
    public PoolConfig withThreadCacheBlocks(int blocks) {
        return new PoolConfig(maxRetainedBytes, maxRetainedPerClass, blocks, zeroOnAcquire, debug);
    }

    /**
     * {@return this configuration with zeroing on every acquisition switched on or off}
     *
     * @param zero whether every acquired block is zero-filled
     */
    public PoolConfig withZeroOnAcquire(boolean zero) {
        return new PoolConfig(maxRetainedBytes, maxRetainedPerClass, threadCacheBlocks, zero, debug);
    }

    /**
     * {@return this configuration with debug mode switched on or off}
     *
     * @param on whether released blocks are poisoned and acquisitions recorded for the leak report
     */
    public PoolConfig withDebug(boolean on) {
        return new PoolConfig(maxRetainedBytes, maxRetainedPerClass, threadCacheBlocks, zeroOnAcquire, on);
    }
}
