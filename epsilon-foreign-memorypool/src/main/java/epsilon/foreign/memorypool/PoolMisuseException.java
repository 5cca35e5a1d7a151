package epsilon.foreign.memorypool;

/**
 * A pool used wrongly: a lease released twice or to another pool, a lease used after its release or after the
 * pool was reset, an acquisition from a closed pool. The message names the pool, the block's address and size.
 */
public final class PoolMisuseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the pool, the block and what was attempted
     */
    public PoolMisuseException(String message) {
        super(message);
    }
}
