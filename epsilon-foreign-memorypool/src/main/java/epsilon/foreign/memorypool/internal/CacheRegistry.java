package epsilon.foreign.memorypool.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The thread caches of one pool: the list of the caches whose threads may still use them, which the statistics sum
 * and a reset settles, and a table by thread id through which most threads find their own cache without a
 * {@code ThreadLocal} lookup. Everything here is off the hot path but {@link #slots}, which the hot path reads
 * plainly.
 *
 * <p>A cache whose thread has ended is retired: its free blocks go to the pool ({@code reclaim}), its counts are
 * added to those of the caches retired before, and it leaves the list and its slot. Whether a thread has ended is
 * asked of {@link Thread#isAlive()}, whose false answer also makes everything the thread wrote visible here
 * (JLS 17.4.4), so reading the ended thread's cache needs no more synchronization than the hot path gave it (none).
 * An ended thread's cache is touched by nothing else: the hot paths use a cache only on its own thread. The caches
 * are checked on the pool's slow paths, a few at a time where they are frequent ({@link #register}, which each new
 * thread calls, and {@link #retireSome}, which a miss calls) and all at once where they are rare ({@link #totals},
 * {@link #retireAll}).
 */
public final class CacheRegistry {
    /** The number of slots by thread id, a power of two. */
    public static final int SLOTS = 64;
    /**
     * Listed caches checked by each {@link #register} and {@link #retireSome}. With four checks per cache listed,
     * a sweep round the list ends before the list has grown by a third, and what a sweep leaves is the caches of
     * threads that were alive during it: the list holds at most about twice as many caches as there are live
     * threads using the pool, however many threads come and go.
     */
    static final int CHECKS = 4;
    private static final int SMALLEST_LIST = 16;

    /**
     * Caches by thread id modulo {@link #SLOTS}: a slot is taken by the first thread that needs it and taken over
     * once that thread has ended, and emptied when its cache is retired; a thread whose slot is held by a live one
     * uses the {@code ThreadLocal}. Written under the lock; read racily by the hot path, which sees null or a cache
     * whose (final) thread it compares with its own.
     */
    public final ThreadCache[] slots = new ThreadCache[SLOTS];
    private final ReentrantLock lock = new ReentrantLock();
    private final Consumer<ThreadCache> reclaim;
    /** The counts of every retired cache, summed. */
    private final CacheCounters retired = new CacheCounters();
    private ThreadCache[] caches = new ThreadCache[SMALLEST_LIST];
    private int size;
    /** Where the next few checks start: the list is swept round, a few caches per slow path. */
    private int cursor;

    /**
     * @param reclaim takes the free blocks of an ended thread's cache, under this registry's lock; it must call
     *                nothing that registers or retires
     */
    public CacheRegistry(Consumer<ThreadCache> reclaim) {
        this.reclaim = reclaim;
    }

    /** {@return the slot of {@code thread}'s cache} */
    public static int slotOf(Thread thread) {
        return (int) thread.threadId() & (SLOTS - 1);
    }

    /**
     * Lists the calling thread's new cache and gives it the thread's slot if no live thread holds that; first
     * retires the caches of ended threads among the next few listed.
     */
    public void register(ThreadCache fresh) {
        lock.lock();
        try {
            retire(CHECKS);
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

    /**
     * Retires the caches of ended threads among the next few listed, unless another thread is at the list;
     * {@return whether any was}
     */
    public boolean retireSome() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            return retire(CHECKS) > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Retires the cache of every ended thread. */
    public void retireAll() {
        lock.lock();
        try {
            for (int i = 0; i < size; ) {
                if (caches[i].thread.isAlive()) {
                    i++;
                } else {
                    retireAt(i); // the last cache moves to i, checked next
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return the sum of the counters of every cache, retired or not} Retires those of ended threads first. */
    public CacheCounters totals() {
        lock.lock();
        try {
            retireAll();
            CacheCounters total = new CacheCounters();
            retired.addTo(total);
            for (int i = 0; i < size; i++) {
                caches[i].addTo(total);
            }
            return total;
        } finally {
            lock.unlock();
        }
    }

    /** Settles the counters of every cache, retired or not, after a reset ({@link CacheCounters#settle()}). */
    public void settleAll() {
        lock.lock();
        try {
            retired.settle();
            for (int i = 0; i < size; i++) {
                caches[i].settle();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} with no cache registered or retired meanwhile: a reset or close of the pool. */
    public void exclusively(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the number of caches listed: those of live threads, and of ended ones not yet retired} */
    public int listed() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Checks up to {@code checks} listed caches from the cursor on; {@return how many were retired} */
    private int retire(int checks) {
        int count = 0;
        for (int i = 0; i < checks && size > 0; i++) {
            if (cursor >= size) {
                cursor = 0;
            }
            if (caches[cursor].thread.isAlive()) {
                cursor++;
            } else {
                retireAt(cursor); // the last cache moves to the cursor, checked next
                count++;
            }
        }
        return count;
    }

    private void retireAt(int index) {
        ThreadCache ended = caches[index];
        reclaim.accept(ended);
        ended.addTo(retired);
        caches[index] = caches[--size];
        caches[size] = null;
        int slot = slotOf(ended.thread);
        if (slots[slot] == ended) {
            slots[slot] = null;
        }
        if (caches.length > SMALLEST_LIST && size < caches.length / 4) {
            caches = Arrays.copyOf(caches, caches.length / 2);
        }
    }
}
