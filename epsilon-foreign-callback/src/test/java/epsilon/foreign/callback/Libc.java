package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** The real libc functions that call back: qsort, bsearch, pthread_create. */
final class Libc {
    private Libc() {}

    private static final Linker LINKER = Linker.nativeLinker();
    static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");
    static final MemoryLayout PTHREAD_T = LINKER.canonicalLayouts().get("long"); // unsigned long on glibc

    static final MethodHandle QSORT = downcall("qsort", FunctionDescriptor.ofVoid(ADDRESS, SIZE_T, SIZE_T, ADDRESS));
    static final MethodHandle BSEARCH = downcall("bsearch",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T, SIZE_T, ADDRESS));
    static final MethodHandle PTHREAD_CREATE = downcall("pthread_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle PTHREAD_JOIN = downcall("pthread_join",
            FunctionDescriptor.of(JAVA_INT, PTHREAD_T, ADDRESS));

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow();
        return LINKER.downcallHandle(symbol, descriptor);
    }

    static void qsort(MemorySegment base, long count, long size, MemorySegment comparator) {
        try {
            QSORT.invokeExact(base, count, size, comparator);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * Runs the start routine {@code start} ({@code void *(*)(void *)}) on a thread that C creates, with
     * {@code argument}, waits for it and returns what the routine returned, as {@code pthread_join} reports it.
     */
    static MemorySegment runOnPthread(Arena arena, MemorySegment start, MemorySegment argument) {
        try {
            MemorySegment thread = arena.allocate(PTHREAD_T);
            int created = (int) PTHREAD_CREATE.invokeExact(thread, MemorySegment.NULL, start, argument);
            if (created != 0) {
                throw new AssertionError("pthread_create returned " + created);
            }
            MemorySegment returned = arena.allocate(ADDRESS);
            int joined = (int) PTHREAD_JOIN.invokeExact(thread.get(JAVA_LONG, 0), returned);
            if (joined != 0) {
                throw new AssertionError("pthread_join returned " + joined);
            }
            return returned.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw t instanceof AssertionError e ? e : new AssertionError(t);
        }
    }

    static MemorySegment bsearch(MemorySegment key, MemorySegment base, long count, long size, MemorySegment cmp) {
        try {
            return (MemorySegment) BSEARCH.invokeExact(key, base, count, size, cmp);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
