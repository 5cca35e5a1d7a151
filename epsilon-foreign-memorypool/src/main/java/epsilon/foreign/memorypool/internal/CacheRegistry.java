package epsilon.foreign.memorypool.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread caches of one pool: the list of them all, which the statistics sum and a reset settles, and a table
 * by thread id through which most threads find their own cache without a {@code ThreadLocal} lookup. Everything
 * here is off the hot path but {@link #slots}, which the hot path reads plainly.
 */
public final class CacheRegistry {
    /** The number of slots by thread id, a power of two. */
    public static final int SLOTS = 64;
    /**
     * Caches by thread id modulo {@link #SLOTS}: a slot is taken by the first thread that needs it and taken over
     * once that thread has ended; a thread whose slot is held by a live one uses the {@code ThreadLocal}. Read
     * racily by the hot path, which sees null or a cache whose (final) thread it compares with its own.
     */
    public final ThreadCache[] slots = new ThreadCache[SLOTS];
    private final ReentrantLock lock = new ReentrantLock();
    private ThreadCache[] caches = new ThreadCache[16];
    private int size;

    /** {@return the slot of {@code thread}'s cache} */
    public static int slotOf(Thread thread) {
        return (int) thread.threadId() & (SLOTS - 1);
    }

    /** Lists the calling thread's new cache, and gives it the thread's slot if no live thread holds that. */
    public void register(ThreadCache fresh) {
        lock.lock();
        try {
            if (size == caches.length) {
                caches = Arrays.copyOf(caches, size * 2);
            }
            caches[size++] = fresh;
            int slot = slotOf(fresh.thread);
            ThreadCache holder = slots[slot];
            if (holder == null || !holder.thread.isAlive()) {
                slots[slot] = fresh;
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return the sum of every cache's counters} */
    public CacheCounters totals() {
        lock.lock();
        try {
            CacheCounters total = new CacheCounters();
            for (int i = 0; i < size; i++) {
                caches[i].addTo(total);
            }
            return total;
        } finally {
            lock.unlock();
        }
    }

    /** Settles every cache's counters after a reset ({@link CacheCounters#settle()}). */
    public void settleAll() {
        lock.lock();
        try {
            for (int i = 0; i < size; i++) {
                caches[i].settle();
            }
        } finally {
            lock.unlock();
        }
    }
}
