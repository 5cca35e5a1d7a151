package epsilon.foreign.memorypool;

/**
 * A size or alignment the pool cannot serve: a size below the least a request may ask for (1 byte for
 * {@link MemoryPool#acquire(long)}, 0 for a {@link PooledArena}) or above {@link PoolConfig#LARGEST_REQUEST}, an
 * alignment that is not a power of two up to that limit, an element count whose product overflows it, or a size
 * within it that the system refused to allocate. The message names the pool, the size (or alignment, or count)
 * and the limit.
 *
 * <p>A subclass of {@link IllegalArgumentException}, which is what the JDK's
 * {@link java.lang.foreign.SegmentAllocator#allocate(long, long)} contract promises for a negative size or a bad
 * alignment, so that code written against any allocator catches it. The pool's other misuse, of a lease or of a
 * closed pool, is a {@link PoolMisuseException}.
 */
public final class PoolSizeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the pool, the size or alignment refused and the limit
     */
    public PoolSizeException(String message) {
        super(message);
    }
}
