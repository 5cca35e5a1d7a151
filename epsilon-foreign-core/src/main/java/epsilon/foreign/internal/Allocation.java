package epsilon.foreign.internal;

import epsilon.foreign.ForeignMemory;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.Marshal;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** One {@code foreignAlloc} block, owning a shared arena that {@link #free()} closes. */
public final class Allocation implements ForeignMemory {
    private final Arena arena;
    private final MemorySegment segment;
    private final CType type;
    private final long count;
    private final long address;
    private volatile boolean freed;

    Allocation(Arena arena, MemorySegment segment, CType type, long count) {
        this.arena = arena;
        this.segment = segment;
        this.type = type;
        this.count = count;
        this.address = segment.address();
    }

    @Override
    public MemorySegment segment() {
        checkLive("use");
        return segment;
    }

    @Override
    public CType type() {
        return type;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long byteSize() {
        return segment.byteSize();
    }

    @Override
    public Object get(long index) {
        long offset = offsetOf(index, "read");
        try {
            return Marshal.read(segment, offset, type);
        } catch (IllegalStateException closed) {
            throw freedError("read element " + index + " of", closed);
        }
    }

    @Override
    public void set(long index, Object value) {
        long offset = offsetOf(index, "write");
        try {
            // Strings and arrays stored into the block live in its arena: freed with it, not before.
            Marshal.write(segment, offset, type, value, arena);
        } catch (IllegalStateException closed) {
            throw freedError("write element " + index + " of", closed);
        }
    }

    private long offsetOf(long index, String action) {
        checkLive(action);
        Objects.checkIndex(index, count);
        return index * type.byteSize();
    }

    @Override
    public boolean isFreed() {
        return freed;
    }

    @Override
    public void free() {
        synchronized (this) {
            if (freed) {
                throw freedError("free", null);
            }
            freed = true;
        }
        Allocations.global().forget(this);
        arena.close();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (freed) {
                return;
            }
        }
        free();
    }

    long address() {
        return address;
    }

    private void checkLive(String action) {
        if (freed) {
            throw freedError(action, null);
        }
    }

    private FreedMemoryError freedError(String action, Throwable cause) {
        return new FreedMemoryError("cannot " + action + " " + describe() + ": it has been freed", cause);
    }

    /** {@code 4 x int (16 bytes) at 0x7f...}: how messages name a block. */
    String describe() {
        return count + " x " + type.name() + " (" + segment.byteSize() + " bytes) at 0x" + Long.toHexString(address);
    }

    @Override
    public String toString() {
        return "ForeignMemory[" + describe() + (freed ? ", freed" : "") + "]";
    }
}
