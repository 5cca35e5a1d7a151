package epsilon.benchmarks.soak;

import epsilon.benchmarks.soak.StressShared.Handoff;
import epsilon.benchmarks.soak.StressShared.InjectedFailure;
import epsilon.foreign.Foreign;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.memorypool.Lease;
import epsilon.foreign.memorypool.PooledArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * One stress thread: rounds of {@link StressOp}s over the shared pool, callback and library until told to stop,
 * each operation's result checked and its outcome counted. Its counters are read once the thread has been joined.
 */
final class StressWorker implements Runnable {
    private static final long[] SIZES = {16, 100, 256, 1000, 4096, 20_000, 65_536};
    private static final long UNPOOLED_SIZE = 70_000;
    private static final int SORTED = 16;
    private static final String[] TEXTS = {"", "stress", "épsilon", "日本語のテキスト", "x".repeat(300)};
    private static final int MAX_MESSAGES = 5;
    /** Returned by an operation that ended in the documented error its race allows. */
    private static final String DOCUMENTED = new String("documented");

    private final StressShared shared;
    private final int index;
    private final String name;
    private final Random random;
    private final long[] attempted = new long[StressOp.values().length];
    private final long[] ok = new long[StressOp.values().length];
    private final long[] documented = new long[StressOp.values().length];
    private final long[] unexpected = new long[StressOp.values().length];
    private final List<String> messages = new ArrayList<>();
    private long iterations;
    private long checksumC;
    private long checksumJava;
    private long acquisitions;
    private long handedOff;
    private long received;
    private long upcalls;
    /** In a control run, worker 0 keeps this lease and never releases it. */
    @SuppressWarnings("unused")
    private Lease lost;

    StressWorker(StressShared shared, int index) {
        this.shared = shared;
        this.index = index;
        this.name = "stress-" + index;
        this.random = new Random(index);
    }

    String name() {
        return name;
    }

    @FunctionalInterface
    private interface Operation {
        /** {@return null when all is right, {@link #DOCUMENTED}, or what was wrong} */
        String run() throws Throwable;
    }

    @Override
    public void run() {
        if (shared.control && index == 0) {
            lost = shared.pool.acquire(64);
            acquisitions++;
        }
        while (!shared.stop) {
            long round = iterations;
            op(StressOp.POOLED_CRC32, () -> pooledCrc32(round));
            op(StressOp.ADLER32_BY_NAME, () -> adler32ByName(round));
            op(StressOp.QSORT_BY_NAME, () -> sort(false, 0));
            op(StressOp.QSORT_BOUND, () -> sort(true, 0));
            op(StressOp.STRLEN_BOUND, () -> strlenBound(round));
            op(StressOp.LOOKUP, this::lookup);
            if (round % 4 == 0) {
                op(StressOp.HANDOFF, () -> handoff(round));
            }
            if (round % 32 == 0) {
                op(StressOp.CALLBACK_FAILURE, () -> callbackFailure(round));
            }
            if (round % 64 == 0) {
                op(StressOp.MISUSE, () -> misuse(round));
            }
            if (shared.churn) {
                op(StressOp.CHURNED_LIBRARY, () -> churnedLibrary(round));
            }
            iterations++;
        }
        upcalls = shared.upcallsOnThisThread();
    }

    private void op(StressOp op, Operation operation) {
        int k = op.ordinal();
        attempted[k]++;
        String outcome;
        try {
            outcome = operation.run();
        } catch (Throwable e) {
            outcome = op + " threw " + e;
        }
        if (outcome == null) {
            ok[k]++;
        } else if (outcome == DOCUMENTED) {
            documented[k]++;
        } else {
            unexpected[k]++;
            if (messages.size() < MAX_MESSAGES) {
                messages.add(outcome);
            }
        }
    }

    private MemorySegment fill(MemorySegment segment, long round) {
        MemorySegment.copy(MemorySegment.ofArray(StressShared.PATTERN), (round * 7) % 1000, segment, 0,
                segment.byteSize());
        return segment;
    }

