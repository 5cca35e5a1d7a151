package epsilon.foreign.memorypool;

import epsilon.foreign.memorypool.internal.CacheCounters;
import epsilon.foreign.memorypool.internal.CacheRegistry;
import epsilon.foreign.memorypool.internal.Depot;
import epsilon.foreign.memorypool.internal.NativeBlocks;
import epsilon.foreign.memorypool.internal.SizeClasses;
import epsilon.foreign.memorypool.internal.ThreadCache;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native memory reused instead of allocated: blocks in size classes (powers of two from 16 B to 64 KiB), kept in
 * a per-thread cache over a shared depot, handed out as {@link Lease}s (Lisp Epsilon's memory pool, with its
 * shortfalls fixed: exhaustion is an error rather than nil, releases are checked, reuse is counted right).
 * Requests larger than 64 KiB go straight to the system, each block allocated and freed on its own.
 *
 * {@snippet :
 * try (MemoryPool pool = MemoryPool.create("io")) {
 *     try (Lease lease = pool.acquire(256)) {
 *         MemorySegment buffer = lease.segment();   // 256 bytes, reused across iterations
 *     }
 *     pool.withPooledMemory(4096, page -> page.fill((byte) 0));
 *     try (PooledArena arena = pool.newArena()) {  // a SegmentAllocator for any Panama API
 *         MemorySegment text = arena.allocateFrom("hello");
 *     }
 *     System.out.println(pool.statistics());       // acquisitions, reuse ratio, bytes in use, peak ...
 * }
 * }
 *
 * <p>Thread safety: acquire and release may be called from any thread, a lease may be released by another
 * thread than the one that acquired it. {@link #reset()} and {@link #close()} must not race with other calls
 * on the pool: order them with the pool's users (join the threads, or hand over through a lock or a queue).
 * Each thread keeps its own cache of free blocks, and an acquire + release on it touches no shared state, so
 * threads do not contend; most threads also find their cache without a thread-local lookup.
 *
 * <p>Threads may come and go, platform or virtual, one per task or millions: when a thread that used the pool
 * has ended, the free blocks in its cache go back to the pool's shared store (or to the system, past the
 * retention limits of {@link PoolConfig}), its counts stay in the {@link #statistics()}, and the pool forgets
 * the cache. The pool finds ended threads on its slow paths, never on an acquire or release served by the
 * thread's cache: a few caches are checked each time a new thread first uses the pool and each time a
 * request finds no free block, and all of them by {@link #statistics()} and {@link #trim()}; until then an
 * ended thread's blocks wait in its cache. So a block a thread cached before it ended serves the next thread,
 * and the pool holds caches for at most about twice as many threads as use it at once, not for every thread
 * that ever did.
 *
 * <p>Debug mode ({@link PoolConfig#debug()}, or {@code -Depsilon.memorypool.debug=true} for every pool) poisons
 * released blocks with {@code 0xDE} and records the stack of every acquisition, so that {@link #leakReport()} and
 * {@link #close()} can say where each unreleased lease was taken.
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>Sizes run from 1 byte ({@link PooledArena}: 0) to {@link PoolConfig#LARGEST_REQUEST}, alignments are
 *       powers of two up to that limit: anything else, including a size whose rounding or accounting would
 *       overflow, is a {@link PoolSizeException} (an {@link IllegalArgumentException}) naming the pool, the value
 *       and the limit, before anything is allocated or counted. A request over 64 KiB that the system refuses is
 *       the same exception; a pooled block of at most 64 KiB that the system cannot give means the machine is out
 *       of memory, and is an {@link OutOfMemoryError}, as the JDK's arenas say it.</li>
 *   <li>Misuse of a lease or of the pool is a {@link PoolMisuseException} naming the pool and the block:
 *       releasing twice or to another pool, using or releasing a lease after its release or after a
 *       {@link #reset()} or {@link #close()}, acquiring from a closed pool. A refused release leaves the lease as
 *       it was. A segment kept past a reset or close, or past the release of a lease over 64 KiB, is refused by
 *       the JDK ({@link IllegalStateException}), since its arena has ended; a segment of a smaller lease kept past
 *       its release is not detected (see {@link Lease}).</li>
 *   <li>A null {@code lease}, {@code body}, {@code name} or {@code config} is a {@link NullPointerException}
 *       naming the parameter.</li>
 * </ul>
 * The checks are on the slow paths, or are compares the fast paths make anyway: an acquire or release served by
 * the thread's cache costs what it did.
 */
public final class MemoryPool implements AutoCloseable {
    /** {@code -Depsilon.memorypool.debug=true}: debug mode for every pool. */
    public static final boolean DEBUG_ALL = Boolean.getBoolean("epsilon.memorypool.debug");
    private static final byte POISON = (byte) 0xDE;
    /** Named after the module, as every Epsilon logger is. */
    private static final Logger LOG = LoggerFactory.getLogger("epsilon.foreign.memorypool");

    /**
     * The segments of one generation are scoped to its arena: a reset or close ends them all at once. Leases
     * are slices of {@code memory}, all addresses under that scope, so that handing out a block makes no
     * restricted call.
     */
    private record Generation(int number, Arena scope, MemorySegment memory) {
        Generation(int number) {
            this(number, Arena.ofShared());
        }

        private Generation(int number, Arena scope) {
            this(number, scope, MemorySegment.NULL.reinterpret(Long.MAX_VALUE, scope, null));
        }
    }

    private static final class DefaultHolder {
        static final MemoryPool POOL = new MemoryPool("default", PoolConfig.defaults(), true);
    }

    private final String name;
    private final PoolConfig config;
    private final boolean debug;
    private final boolean isDefault;
    private final Depot[] depots = new Depot[SizeClasses.COUNT];
    private final Map<Long, Integer> blocks = new ConcurrentHashMap<>();
    private final Set<Lease> unpooled = ConcurrentHashMap.newKeySet();
    private final Set<Lease> live = ConcurrentHashMap.newKeySet();
    // The caches of threads that use the pool; an ended thread's free blocks come back through reclaim().
    private final CacheRegistry caches = new CacheRegistry(this::reclaim);
    private final ThreadLocal<ThreadCache> cache;
    // The registry's caches by thread id, read by the hot path to skip the ThreadLocal lookup.
    private final ThreadCache[] directCaches = caches.slots;
    // Bytes in use are counted per thread cache (leased minus released there) and summed when read: no shared
    // counter on the hot path. Unpooled leases are few and large, and counted here.
    private final LongAdder unpooledBytesInUse = new LongAdder();
    // Reserved memory changes only when blocks come from or go back to the system, off the hot path.
    private final AtomicLong bytesReserved = new AtomicLong();
    private final AtomicLong peakBytesReserved = new AtomicLong();
    private final AtomicLong depotBytes = new AtomicLong();
    // Read plainly on the hot paths (a volatile read there costs about a sixth of an acquire + release): reset
    // and close must not race with other calls, so the caller's own synchronization publishes them. A caller that
    // races anyway gets no crash: a stale lease's segment belongs to the ended generation's arena, and the JDK
    // refuses access to it.
    private Generation current;

    private MemoryPool(String name, PoolConfig config, boolean isDefault) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.debug = config.debug() || DEBUG_ALL;
        this.isDefault = isDefault;
        for (int i = 0; i < depots.length; i++) {
            depots[i] = new Depot();
        }
        this.current = new Generation(0);
        this.cache = ThreadLocal.withInitial(() -> {
            Generation generation = current;
            int number = generation == null ? -1 : generation.number();
            ThreadCache fresh = new ThreadCache(config.threadCacheBlocks(), number);
            caches.register(fresh);
            return fresh;
        });
    }

    /**
     * {@return a new pool with the default configuration}
     *
     * @param name names the pool in statistics, logs and misuse messages
     */
    public static MemoryPool create(String name) {
        return create(name, PoolConfig.defaults());
    }

    /**
     * {@return a new pool with its own configuration}
     *
     * @param name   names the pool in statistics, logs and misuse messages
     * @param config its limits, zeroing and debug mode
     */
    public static MemoryPool create(String name, PoolConfig config) {
        return new MemoryPool(name, config, false);
    }

    /** {@return the pool shared by everything that does not make its own} It can be reset but not closed. */
    public static MemoryPool defaultPool() {
        return DefaultHolder.POOL;
    }

    /** {@return the name given at creation} */
    public String name() {
        return name;
    }

    /** {@return the configuration given at creation} */
    public PoolConfig config() {
        return config;
    }

    /**
     * {@return the size of the block that serves a request of {@code size} bytes, or {@code size} itself when
     * such a request bypasses the pool}
     *
     * @param size a request's size in bytes, from 1 to {@link PoolConfig#LARGEST_REQUEST}
     * @throws PoolSizeException when no pool serves {@code size}, as {@link #acquire(long)} would refuse it
     */
    public static long blockSizeFor(long size) {
        checkRequest("MemoryPool.blockSizeFor", size, 1, 1);
        int sizeClass = SizeClasses.of(size, 1);
        return sizeClass < 0 ? size : SizeClasses.blockSize(sizeClass);
    }

    // ---- acquire and release -------------------------------------------------------------------------

    /**
     * {@return a lease of {@code size} bytes aligned to 16} (Lisp {@code pool-allocate}.)
     *
     * @param size the number of bytes, from 1 to {@link PoolConfig#LARGEST_REQUEST}
     * @throws PoolSizeException   when {@code size} is out of that range, or the system refuses a block that large
     * @throws PoolMisuseException when the pool is closed
     */
    public Lease acquire(long size) {
        return acquire(size, 16, config.zeroOnAcquire());
    }

    /**
     * {@return a lease of {@code size} bytes aligned to {@code alignment}}
     *
     * @param size      the number of bytes, from 1 to {@link PoolConfig#LARGEST_REQUEST}
     * @param alignment a power of two, at most {@link PoolConfig#LARGEST_REQUEST}
     * @throws PoolSizeException   when {@code size} or {@code alignment} is out of range, or the system refuses a
     *                             block that large
     * @throws PoolMisuseException when the pool is closed
     */
    public Lease acquire(long size, long alignment) {
        return acquire(size, alignment, config.zeroOnAcquire());
    }

    /**
     * {@return a lease of {@code size} zero-filled bytes aligned to 16}
     *
     * @param size the number of bytes, from 1 to {@link PoolConfig#LARGEST_REQUEST}
     * @throws PoolSizeException   when {@code size} is out of that range, or the system refuses a block that large
     * @throws PoolMisuseException when the pool is closed
     */
    public Lease acquireZeroed(long size) {
        return acquire(size, 16, true);
    }

    // The hot paths (a cached block on the thread that holds the cache) are kept small so that the JIT inlines
    // them into the caller, where the lease and its segment need no heap allocation at all; everything else
    // (first use, reset, depot, system, unpooled sizes, zeroing, debug, misuse) is in the slow methods.

    private Lease acquire(long size, long alignment, boolean zero) {
        Generation generation = current;
        if (generation != null && !zero && !debug && size > 0 && alignment > 0 && (alignment & (alignment - 1)) == 0) {
            Thread thread = Thread.currentThread();
            ThreadCache local = directCaches[(int) thread.threadId() & (CacheRegistry.SLOTS - 1)];
            if (local == null || local.thread != thread) {
                local = cache.get();
            }
            int sizeClass = SizeClasses.of(size, alignment);
            if (sizeClass >= 0 && local.generation == generation.number() && local.counts[sizeClass] > 0) {
                local.taken[sizeClass]++;
                return new Lease(this, generation.memory(), local.take(sizeClass), size, sizeClass,
                        generation.number(), null, local, null);
            }
        }
        return acquireSlowly(size, alignment, zero);
    }

    private Lease acquireSlowly(long size, long alignment, boolean zero) {
        if (!serves(size, alignment, 1)) {
            throw refusal("pool '" + name + "'", size, alignment, 1);
        }
        Generation generation = current;
        if (generation == null) {
            throw new PoolMisuseException("pool '" + name + "' is closed: cannot acquire " + size + " B");
        }
        ThreadCache local = localCache(generation);
        int sizeClass = SizeClasses.of(size, alignment);
        Lease lease;
        if (sizeClass < 0) {
            // From the C allocator rather than Arena.allocate, whose refusal is an OutOfMemoryError: a NULL from
            // aligned_alloc is a size this system cannot serve, said as such.
            long address = NativeBlocks.allocate(size, alignment);
            if (address == 0) {
                throw new PoolSizeException("pool '" + name + "' cannot serve size=" + size + " B aligned to "
                        + alignment + ": the system refused a block that large (requests over "
                        + PoolConfig.LARGEST_CLASS + " B are allocated on their own)");
            }
            local.bypasses++;
            Arena own = Arena.ofShared();
            MemorySegment memory = MemorySegment.ofAddress(address).reinterpret(size, own, NativeBlocks::free);
            if (zero) {
                memory.fill((byte) 0);
            }
            lease = new Lease(this, memory, address, size, -1, generation.number(), own, null, trace());
            unpooled.add(lease);
            reserve(size);
            unpooledBytesInUse.add(size);
        } else {
            long address = takeBlock(local, sizeClass);
            local.taken[sizeClass]++;
            lease = new Lease(this, generation.memory(), address, size, sizeClass, generation.number(), null, local,
                    trace());
            if (zero) {
                lease.segment().fill((byte) 0);
            }
        }
        if (debug) {
            live.add(lease);
        }
        return lease;
    }

    /** A free block of the class from the thread cache, else a batch from the depot, else a new one. */
    private long takeBlock(ThreadCache local, int sizeClass) {
        long address = local.take(sizeClass);
        if (address != 0) {
            return address;
        }
        int capacity = local.blocks[sizeClass].length;
        int batch = Math.max(1, capacity / 2);
        int count = depots[sizeClass].take(local.transfer, batch);
        if (count == 0 && caches.retireSome()) { // ended threads' free blocks before new ones from the system
            count = depots[sizeClass].take(local.transfer, batch);
        }
        depotBytes.addAndGet(-count * SizeClasses.blockSize(sizeClass));
        if (capacity == 0) { // no thread cache: the depot's block, if any, goes straight to the caller
            return count > 0 ? local.transfer[0] : newBlock(local, sizeClass);
        }
        System.arraycopy(local.transfer, 0, local.blocks[sizeClass], 0, count);
        local.counts[sizeClass] = count;
        address = local.take(sizeClass);
        return address != 0 ? address : newBlock(local, sizeClass);
    }

    private long newBlock(ThreadCache local, int sizeClass) {
        local.misses++;
        long blockSize = SizeClasses.blockSize(sizeClass);
        long address = NativeBlocks.allocate(blockSize, blockSize);
        if (address == 0) {
            throw new OutOfMemoryError("pool '" + name + "': the system refused a block of " + blockSize + " B");
        }
        blocks.put(address, sizeClass);
        reserve(blockSize);
        return address;
    }

    /**
     * Gives a lease's block back (Lisp {@code pool-free}); {@link Lease#close()} does the same.
     *
     * @param lease a lease of this pool, not yet released
     * @throws NullPointerException when {@code lease} is null
     * @throws PoolMisuseException  when the lease belongs to another pool, was already released, or predates a
     *                              reset or close of this pool
     */
    public void release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        Generation generation = current;
        // A refused release changes nothing: the lease is marked released only once every check has passed.
        if (lease.pool != this || generation == null || generation.number() != lease.generation
                || !lease.markReleased()) {
            throw refuseRelease(lease);
        }
        ThreadCache owner = lease.owner;
        if (owner != null && !debug && owner.thread == Thread.currentThread()
                && owner.offer(lease.sizeClass, lease.address)) {
            owner.returned[lease.sizeClass]++;
            return;
        }
        releaseSlowly(lease);
    }

    /** Why a lease cannot be released: another pool's, released already, or from before a reset or close. */
    private PoolMisuseException refuseRelease(Lease lease) {
        if (lease.pool != this) {
            return wrongPool(lease);
        }
        if (lease.isReleased()) {
            return new PoolMisuseException("lease " + lease.describe() + " of pool '" + name + "' released twice");
        }
        return stale(lease, "release");
    }

    private PoolMisuseException wrongPool(Lease lease) {
        return new PoolMisuseException("lease " + lease.describe() + " belongs to pool '" + lease.pool.name()
                + "', not to pool '" + name + "'");
    }

    /** A lease of the current generation, already marked released. */
    private void releaseSlowly(Lease lease) {
        if (debug) {
            live.remove(lease);
        }
        if (lease.sizeClass < 0) {
            unpooled.remove(lease);
            long size = lease.byteSize();
            lease.ownArena.close();
            bytesReserved.addAndGet(-size);
            unpooledBytesInUse.add(-size);
            localCache(current).bypassReleases++;
            return;
        }
        int sizeClass = lease.sizeClass;
        if (debug) {
            MemorySegment.ofAddress(lease.address).reinterpret(SizeClasses.blockSize(sizeClass)).fill(POISON);
        }
        ThreadCache local = localCache(current);
        local.returned[sizeClass]++;
        if (!local.offer(sizeClass, lease.address)) {
            flushHalf(local, sizeClass);
            if (!local.offer(sizeClass, lease.address)) {
                giveBack(sizeClass, new long[] {lease.address}, 0, 1); // a cache of capacity 0
            }
        }
    }

    /** Moves the older half of a full thread cache to the depot (or the system). */
    private void flushHalf(ThreadCache local, int sizeClass) {
        int count = local.counts[sizeClass];
        int move = (count + 1) / 2;
        giveBack(sizeClass, local.blocks[sizeClass], 0, move);
        System.arraycopy(local.blocks[sizeClass], move, local.blocks[sizeClass], 0, count - move);
        local.counts[sizeClass] = count - move;
    }

    /** Blocks into the depot within the retention limits; the rest back to the system. */
    private void giveBack(int sizeClass, long[] addresses, int from, int n) {
        long blockSize = SizeClasses.blockSize(sizeClass);
        long room = Math.max(0, (config.maxRetainedBytes() - depotBytes.get()) / blockSize);
        int limit = (int) Math.min(config.maxRetainedPerClass(), depots[sizeClass].size() + room);
        int kept = depots[sizeClass].give(addresses, from, n, limit);
        depotBytes.addAndGet(kept * blockSize);
        for (int i = from + kept; i < from + n; i++) {
            freeBlock(addresses[i], blockSize);
        }
    }

    /**
     * The free blocks of a cache whose thread has ended into the depots, within the retention limits, the rest
     * back to the system; nothing when a reset or close has taken them already. Called by the registry, under its
     * lock, when it retires the cache.
     */
    private void reclaim(ThreadCache ended) {
        Generation generation = current;
        if (generation != null && ended.generation == generation.number()) {
            for (int sizeClass = 0; sizeClass < SizeClasses.COUNT; sizeClass++) {
                int count = ended.counts[sizeClass];
                if (count > 0) {
                    giveBack(sizeClass, ended.blocks[sizeClass], 0, count);
                }
            }
        }
        ended.clear(-1);
    }

    private void freeBlock(long address, long blockSize) {
        blocks.remove(address);
        NativeBlocks.free(address);
        bytesReserved.addAndGet(-blockSize);
    }

    // ---- scoped forms ------------------------------------------------------------------------------------

    /**
     * Runs {@code body} with {@code size} pooled bytes, released after (Lisp {@code with-pooled-memory}).
     *
     * @param size the number of bytes, as {@link #acquire(long)} takes it
     * @param body what to do with them; the segment must not be used after it returns
     * @throws NullPointerException when {@code body} is null (checked before anything is acquired)
     * @throws PoolSizeException    as {@link #acquire(long)} does
     * @throws PoolMisuseException  when the pool is closed
     */
    public void withPooledMemory(long size, Consumer<MemorySegment> body) {
        Objects.requireNonNull(body, "body");
        try (Lease lease = acquire(size)) {
            body.accept(lease.segment());
        }
    }

    /**
     * As {@link #withPooledMemory(long, Consumer)}, returning what {@code body} returns.
     *
     * @param <R>  the result's type
     * @param size the number of bytes, as {@link #acquire(long)} takes it
     * @param body what to do with them; the segment must not be used after it returns
     * @return what {@code body} returned
     * @throws NullPointerException when {@code body} is null (checked before anything is acquired)
     * @throws PoolSizeException    as {@link #acquire(long)} does
     * @throws PoolMisuseException  when the pool is closed
     */
    public <R> R applyWithPooledMemory(long size, Function<MemorySegment, R> body) {
        Objects.requireNonNull(body, "body");
        try (Lease lease = acquire(size)) {
            return body.apply(lease.segment());
        }
    }

    /** {@return a {@code SegmentAllocator} over this pool whose segments all return to it when it closes} */
    public PooledArena newArena() {
        return new PooledArena(this);
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------

    /**
     * Every block back to free (Lisp {@code pool-reset}), whoever holds it: outstanding leases become invalid
     * ({@link Lease#segment()} and release throw), and segments taken from them are refused by the JDK.
     *
     * @throws PoolMisuseException when the pool is closed
     */
    public synchronized void reset() {
        Generation old = requireOpen("reset");
        caches.exclusively(() -> resetFrom(old));
    }

    /** Under the registry's lock, so that no ended thread's cache is retired halfway through. */
    private void resetFrom(Generation old) {
        current = new Generation(old.number() + 1);
        old.scope().close();
        for (Lease lease : unpooled) {
            lease.ownArena.close();
            bytesReserved.addAndGet(-lease.byteSize());
        }
        unpooled.clear();
        live.clear();
        unpooledBytesInUse.reset();
        caches.settleAll();
        Map<Integer, List<Long>> byClass = new java.util.HashMap<>();
        blocks.forEach((address, sizeClass) -> byClass.computeIfAbsent(sizeClass, c -> new ArrayList<>()).add(address));
        for (int sizeClass = 0; sizeClass < depots.length; sizeClass++) {
            depots[sizeClass].drain();
        }
        depotBytes.set(0);
        byClass.forEach((sizeClass, addresses) -> giveBack(sizeClass,
                addresses.stream().mapToLong(Long::longValue).toArray(), 0, addresses.size()));
    }

    /**
     * Returns every retained free block to the system, with those cached by threads that have ended; leased blocks,
     * and those cached by live threads, are untouched.
     *
     * @throws PoolMisuseException when the pool is closed
     */
    public synchronized void trim() {
        requireOpen("trim");
        caches.retireAll(); // ended threads' free blocks are retained too
        for (int sizeClass = 0; sizeClass < depots.length; sizeClass++) {
            long blockSize = SizeClasses.blockSize(sizeClass);
            for (long address : depots[sizeClass].drain()) {
                freeBlock(address, blockSize);
            }
        }
        depotBytes.set(0);
    }

    /**
     * Returns all memory to the system (Lisp {@code pool-destroy}); idempotent. Outstanding leases become invalid
     * and their segments are refused by the JDK. In debug mode, unreleased leases are logged with where they were
     * acquired.
     *
     * @throws PoolMisuseException for the {@link #defaultPool()}, which is shared and can only be reset
     */
    @Override
    public synchronized void close() {
        if (isDefault) {
            throw new PoolMisuseException("the default pool is shared and cannot be closed; reset() it instead");
        }
        Generation last = current;
        if (last == null) {
            return;
        }
        if (debug && !live.isEmpty()) {
            LOG.warn(leakReport());
        }
        caches.exclusively(() -> closeFrom(last));
    }

    /** Under the registry's lock, so that no ended thread's cache is retired halfway through. */
    private void closeFrom(Generation last) {
        current = null;
        last.scope().close();
        unpooled.forEach(lease -> lease.ownArena.close());
        unpooled.clear();
        blocks.keySet().forEach(NativeBlocks::free);
        blocks.clear();
        for (Depot depot : depots) {
            depot.drain();
        }
        bytesReserved.set(0);
        unpooledBytesInUse.reset();
        depotBytes.set(0);
        caches.retireAll(); // their blocks are freed: only their counts are kept
    }

    /** {@return whether {@link #close()} has been called} */
    public boolean isClosed() {
        return current == null;
    }

    // ---- statistics ----------------------------------------------------------------------------------------

    /**
     * {@return a snapshot of the counters} Exact once the threads that used the pool have been joined. Threads that
     * have ended count as they did; their caches' free blocks go back to the pool first (see the class
     * description).
     */
    public PoolStatistics statistics() {
        CacheCounters total = caches.totals();
        long taken = total.takenTotal();
        return new PoolStatistics(name, taken + total.bypasses, taken - total.misses, total.misses, total.bypasses,
                total.returnedTotal() + total.bypassReleases, unpooledBytesInUse.sum() + total.bytesInUse(),
                bytesReserved.get(), peakBytesReserved.get());
    }

    /** Logs {@link #statistics()} at INFO through SLF4J (logger {@code epsilon.foreign.memorypool}). */
    public void logStatistics() {
        LOG.info("{}", statistics());
    }

    /** {@return the statistics plus the free blocks retained per size class} (Lisp's efficiency report.) */
    public String efficiencyReport() {
        StringBuilder report = new StringBuilder(statistics().toString()).append('\n');
        for (int sizeClass = 0; sizeClass < depots.length; sizeClass++) {
            int free = depots[sizeClass].size();
            if (free > 0) {
                report.append(String.format("  %6d B blocks: %d free in the depot%n", SizeClasses.blockSize(sizeClass),
                        free));
            }
        }
        return report.toString();
    }

    /** {@return in debug mode, every unreleased lease with the stack of its acquisition; empty otherwise} */
    public String leakReport() {
        if (live.isEmpty()) {
            return "";
        }
        StringBuilder report = new StringBuilder("pool '" + name + "': " + live.size() + " lease(s) never released:\n");
        for (Lease lease : live) {
            report.append("  ").append(lease.describe()).append(", acquired at:\n");
            for (StackTraceElement frame : lease.acquiredAt.getStackTrace()) {
                report.append("      at ").append(frame).append('\n');
            }
        }
        return report.toString();
    }

    // ---- internals -----------------------------------------------------------------------------------------

    /** {@return the number of thread caches listed: of live threads, and of ended ones not yet retired} */
    int threadCaches() {
        return caches.listed();
    }

    private ThreadCache localCache(Generation generation) {
        ThreadCache local = cache.get();
        if (local.generation != generation.number()) {
            local.clear(generation.number()); // its blocks were given back to the depots by reset()
        }
        return local;
    }

    private void reserve(long bytes) {
        long now = bytesReserved.addAndGet(bytes);
        long peak = peakBytesReserved.get();
        while (now > peak && !peakBytesReserved.compareAndSet(peak, now)) {
            peak = peakBytesReserved.get();
        }
    }

    private Throwable trace() {
        return debug ? new Throwable("lease acquired") : null;
    }

    /**
     * Refuses a size below {@code smallest} or above {@link PoolConfig#LARGEST_REQUEST}, and an alignment that is
     * not a power of two within that limit; {@code who} starts the message ({@code pool 'io'}).
     */
    static void checkRequest(String who, long size, long alignment, long smallest) {
        if (!serves(size, alignment, smallest)) {
            throw refusal(who, size, alignment, smallest);
        }
    }

    /** Whether a size from {@code smallest} and an alignment are both within what any pool serves. */
    static boolean serves(long size, long alignment, long smallest) {
        return size >= smallest && size <= PoolConfig.LARGEST_REQUEST && alignment > 0
                && alignment <= PoolConfig.LARGEST_REQUEST && (alignment & (alignment - 1)) == 0;
    }

    /** The error for a request that {@link #serves} refuses: the size first, else the alignment. */
    static PoolSizeException refusal(String who, long size, long alignment, long smallest) {
        if (size < smallest || size > PoolConfig.LARGEST_REQUEST) {
            return new PoolSizeException(who + " cannot serve size=" + size + " B: sizes run from " + smallest
                    + " B to " + PoolConfig.LARGEST_REQUEST + " B (PoolConfig.LARGEST_REQUEST)");
        }
        return new PoolSizeException(who + " cannot serve alignment=" + alignment + ": alignments are powers of"
                + " two from 1 to " + PoolConfig.LARGEST_REQUEST + " (PoolConfig.LARGEST_REQUEST)");
    }

    private Generation requireOpen(String action) {
        Generation generation = current;
        if (generation == null) {
            throw new PoolMisuseException("pool '" + name + "' is closed: cannot " + action);
        }
        return generation;
    }

    /** Whether leases of {@code generation} are still valid: no reset or close since. */
    boolean isCurrent(int generation) {
        Generation live = current;
        return live != null && live.number() == generation;
    }

    /** The error for a lease that predates the last reset or close. */
    PoolMisuseException stale(Lease lease, String action) {
        String why = current == null ? "' is closed" : "' was reset after it was acquired";
        return new PoolMisuseException("cannot " + action + " lease " + lease.describe() + ": pool '" + name + why);
    }

    @Override
    public String toString() {
        return "MemoryPool[" + name + (isClosed() ? ", closed" : "") + "]";
    }
}
