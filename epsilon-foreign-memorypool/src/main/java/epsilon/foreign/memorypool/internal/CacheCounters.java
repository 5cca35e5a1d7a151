package epsilon.foreign.memorypool.internal;

/**
 * What a thread cache counts, one counter per direction; everything else in the statistics is derived from these
 * when they are read. A cache's counters are written by its owning thread only, without fences: the statistics
 * read them as a snapshot that is exact once the writing threads are joined or otherwise synchronized with the
 * reader.
 */
public class CacheCounters {
    /** Pooled acquisitions per size class, whatever served them. */
    public final long[] taken = new long[SizeClasses.COUNT];
    /** Pooled releases per size class. */
    public final long[] returned = new long[SizeClasses.COUNT];
    /** Pooled acquisitions that needed a new block from the system. */
    public long misses;
    /** Acquisitions too large for a class, and their releases. */
    public long bypasses;
    public long bypassReleases;

    /** Adds these counts to {@code total}'s. */
    public void addTo(CacheCounters total) {
        for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
            total.taken[sizeClass] += taken[sizeClass];
            total.returned[sizeClass] += returned[sizeClass];
        }
        total.misses += misses;
        total.bypasses += bypasses;
        total.bypassReleases += bypassReleases;
    }

    /** Pooled acquisitions, all classes. */
    public long takenTotal() {
        long sum = 0;
        for (long n : taken) {
            sum += n;
        }
        return sum;
    }

    /** Pooled releases, all classes. */
    public long returnedTotal() {
        long sum = 0;
        for (long n : returned) {
            sum += n;
        }
        return sum;
    }

    /** Bytes of pooled blocks leased minus those released. */
    public long bytesInUse() {
        long bytes = 0;
        for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
            bytes += (taken[sizeClass] - returned[sizeClass]) * SizeClasses.blockSize(sizeClass);
        }
        return bytes;
    }

    /**
     * After a reset: every lease of the old generation counts as returned, unpooled ones too. The counts are
     * overwritten, not added to, so a lease released on another thread than its own is not counted twice: summed
     * over the caches, releases equal acquisitions again.
     */
    public void settle() {
        System.arraycopy(taken, 0, returned, 0, SizeClasses.COUNT);
        bypassReleases = bypasses;
    }
}