    private static long javaChecksum(Checksum checksum, MemorySegment segment) {
        checksum.update(segment.asByteBuffer());
        return checksum.getValue();
    }

    private String pooledCrc32(long round) {
        try (PooledArena arena = shared.pool.newArena()) {
            int count = 1 + (int) (round % 3);
            for (int k = 0; k < count; k++) {
                String wrong = crc32(arena, SIZES[(int) ((round + k) % SIZES.length)], round + k);
                if (wrong != null) {
                    return wrong;
                }
            }
            return round % 16 == 0 ? crc32(arena, UNPOOLED_SIZE, round) : null;
        }
    }

    private String crc32(PooledArena arena, long size, long round) {
        MemorySegment segment = fill(arena.allocate(size), round);
        acquisitions++;
        long c = (long) shared.crc32.invoke(0L, segment, (int) size);
        long java = javaChecksum(new CRC32(), segment);
        checksumC += c;
        checksumJava += java;
        return c == java ? null : "crc32 of " + size + " pooled bytes: C says " + c + ", Java " + java;
    }

    private String adler32ByName(long round) {
        long size = SIZES[(int) (round % SIZES.length)];
        try (Lease lease = shared.pool.acquire(size)) {
            acquisitions++;
            MemorySegment segment = fill(lease.segment(), round);
            long c = (long) Foreign.sharedCall(StressShared.ADLER32_PROTOTYPE, StressShared.LIBRARY, 1L, segment,
                    (int) size);
            long java = javaChecksum(new Adler32(), segment);
            checksumC += c;
            checksumJava += java;
            return c == java ? null : "adler32 of " + size + " pooled bytes: C says " + c + ", Java " + java;
        }
    }

