package epsilon.foreign.memorypool;

import java.util.Locale;
import java.util.Objects;

/**
 * A snapshot of a pool's counters (Lisp Epsilon's {@code pool-statistics}, with the reuse count right this time:
 * a reuse is an acquisition served by a block released earlier).
 *
 * @param name          the pool's name
 * @param acquisitions  leases handed out, pooled or not
 * @param hits          acquisitions served by a free block (reuses)
 * @param misses        pooled acquisitions that had to get a new block from the system
 * @param bypasses      acquisitions larger than the largest class, served by the system directly
 * @param releases      leases given back
 * @param bytesInUse    bytes of the blocks currently leased
 * @param bytesReserved bytes held from the system: leased plus free
 * @param peakBytesReserved the most bytes held from the system at once: the pool's high-water mark, which bounds
 *                      the most ever leased at once (tracked on reservations, so that acquire and release, the hot
 *                      path, update no shared maximum)
 */
public record PoolStatistics(String name, long acquisitions, long hits, long misses, long bypasses, long releases,
                             long bytesInUse, long bytesReserved, long peakBytesReserved) {

    /**
     * Checks the name.
     *
     * @param name          the pool's name
     * @param acquisitions  leases handed out, pooled or not
     * @param hits          acquisitions served by a free block (reuses)
     * @param misses        pooled acquisitions that had to get a new block from the system
     * @param bypasses      acquisitions larger than the largest class, served by the system directly
     * @param releases      leases given back
     * @param bytesInUse    bytes of the blocks currently leased
     * @param bytesReserved bytes held from the system: leased plus free
     * @param peakBytesReserved the most bytes held from the system at once
     * @throws NullPointerException when {@code name} is null
     */
    public PoolStatistics {
        Objects.requireNonNull(name, "name");
    }

    /** {@return {@code hits / acquisitions}, or 0 before the first acquisition} */
    public double reuseRatio() {
        return acquisitions == 0 ? 0.0 : (double) hits / acquisitions;
    }

    /** {@return the number of leases not yet released} */
    public long outstanding() {
        return acquisitions - releases;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pool '%s': %d acquisitions (%d reused, %d new, %d unpooled), %d released,"
                        + " %d B in use, %d B reserved (peak %d B), reuse ratio %.1f%%", name, acquisitions, hits, misses,
                bypasses, releases, bytesInUse, bytesReserved, peakBytesReserved, 100 * reuseRatio());
    }
}
