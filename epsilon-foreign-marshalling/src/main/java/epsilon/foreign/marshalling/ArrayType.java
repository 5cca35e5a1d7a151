package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.layout.LayoutEngine;
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
 *
 * <p>An array of plain {@code char} (or {@code wchar_t}) is text: {@code char name[16]} reads as the
 * {@code String} up to its first NUL (or all {@code n} characters when there is none), and takes a {@code String}
 * whose encoding and terminator fit in {@code n} (a longer one is a {@link ConversionError}, never cut silently),
 * as well as a {@code byte[]} of at most {@code n} bytes.
 *
 * <p>A <em>flexible array member</em> ({@code int data[];} at the end of a struct) has no elements of its own:
 * {@link #isFlexible()} is true and {@link #count()} 0.
 */
public final class ArrayType extends SegmentCarriedType {
    private final CType element;
    private final long count;
    private final boolean flexible;
    private final SequenceLayout layout;
    private final AddressLayout argumentLayout;

    ArrayType(CType element, long count, boolean flexible) {
        if (element.isVoid()) {
            throw new DeclarationError("an array cannot have void elements");
        }
        if (count < 0) {
            throw new DeclarationError("array of " + element.name() + ": count must be >= 0, got " + count);
        }
        this.element = element;
        this.count = count;
        this.flexible = flexible;
        MemoryLayout elementLayout = LayoutEngine.storageLayout(element);
        if (elementLayout.byteSize() > 0 && count > Long.MAX_VALUE / elementLayout.byteSize()) {
            throw new DeclarationError("array of " + count + " " + element.name() + " is larger than any memory");
        }
        this.layout = MemoryLayout.sequenceLayout(count, elementLayout);
        this.argumentLayout = ValueLayout.ADDRESS.withTargetLayout(layout);
    }

    /**
     * A flexible array member, {@code element name[]}: no elements of its own, the element's alignment. A struct
     * takes it only as its last field.
     *
     * @param element the type of each element; it must have a size
     * @return an array type with {@link #isFlexible()} true and {@link #count()} 0
     * @throws DeclarationError if {@code element} is {@code void}, a struct declared but not defined or an opaque
     *                          type of unknown size
     */
    public static ArrayType flexible(CType element) {
        return new ArrayType(element, 0, true);
    }

    /** {@return the type of each element} */
    public CType element() {
        return element;
    }

    /** {@return the number of elements; 0 for a flexible array member} */
    public long count() {
        return count;
    }

    /** {@return whether this is a flexible array member ({@code T x[]} at the end of a struct)} */
    public boolean isFlexible() {
        return flexible;
    }

    /** {@return whether this is text: an array of plain {@code char} or of {@code wchar_t}, read and written as a String} */
    public boolean isText() {
        return element.kind() == Kind.CHAR || element.equals(CType.WCHAR_T);
    }

    /** {@code "int[4]"}, {@code "char[]"} for a flexible array. */
    @Override
    public String name() {
        String brackets = flexible ? "[]" : "[" + count + "]";
        // an array of function pointers puts its brackets inside the (*): void (*handlers[3])(int)
        return element instanceof FunctionPointerType function ? function.declaration(brackets)
                : element.name() + brackets;
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

    /** {@code String.class} for {@linkplain #isText() text}, else an array class of the element's Java type ({@code int[].class} for {@code int[4]}). */
    @Override
    public Class<?> javaType() {
        return isText() ? String.class : element.javaType().arrayType();
    }

    /** True: a Java array passed as a parameter is copied into native memory. */
    @Override
    public boolean needsAllocator() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayType that && count == that.count && flexible == that.flexible
                && element.equals(that.element);
    }

    @Override
    public int hashCode() {
        return element.hashCode() * 31 + Long.hashCode(count);
    }
}
