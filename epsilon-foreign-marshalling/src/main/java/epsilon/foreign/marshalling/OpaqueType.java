package epsilon.foreign.marshalling;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A C type Java can point to but not hold: a type known only by name ({@code FILE}, or {@code sqlite3} in
 * {@code "sqlite3 *"} when no header declared it), or a type whose bytes have a known size but no Java carrier
 * ({@code long double}, {@code __int128}, {@code _Complex double}, {@code _Float128}, vector types).
 *
 * <p>Behind a pointer it is an untyped address ({@code sqlite3 *} is a {@link PointerType} to it). As a struct
 * field of known size it occupies its bytes and reads as a {@link MemorySegment} slice of them. It can never be
 * passed or returned by value: a prototype using it parses, but {@link CPrototype#descriptor()} refuses it with the
 * reason.
 */
public final class OpaqueType implements CType {
    private final String name;
    private final MemoryLayout layout;
    private final String reason;

    private OpaqueType(String name, MemoryLayout layout, String reason) {
        this.name = Objects.requireNonNull(name, "name");
        this.layout = layout;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A type known only by name, with no size: {@code FILE}, an undeclared {@code struct sqlite3}.
     *
     * @param name the C spelling
     * @return a type that {@link #hasSize() has no size}; its {@link #reason()} says only a pointer to it can be passed
     */
    public static OpaqueType named(String name) {
        return new OpaqueType(name, null, name + " is opaque: only a pointer to it can be passed");
    }

    /**
     * A type with a size and alignment but no Java carrier. The layout is a byte sequence of that size and
     * alignment, so structs containing it are laid out as C lays them out.
     *
     * @param name          the C spelling, such as {@code "long double"}
     * @param byteSize      the size in bytes
     * @param byteAlignment the alignment in bytes, a power of two
     * @param why           what a caller is told when it tries to pass the type by value
     * @return a type that {@link #hasSize() has a size}
     * @throws IllegalArgumentException (the JDK's) for a negative size or an alignment that is not a power of two
     */
    public static OpaqueType sized(String name, long byteSize, long byteAlignment, String why) {
        MemoryLayout bytes = MemoryLayout.sequenceLayout(byteSize, java.lang.foreign.ValueLayout.JAVA_BYTE)
                .withByteAlignment(byteAlignment).withName(name);
        return new OpaqueType(name, bytes, why);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.OPAQUE;
    }

    /** {@return whether the size is known (a {@code long double}) or not (a {@code FILE})} */
    public boolean hasSize() {
        return layout != null;
    }

    /** {@return why it cannot be passed by value, as {@link CPrototype#unsupported()} reports it} */
    public String reason() {
        return reason;
    }

    /**
     * The bytes' layout.
     *
     * @throws DeclarationError when the size is unknown
     */
    @Override
    public MemoryLayout layout() {
        if (layout == null) {
            throw new DeclarationError(name + " has no known size: it is only usable behind a pointer");
        }
        return layout;
    }

    /** {@code MemorySegment.class}: the type's bytes, where it has a size. */
    @Override
    public Class<?> carrier() {
        return MemorySegment.class;
    }

    @Override
    public Class<?> javaType() {
        return MemorySegment.class;
    }

    @Override
    public boolean isSigned() {
        return false;
    }

    @Override
    public long byteSize() {
        return layout == null ? 0 : layout.byteSize();
    }

    @Override
    public boolean needsAllocator() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpaqueType that && name.equals(that.name) && byteSize() == that.byteSize();
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
