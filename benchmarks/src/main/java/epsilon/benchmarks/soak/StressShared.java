package epsilon.benchmarks.soak;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.Library;
import epsilon.foreign.NativeType;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.memorypool.Lease;
import epsilon.foreign.memorypool.MemoryPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** What every stress thread shares: one pool, one callback, one library and what was resolved from it. */
final class StressShared implements AutoCloseable {
    static final String ADLER32_PROTOTYPE =
            "unsigned long adler32(unsigned long adler, const unsigned char *buf, unsigned int len)";
    /** The shared library, under the name every thread uses. */
    static final String LIBRARY = "z";
    /** A second handle of the same file: a distinct {@code Library} that the closer thread closes and reopens. */
    static final String CHURNED_LIBRARY = "libz.so.1";
    /** Random bytes that pooled memory is filled from. */
    static final byte[] PATTERN = new byte[80_000];

    static {
        new Random(7).nextBytes(PATTERN);
    }

    /** The C library functions the stress calls through a bound interface. */
    public interface Libc {
        @NativeType("size_t")
        long strlen(String text);

        void qsort(MemorySegment base, @NativeType("size_t") long count, @NativeType("size_t") long size,
                   @NativeType("int (*)(const void *, const void *)") Callback compare);
    }

    /** What the shared comparator throws on a negative element: the marker of the thread that planted it. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int marker;

        InjectedFailure(int marker) {
            super("planted failure " + marker, null, false, false);
            this.marker = marker;
        }
    }

    /** A lease on its way from one thread to another, with what the receiver must find in it. */
    record Handoff(Lease lease, long token, long crc, String from) {}

    final MemoryPool pool = MemoryPool.create("stress");
    final Library library = Foreign.libOpen(LIBRARY);
    final ForeignFunction crc32 = Foreign.defshared(CallLevels.CRC32_PROTOTYPE, LIBRARY);
    final Libc libc = Foreign.bind(Libc.class, "c");
    final ConcurrentLinkedQueue<Handoff> handoffs = new ConcurrentLinkedQueue<>();
    final boolean churn;
    final boolean control;
    volatile boolean stop;

    private final LongAdder upcalls = new LongAdder();
    private final ThreadLocal<long[]> upcallsHere = ThreadLocal.withInitial(() -> new long[1]);
    /** The one callback all threads pass to qsort: counts its calls, and throws on a planted marker. */
    final Callback comparator = Callbacks.of(Comparator.class, (Comparator<MemorySegment>) (a, b) -> {
        upcalls.increment();
        upcallsHere.get()[0]++;
        int x = a.get(ValueLayout.JAVA_INT, 0);
        int y = b.get(ValueLayout.JAVA_INT, 0);
        if (x < 0 || y < 0) {
            throw new InjectedFailure(Math.min(x, y));
        }
        return Integer.compare(x, y);
    }, CallLevels.INT_COMPARATOR);

    StressShared(boolean churn, boolean control) {
        this.churn = churn;
        this.control = control;
    }

    /** Comparator calls counted by the comparator, across threads. */
    long upcalls() {
        return upcalls.sum();
    }

    /** Comparator calls C made on the calling thread. */
    long upcallsOnThisThread() {
        return upcallsHere.get()[0];
    }

    @Override
    public void close() {
        comparator.close();
        pool.close();
    }
}
