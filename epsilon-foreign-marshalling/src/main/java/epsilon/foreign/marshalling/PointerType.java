package epsilon.foreign.marshalling;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A data pointer: {@code void *} ({@link CType#POINTER}) or {@code T *} for a known {@code T}
 * ({@link CType#pointerTo}). A {@code T *} returned by C or read from memory is a {@link MemorySegment} sized to one
 * {@code T} (its layout carries {@code T}'s layout as target), so it can be read without
 * {@link MemorySegment#reinterpret(long)}; a pointer to an opaque or incomplete type is a zero-length segment.
 *
 * <p>{@link Marshal#toForeign} accepts a {@code MemorySegment}, {@code null} (C's {@code NULL}), a Java
 * primitive array (copied; for {@code T *} its component must be {@code T}'s carrier), an {@code Object[]} of
 * {@code T}'s Java values (copied element by element) and, for {@code char **}, a {@code String[]} (copied
 * into a NULL-terminated array of strings).
 *
 * <p>Two pointer types are equal when their targets are; a struct target is compared by name, so that types of
 * structs that point to themselves compare without recursion. Whether the target is {@code const} and the typedef
 * name a pointer type was given do not take part.
 */
public final class PointerType extends SegmentCarriedType {
    private final CType target;
    private final boolean constTarget;
    private final String alias;
    private volatile AddressLayout layout;

    private PointerType(CType target, boolean constTarget, String alias) {
        this.target = target;
        this.constTarget = constTarget;
        this.alias = alias;
        this.layout = target.isVoid() ? ValueLayout.ADDRESS : null;
    }

    static PointerType toVoid() {
        return new PointerType(CType.VOID, false, null);
    }

    static PointerType to(CType target, boolean constTarget) {
        Objects.requireNonNull(target, "target");
        if (target.isVoid() && !constTarget) {
            return (PointerType) CType.POINTER;
        }
        return new PointerType(target, constTarget, null);
    }

    /** {@return what this pointer points to; {@link CType#VOID} for {@code void *}} */
    public CType target() {
        return target;
    }

    /** {@return whether the target is declared {@code const} ({@code const int *}): C promises not to write through it} */
    public boolean isConstTarget() {
        return constTarget;
    }

    /**
     * This pointer type under a typedef name ({@code typedef z_stream *z_streamp;}).
     *
     * @param typedefName the name {@link #name()} then returns
     * @return a copy with the same target, equal to this one
     */
    public PointerType named(String typedefName) {
        return new PointerType(target, constTarget, Objects.requireNonNull(typedefName, "typedefName"));
    }

    /** {@code "int *"}, {@code "const char **"}, {@code "struct tm *"}, or the typedef name it was given. */
    @Override
    public String name() {
        if (alias != null) {
            return alias;
        }
        if (target instanceof FunctionPointerType f) {
            return f.declaration("*");
        }
        String targetName = target.name();
        if (targetName.endsWith("*")) {
            return targetName + (constTarget ? "const *" : "*"); // char *const *: the pointer it points to is const
        }
        return (constTarget ? "const " : "") + targetName + " *";
    }

    @Override
    public Kind kind() {
        return Kind.POINTER;
    }

    /**
     * {@link ValueLayout#ADDRESS}, with {@link #target()}'s layout as target layout when the target's size is known
     * (computed when first asked, so a pointer to a struct defined later sees its size).
     */
    @Override
    public AddressLayout layout() {
        AddressLayout known = layout;
        if (known != null) {
            return known;
        }
        boolean sized = switch (target) {
            case StructType struct -> struct.isComplete();
            case OpaqueType opaque -> opaque.hasSize();
            default -> true;
        };
        if (!sized) {
            return ValueLayout.ADDRESS; // not cached: the struct may be completed later
        }
        AddressLayout computed = ValueLayout.ADDRESS.withTargetLayout(
                epsilon.foreign.marshalling.internal.layout.LayoutEngine.storageLayout(target));
        layout = computed;
        return computed;
    }

    @Override
    public Class<?> javaType() {
        return MemorySegment.class;
    }

    /** True: a Java array or {@code String[]} passed for a pointer is copied into native memory. */
    @Override
    public boolean needsAllocator() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PointerType that)) {
            return false;
        }
        if (target instanceof StructType mine && that.target instanceof StructType theirs) {
            return mine.name().equals(theirs.name()) && mine.isUnion() == theirs.isUnion();
        }
        return target.equals(that.target);
    }

    @Override
    public int hashCode() {
        return 17 + (target instanceof StructType struct ? struct.name().hashCode() : target.hashCode());
    }
}
