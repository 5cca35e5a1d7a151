package epsilon.foreign.trampoline.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * What compiled code depends on: the descriptor with every layout name stripped, and the linker options.
 * Two descriptors that differ only in names (a {@code struct timeval} and an anonymous pair of longs) share one
 * trampoline, as the JDK shares downcall stubs through its own {@code LinkRequest} key.
 */
record ShapeKey(FunctionDescriptor descriptor, List<Linker.Option> options) {

    static ShapeKey of(FunctionDescriptor descriptor, Linker.Option... options) {
        MemoryLayout[] arguments = descriptor.argumentLayouts().stream().map(ShapeKey::unnamed)
                .toArray(MemoryLayout[]::new);
        FunctionDescriptor stripped = descriptor.returnLayout()
                .map(ret -> FunctionDescriptor.of(unnamed(ret), arguments))
                .orElseGet(() -> FunctionDescriptor.ofVoid(arguments));
        return new ShapeKey(stripped, List.of(options));
    }

    /** The layout without its name or the names of anything inside it; sizes and alignments unchanged. */
    static MemoryLayout unnamed(MemoryLayout layout) {
        MemoryLayout bare = switch (layout) {
            case GroupLayout group -> {
                MemoryLayout[] members = group.memberLayouts().stream().map(ShapeKey::unnamed)
                        .toArray(MemoryLayout[]::new);
                yield group instanceof StructLayout ? MemoryLayout.structLayout(members)
                        : MemoryLayout.unionLayout(members);
            }
            case SequenceLayout sequence -> MemoryLayout.sequenceLayout(sequence.elementCount(),
                    unnamed(sequence.elementLayout()));
            case AddressLayout address -> address.targetLayout()
                    .map(target -> address.withoutName().withTargetLayout(unnamed(target)))
                    .orElseGet(address::withoutName);
            case PaddingLayout padding -> padding.withoutName();
            default -> layout.withoutName();
        };
        return bare.withByteAlignment(layout.byteAlignment());
    }
}
