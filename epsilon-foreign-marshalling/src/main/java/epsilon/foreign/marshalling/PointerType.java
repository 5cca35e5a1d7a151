package epsilon.foreign.marshalling;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A data pointer: {@code void *} ({@link CType#POINTER}) or {@code T *} for a known {@code T}
 * ({@link CType#pointerTo}). A {@code T *} read from memory or returned by C is a {@link MemorySegment} sized
 * to one {@code T}, because its layout carries {@code T}'s layout as target.
 *
 * <p>{@link Marshal#toForeign} accepts a {@code MemorySegment}, {@code null} (C's {@code NULL}), a Java
 * primitive array (copied; for {@code T *} its component must be {@code T}'s carrier), an {@code Object[]} of
 * {@code T}'s Java values (copied element by element) and, for {@code char **}, a {@code String[]} (copied
 * into a NULL-terminated array of strings).
 */
public final class PointerType extends SegmentCarriedType {
    private final CType target;
    private final String name;
    private final AddressLayout layout;

    private PointerType(CType target, String name, AddressLayout layout) {
        this.target = target;
        this.name = name;
        this.layout = layout;
    }

    static PointerType toVoid() {
        return new PointerType(CType.VOID, "void *", ValueLayout.ADDRESS);
    }

    static PointerType to(CType target) {
        if (target.isVoid()) {
            return (PointerType) CType.POINTER;
        }
        String targetName = target.name();
        String name = target instanceof FunctionPointerType f
                ? f.signature().returnType().name() + " (**)" + f.parameterList()
                : targetName.endsWith("*") ? targetName + "*" : targetName + " *";
        return new PointerType(target, name, ValueLayout.ADDRESS.withTargetLayout(target.layout()));
    }

    /** What this pointer points to; {@link CType#VOID} for {@code void *}. */
    public CType target() {
        return target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.POINTER;
    }

    /** {@link ValueLayout#ADDRESS}, with {@link #target()}'s layout as target layout unless the target is {@code void}. */
    @Override
    public AddressLayout layout() {
        return layout;
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
        return other instanceof PointerType that && target.equals(that.target);
    }

    @Override
    public int hashCode() {
        return 17 + target.hashCode();
    }
}
