package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * {@code void}, {@code bool}, {@code char}, the integer types and the floating types: every {@link CType}
 * that is a single number. The instances are the constants of {@link CType}; a name registered with
 * {@link CType#define} is another name for one of them.
 */
public final class ScalarType implements CType {
    private final String name;
    private final Kind kind;
    private final ValueLayout layout;
    /** The canonical layout: {@link #layout} unless an alignment attribute changed the alignment in memory. */
    private final ValueLayout callLayout;
    private final Class<?> javaType;
    private final boolean signed;

    private ScalarType(String name, Kind kind, ValueLayout layout, Class<?> javaType, boolean signed) {
        this(name, kind, layout, layout, javaType, signed);
    }

    private ScalarType(String name, Kind kind, ValueLayout layout, ValueLayout callLayout, Class<?> javaType,
                       boolean signed) {
        this.name = name;
        this.kind = kind;
        this.layout = layout;
        this.callLayout = callLayout;
        this.javaType = javaType;
        this.signed = signed;
    }

    static ScalarType ofVoid() {
        return new ScalarType("void", Kind.VOID, null, void.class, false);
    }

    static ScalarType of(String name, Kind kind, ValueLayout layout) {
        return switch (kind) {
            case BOOL -> new ScalarType(name, kind, layout, boolean.class, false);
            case CHAR -> new ScalarType(name, kind, layout, byte.class, NativeLayouts.charIsSigned());
            case FLOAT -> new ScalarType(name, kind, layout, float.class, true);
            case DOUBLE -> new ScalarType(name, kind, layout, double.class, true);
            default -> throw new IllegalArgumentException("not a non-integer scalar kind: " + kind);
        };
    }

    /** A signed integer type as wide as {@code layout}; its Java type is the carrier. */
    static ScalarType signed(String name, ValueLayout layout) {
        Kind kind = switch ((int) layout.byteSize()) {
            case 1 -> Kind.INT8;
            case 2 -> Kind.INT16;
            case 4 -> Kind.INT32;
            case 8 -> Kind.INT64;
            default -> throw new IllegalStateException(name + " has an unsupported size of " + layout.byteSize() + " bytes");
        };
        return new ScalarType(name, kind, layout, layout.carrier(), true);
    }

    /** An unsigned integer type as wide as {@code layout}; its Java type is wide enough for every value except at 64 bits. */
    static ScalarType unsigned(String name, ValueLayout layout) {
        return switch ((int) layout.byteSize()) {
            case 1 -> new ScalarType(name, Kind.UINT8, layout, int.class, false);
            case 2 -> new ScalarType(name, Kind.UINT16, layout, int.class, false);
            case 4 -> new ScalarType(name, Kind.UINT32, layout, long.class, false);
            case 8 -> new ScalarType(name, Kind.UINT64, layout, long.class, false);
            default -> throw new IllegalStateException(name + " has an unsupported size of " + layout.byteSize() + " bytes");
        };
    }

    /**
     * The same type under another name, as a C {@code typedef} makes it: {@code typedef unsigned int uInt;} is
     * {@code UNSIGNED_INT.named("uInt")}. The kind, layout and Java type are unchanged.
     *
     * @param alias the typedef name
     * @return this type when {@code alias} is already its name, otherwise a copy that differs only in its name, and
     *         so is not {@code equals} to this one
     */
    public ScalarType named(String alias) {
        return alias.equals(name) ? this : new ScalarType(alias, kind, layout, callLayout, javaType, signed);
    }

    /**
     * The same type aligned to {@code byteAlignment} in memory ({@code typedef int aligned_int
     * __attribute__((aligned(16)))}). Calls pass it with its natural alignment: {@link #argumentLayout()} is the
     * canonical layout.
     *
     * @param byteAlignment the alignment in bytes: a power of two, which may also be smaller than the natural one
     * @return a copy of this type whose {@link #layout()} has that alignment
     * @throws DeclarationError for {@code void} or an alignment that is not a power of two
     */
    public ScalarType withAlignment(long byteAlignment) {
        if (layout == null) {
            throw new DeclarationError("void has no alignment");
        }
        if (byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1) {
            throw new DeclarationError(name + ": alignment must be a power of two, not " + byteAlignment);
        }
        return new ScalarType(name, kind, layout.withByteAlignment(byteAlignment), callLayout, javaType, signed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /**
     * {@inheritDoc}
     *
     * @return the linker's canonical {@link ValueLayout} for this type
     */
    @Override
    public ValueLayout layout() {
        if (layout == null) {
            throw new UnsupportedOperationException("void has no layout: it is only a function's return type");
        }
        return layout;
    }

    /** The canonical layout, whatever alignment {@link #withAlignment} gave the type in memory. */
    @Override
    public MemoryLayout argumentLayout() {
        layout();
        return callLayout;
    }

    @Override
    public Class<?> carrier() {
        return layout == null ? void.class : layout.carrier();
    }

    @Override
    public Class<?> javaType() {
        return javaType;
    }

    @Override
    public boolean isSigned() {
        return signed;
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
        return other instanceof ScalarType that && name.equals(that.name) && kind == that.kind
                && Objects.equals(layout, that.layout);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + kind.hashCode();
    }

    /** The C spelling. */
    @Override
    public String toString() {
        return name;
    }
}
