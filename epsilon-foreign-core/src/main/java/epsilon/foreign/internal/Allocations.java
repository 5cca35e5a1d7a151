package epsilon.foreign.internal;

import epsilon.foreign.ForeignMemory;
import epsilon.foreign.marshalling.AllocationError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.FreedMemoryError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Array;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every live {@code foreignAlloc} block by address, so that {@code foreignFree(segment)} can tell a block it
 * handed out from a foreign one and a second free from the first.
 */
public final class Allocations {
    private static final Allocations GLOBAL = new Allocations();

    private final ConcurrentHashMap<Long, Allocation> live = new ConcurrentHashMap<>();

    /** The registry behind {@code Foreign.foreignAlloc}. */
    public static Allocations global() {
        return GLOBAL;
    }

    /**
     * Allocates {@code count} elements of {@code type}, aligned for the type. Arena memory is always
     * zero-filled by the JDK, so {@code initialContents} is the only way to start with other values.
     *
     * @param initialContents null, a Java array or {@link List} of at most {@code count} elements, or a single
     *                        value that every element starts as (Lisp {@code :initial-element})
     */
    public ForeignMemory allocate(CType type, long count, Object initialContents) {
        if (type.isVoid()) {
            throw new ConversionError("cannot allocate elements of type void; give a byte count or a sized type",
                    null, null);
        }
        String asked = count + (count == 1 ? " element" : " elements") + " of " + type.name() + " ("
                + type.byteSize() + (type.byteSize() == 1 ? " byte each)" : " bytes each)");
        if (count <= 0) {
            throw new AllocationError("cannot allocate " + asked + ": the count must be positive", null);
        }
        if (type.byteSize() <= 0) {
            throw new AllocationError("cannot allocate " + asked + ": the type has no size", null);
        }
        if (count > Long.MAX_VALUE / type.byteSize()) {
            throw new AllocationError("cannot allocate " + asked + ": the size overflows a long", null);
        }
        long size = type.byteSize() * count;
        Arena arena = Arena.ofShared();
        MemorySegment segment;
        try {
            segment = arena.allocate(size, type.layout().byteAlignment());
        } catch (OutOfMemoryError | IllegalArgumentException refused) {
            arena.close();
            throw new AllocationError("cannot allocate " + asked + ", " + size + " bytes: " + (refused
                    instanceof OutOfMemoryError ? "the system has not that much memory to give" : refused.getMessage()),
                    refused);
        }
        Allocation allocation = new Allocation(arena, segment, type, count);
        try {
            fill(allocation, initialContents);
        } catch (RuntimeException badContents) {
            arena.close();
            throw badContents;
        }
        live.put(allocation.address(), allocation);
        return allocation;
    }

    private static void fill(Allocation allocation, Object initial) {
        if (initial == null) {
            return;
        }
        long count = allocation.count();
        if (initial instanceof List<?> list) {
            checkLength(list.size(), count);
            for (int i = 0; i < list.size(); i++) {
                allocation.set(i, list.get(i));
            }
        } else if (initial.getClass().isArray()) {
            int length = Array.getLength(initial);
            checkLength(length, count);
            for (int i = 0; i < length; i++) {
                allocation.set(i, Array.get(initial, i));
            }
        } else {
            for (long i = 0; i < count; i++) {
                allocation.set(i, initial);
            }
        }
    }

    private static void checkLength(int length, long count) {
        if (length > count) {
            throw new ConversionError("initial contents have " + length + " elements but only " + count
                    + (count == 1 ? " was" : " were") + " allocated", null, null);
        }
    }

    /** Frees the block that starts at {@code segment}'s address. */
    public void free(MemorySegment segment) {
        if (segment == null || segment.address() == 0) {
            throw new FreedMemoryError("cannot free a NULL pointer", null);
        }
        Allocation allocation = live.get(segment.address());
        if (allocation == null) {
            throw new FreedMemoryError("cannot free 0x" + Long.toHexString(segment.address())
                    + ": not a live block of foreignAlloc (already freed, or allocated elsewhere)", null);
        }
        allocation.free();
    }

    void forget(Allocation allocation) {
        live.remove(allocation.address(), allocation);
    }

    /** Live blocks, for diagnostics and tests. */
    public int liveCount() {
        return live.size();
    }
}
