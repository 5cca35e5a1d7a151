package epsilon.foreign.marshalling;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout;

/**
 * A C array of a fixed number of elements, {@code T[n]}. In memory (a struct field, {@link Marshal#write}) it
 * is the {@code n} elements themselves; as a function parameter it decays to a pointer to the first one, so its
 * {@link #argumentLayout()} is an address.
 *
 * <p>{@link Marshal#toForeign} and {@link Marshal#write} accept a Java array of exactly {@code n} elements: a
 * primitive array whose component is the element's carrier ({@code int[]} for {@code int[4]}, and also for
 * {@code unsigned int[4]}, as raw bits) or an {@code Object[]} of the element's Java values. Reading gives back
 * an array of the element's {@linkplain CType#javaType() Java type}: {@code int[]} for {@code int[4]},
 * {@code long[]} for {@code unsigned int[4]}, {@code String[]} for {@code char *[4]}.
 */
public final class ArrayType extends SegmentCarriedType {
    private final CType element;
    private final long count;
    private final SequenceLayout layout;
    private final AddressLayout argumentLayout;

    ArrayType(CType element, long count) {
        if (element.isVoid()) {
            throw new IllegalArgumentException("an array cannot have void elements");
        }
        if (count < 0) {
            throw new IllegalArgumentException("array of " + element.name() + ": count must be >= 0, got " + count);
        }
        this.element = element;
        this.count = count;
        this.layout = MemoryLayout.sequenceLayout(count, element.layout());
        this.argumentLayout = ValueLayout.ADDRESS.withTargetLayout(layout);
    }

    /** The type of each element. */
    public CType element() {
        return element;
    }

    /** The number of elements. */
    public long count() {
        return count;
    }

    /** {@code "int[4]"}. */
    @Override
    public String name() {
        return element.name() + "[" + count + "]";
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY;
    }

    /** The sequence of {@link #count()} element layouts. */
    @Override
    public SequenceLayout layout() {
        return layout;
    }

    /** An address whose target is the whole array: arrays are passed as a pointer to their first element. */
    @Override
    public AddressLayout argumentLayout() {
        return argumentLayout;
    }

    /** An array class of the element's Java type ({@code int[].class} for {@code int[4]}). */
    @Override
    public Class<?> javaType() {
        return element.javaType().arrayType();
    }

    /** True: a Java array passed as a parameter is copied into native memory. */
    @Override
    public boolean needsAllocator() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayType that && count == that.count && element.equals(that.element);
    }

    @Override
    public int hashCode() {
        return element.hashCode() * 31 + Long.hashCode(count);
    }
}
