package epsilon.foreign.trampoline.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * What compiled code depends on: the descriptor with every layout name stripped, and the linker options.
 * Two descriptors that differ only in names (a {@code struct timeval} and an anonymous pair of longs) share one
 * trampoline, as the JDK shares downcall stubs through its own {@code LinkRequest} key.
 */
record ShapeKey(FunctionDescriptor descriptor, List<Linker.Option> options) {

    // Loops and instanceof rather than streams, lambdas and a pattern switch, and equals and hashCode written out
    // rather than a record's bootstrap: each of those spins classes on a program's first call.

    static ShapeKey of(FunctionDescriptor descriptor, Linker.Option... options) {
        MemoryLayout[] arguments = unnamed(descriptor.argumentLayouts());
        FunctionDescriptor stripped = descriptor.returnLayout().isPresent()
                ? FunctionDescriptor.of(unnamed(descriptor.returnLayout().get()), arguments)
                : FunctionDescriptor.ofVoid(arguments);
        return new ShapeKey(stripped, List.of(options));
    }

    private static MemoryLayout[] unnamed(List<MemoryLayout> layouts) {
        MemoryLayout[] bare = new MemoryLayout[layouts.size()];
        for (int i = 0; i < bare.length; i++) {
            bare[i] = unnamed(layouts.get(i));
        }
        return bare;
    }

    /** The layout without its name or the names of anything inside it; sizes and alignments unchanged. */
    static MemoryLayout unnamed(MemoryLayout layout) {
        MemoryLayout bare;
        if (layout instanceof GroupLayout group) {
            MemoryLayout[] members = unnamed(group.memberLayouts());
            bare = group instanceof StructLayout ? MemoryLayout.structLayout(members)
                    : MemoryLayout.unionLayout(members);
        } else if (layout instanceof SequenceLayout sequence) {
            bare = MemoryLayout.sequenceLayout(sequence.elementCount(), unnamed(sequence.elementLayout()));
        } else if (layout instanceof AddressLayout address) {
            bare = address.targetLayout().isPresent()
                    ? address.withoutName().withTargetLayout(unnamed(address.targetLayout().get()))
                    : address.withoutName();
        } else {
            bare = layout.withoutName();
        }
        return bare.withByteAlignment(layout.byteAlignment());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShapeKey key && descriptor.equals(key.descriptor) && options.equals(key.options);
    }

    @Override
    public int hashCode() {
        return 31 * descriptor.hashCode() + options.hashCode();
    }
}
