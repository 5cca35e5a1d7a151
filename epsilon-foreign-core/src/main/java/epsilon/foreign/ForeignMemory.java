package epsilon.foreign;

import epsilon.foreign.marshalling.CType;
import java.lang.foreign.MemorySegment;

/**
 * Native memory from {@link Foreign#foreignAlloc(CType, long)} (Lisp {@code foreign-alloc}): a typed block of
 * {@link #count()} elements that is freed exactly once, by {@link #free()}, {@link #close()} or
 * {@link Foreign#foreignFree(MemorySegment)}.
 *
 * <p>Unlike raw {@code malloc}, misuse is an exception, never a crash: reading, writing or passing the block
 * to C after it was freed throws {@link epsilon.foreign.marshalling.FreedMemoryError}, and so does freeing it
 * twice. This holds for the {@link #segment()} too: it belongs to the allocation's own arena, which
 * {@code free} closes, so the JDK refuses every later access to it.
 *
 * {@snippet :
 * try (ForeignMemory ints = Foreign.foreignAlloc(CType.INT, 4, new int[] {3, 1, 2, 0})) {
 *     ints.set(3, 7);
 *     int second = (int) ints.get(1);                       // 1
 *     Foreign.sharedCall("qsort", "c", ...);                // pass ints.segment() to C
 * }                                                          // freed here
 * }
 */
public interface ForeignMemory extends AutoCloseable {

    /**
     * The memory itself, valid until freed.
     *
     * @return the block, {@link #byteSize()} bytes aligned for {@link #type()}; it belongs to the allocation's
     *         arena, so once the block is freed the JDK refuses any access through it, and a call passing it is a
     *         {@code FreedMemoryError}
     * @throws epsilon.foreign.marshalling.FreedMemoryError after free
     */
    MemorySegment segment();

    /** {@return the element type ({@link CType#UINT8} for an allocation made by byte count)} */
    CType type();

    /** {@return the number of elements, at least 1} */
    long count();

    /** {@return the size in bytes: {@code count() * type().byteSize()}} */
    long byteSize();

    /**
     * Element {@code index}, converted to its Java type (Lisp {@code convert-from-foreign}).
     *
     * @param index zero-based
     * @return the element as its type's Java type: a {@code Long} for an {@code unsigned int}, a {@code String}
     *         for a {@code char *} ({@code null} for {@code NULL}), a slice of this block for a struct
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code [0, count())}
     * @throws epsilon.foreign.marshalling.FreedMemoryError after free
     */
    Object get(long index);

    /**
     * Stores a Java value as element {@code index} (Lisp {@code convert-to-foreign}). Memory the value needs (a
     * {@code String}'s bytes for a {@code char *} element) is allocated with this block and freed with it.
     *
     * @param index zero-based
     * @param value a Java value the element type accepts, converted as a call argument would be
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code [0, count())}
     * @throws epsilon.foreign.marshalling.FreedMemoryError after free
     * @throws epsilon.foreign.marshalling.ForeignError when the value does not fit the element type
     */
    void set(long index, Object value);

    /** {@return true once the memory has been freed} */
    boolean isFreed();

    /**
     * Frees the memory (Lisp {@code foreign-free}), and with it what {@link #set} allocated for its elements.
     *
     * @throws epsilon.foreign.marshalling.FreedMemoryError when already freed
     */
    void free();

    /** Frees the memory unless it already was: the try-with-resources form (Lisp {@code with-foreign-memory}). */
    @Override
    void close();
}