    /** Sorts a shuffle of 0..15 (with {@code marker} in place of one value when it is negative). */
    private String sort(boolean bound, int marker) {
        try (PooledArena arena = shared.pool.newArena()) {
            MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, SORTED);
            acquisitions++;
            int[] values = new int[SORTED];
            for (int k = 0; k < SORTED; k++) {
                values[k] = k;
            }
            for (int k = SORTED - 1; k > 0; k--) {
                int pick = random.nextInt(k + 1);
                int swap = values[k];
                values[k] = values[pick];
                values[pick] = swap;
            }
            if (marker < 0) {
                values[random.nextInt(SORTED)] = marker;
            }
            MemorySegment.copy(values, 0, ints, ValueLayout.JAVA_INT, 0, SORTED);
            if (bound) {
                shared.libc.qsort(ints, SORTED, 4, shared.comparator);
            } else {
                Foreign.call("qsort", ints, (long) SORTED, 4L, shared.comparator);
            }
            if (marker < 0) {
                return "qsort " + (bound ? "(bound)" : "(by name)") + " returned though the comparator threw";
            }
            for (int k = 0; k < SORTED; k++) {
                if (ints.getAtIndex(ValueLayout.JAVA_INT, k) != k) {
                    return "qsort " + (bound ? "(bound)" : "(by name)") + " left "
                            + java.util.Arrays.toString(ints.toArray(ValueLayout.JAVA_INT));
                }
            }
            return null;
        }
    }

    private String strlenBound(long round) {
        String text = TEXTS[(int) (round % TEXTS.length)];
        long length = shared.libc.strlen(text);
        long expected = text.getBytes(StandardCharsets.UTF_8).length;
        return length == expected ? null : "strlen(\"" + text + "\") = " + length + ", UTF-8 has " + expected;
    }

    private String lookup() {
        long address = shared.library.function("crc32").address();
        if (address != shared.crc32.address().address()) {
            return "Library.function(\"crc32\") is 0x" + Long.toHexString(address) + ", the ForeignFunction calls 0x"
                    + Long.toHexString(shared.crc32.address().address());
        }
        return Foreign.libOpen(StressShared.LIBRARY) == shared.library ? null
                : "libOpen(\"z\") returned another Library than the shared one";
    }

    private String handoff(long round) {
        long size = SIZES[(int) (round % SIZES.length)];
        Lease lease = shared.pool.acquire(size);
        acquisitions++;
        MemorySegment segment = fill(lease.segment(), round);
        long token = ((long) index << 40) | round;
        if (size >= Long.BYTES) {
            segment.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, token);
        }
        shared.handoffs.add(new Handoff(lease, token, javaChecksum(new CRC32(), segment), name));
        handedOff++;
        Handoff other = shared.handoffs.poll();
        if (other == null) {
            return null; // another thread took ours (and its own) first
        }
        received++;
        return check(other);
    }

    /** Checks a lease another thread filled, and releases it: null when it holds what was put in. */
    static String check(Handoff handoff) {
        try (Lease lease = handoff.lease()) {
            MemorySegment segment = lease.segment();
            long crc = javaChecksum(new CRC32(), segment);
            boolean tokenRight = segment.byteSize() < Long.BYTES
                    || segment.get(ValueLayout.JAVA_LONG_UNALIGNED, 0) == handoff.token();
            return tokenRight && crc == handoff.crc() ? null : "a lease from " + handoff.from() + " of "
                    + segment.byteSize() + " B arrived changed (token " + handoff.token() + ", crc " + crc + " not "
                    + handoff.crc() + ")";
        }
    }

    private String callbackFailure(long round) {
        int marker = -(1 + index * 1_000_000 + (int) (round % 1_000_000));
        boolean bound = round % 64 == 0;
        try {
            String outcome = sort(bound, marker);
            return outcome != null ? outcome : "qsort returned though the comparator threw";
        } catch (CallbackError e) {
            if (e.getCause() instanceof InjectedFailure failure && failure.marker == marker) {
                return null;
            }
            return "qsort " + (bound ? "(bound)" : "(by name)") + " with marker " + marker + " threw " + e
                    + " caused by " + e.getCause();
        }
    }

    private String misuse(long round) {
        try {
            Foreign.call("labs", 1L, 2L);
            return "labs(1, 2) was accepted";
        } catch (ArityError expected) {
            // what must happen
        }
        try {
            Foreign.call("strlen", (Object) null);
            return "strlen(null) was accepted";
        } catch (NullArgumentError expected) {
            // what must happen
        }
        Callback closed = Callbacks.of(java.util.Comparator.class,
                (java.util.Comparator<MemorySegment>) (a, b) -> 0, CallLevels.INT_COMPARATOR);
        closed.close();
        try (PooledArena arena = shared.pool.newArena()) {
            MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, 2);
            acquisitions++;
            Foreign.call("qsort", ints, 2L, 4L, closed);
            return "qsort with a closed callback was accepted (round " + round + ")";
        } catch (CallbackClosedError expected) {
            return null;
        }
    }

    private String churnedLibrary(long round) {
        byte[] bytes = StressShared.PATTERN;
        int length = 64 + (int) (round % 512);
        try {
            long c = (long) Foreign.sharedCall(StressShared.ADLER32_PROTOTYPE, StressShared.CHURNED_LIBRARY, 1L,
                    bytes, length);
            Adler32 java = new Adler32();
            java.update(bytes, 0, length);
            return c == java.getValue() ? null : "adler32 through the churned library: C says " + c + ", Java "
                    + java.getValue();
        } catch (ClosedLibraryError documented) {
            return DOCUMENTED;
        }
    }

    RunRecord.Worker result() {
        List<RunRecord.OpCount> ops = new ArrayList<>();
        for (StressOp op : StressOp.values()) {
            int k = op.ordinal();
            ops.add(new RunRecord.OpCount(op.name(), attempted[k], ok[k], documented[k], unexpected[k]));
        }
        return new RunRecord.Worker(name, iterations, ops, upcalls, checksumC, checksumJava, acquisitions, handedOff,
                received, List.copyOf(messages));
    }
}
