package epsilon.foreign.marshalling;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A struct or union passed by value ({@link CType#struct}), with a layout computed elsewhere (the struct
 * module, or by hand with {@link java.lang.foreign.MemoryLayout#structLayout}).
 *
 * <p>Java sees a {@link MemorySegment} holding the bytes. {@link Marshal#toForeign} accepts a segment of exactly
 * the struct's size; {@link Marshal#read} returns a slice of the memory it reads from (a view, not a copy).
 * {@code div_t}, {@code ldiv_t} and {@code lldiv_t} are predefined with the linker's {@code int}, {@code long}
 * and {@code long long} layouts.
 */
public final class StructType extends SegmentCarriedType {
    private final String name;
    private final GroupLayout layout;

    StructType(String name, GroupLayout layout) {
        this.name = Objects.requireNonNull(name, "name");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The C spelling given at creation: {@code "struct tm"}, {@code "div_t"}. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.STRUCT;
    }

    /** The struct's or union's layout, padding included. */
    @Override
    public GroupLayout layout() {
        return layout;
    }

    @Override
    public Class<?> javaType() {
        return MemorySegment.class;
    }

    /** False: a struct is passed as the segment the caller already holds. */
    @Override
    public boolean needsAllocator() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StructType that && name.equals(that.name) && layout.equals(that.layout);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + layout.hashCode();
    }
}
