package epsilon.foreign.marshalling.internal.layout;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the native linker accepts in a {@link java.lang.foreign.FunctionDescriptor}, asked without linking: the
 * checks of the JDK's {@code AbstractLinker.checkLayout} (JDK 25), with its messages. Value layouts must be the
 * linker's canonical ones (so no over- or under-aligned scalar); groups and sequences must have their natural
 * alignment (their members' largest); a struct member must sit at the offset its alignment gives after the member
 * before, so padding appears only where alignment needs it, and a group ends at the first multiple of its alignment.
 * {@code CallLayoutsPropertyTest} checks these answers against the linker itself on generated structs.
 */
final class LinkerRules {
    private static final Set<MemoryLayout> CANONICAL = new HashSet<>(Linker.nativeLinker().canonicalLayouts().values());

    private LinkerRules() {}

    /**
     * The linker's objection to {@code layout} as a parameter or result, or empty when it takes it. A group of no
     * bytes passes its checks but fails later, in the JDK's binding recipe; it is refused here with {@link #EMPTY}.
     */
    static Optional<String> problem(MemoryLayout layout) {
        if (layout instanceof SequenceLayout) {
            return Optional.of("Unsupported layout: " + layout);
        }
        String problem = check(layout);
        if (problem == null && layout instanceof GroupLayout && layout.byteSize() == 0) {
            problem = EMPTY;
        }
        return Optional.ofNullable(problem);
    }

    /** Why a struct of no bytes cannot be passed: the linker fails on it with an internal error. */
    static final String EMPTY = "it has no bytes";

    private static String check(MemoryLayout layout) {
        return switch (layout) {
            case ValueLayout value -> {
                ValueLayout bare = value instanceof AddressLayout address ? address.withoutTargetLayout() : value;
                yield CANONICAL.contains(bare.withoutName()) ? null : "Unsupported layout: " + bare.withoutName();
            }
            case StructLayout struct -> struct(struct);
            case UnionLayout union -> union(union);
            case SequenceLayout sequence -> {
                String problem = natural(sequence, sequence.elementLayout().byteAlignment());
                if (problem == null && sequence.elementLayout() instanceof PaddingLayout padding) {
                    problem = "Member layout '" + padding + "', of '" + sequence + "' not supported because a"
                            + " sequence of a padding layout is not allowed";
                }
                yield problem != null ? problem : check(sequence.elementLayout());
            }
            default -> null; // padding
        };
    }

    private static String struct(StructLayout struct) {
        String problem = natural(struct, largestAlignment(struct));
        long offset = 0;
        long unpadded = 0;
        PaddingLayout padding = null;
        for (MemoryLayout member : struct.memberLayouts()) {
            if (problem != null) {
                return problem;
            }
            long expected = LayoutEngine.roundUp(unpadded, member.byteAlignment());
            if (expected != offset) {
                return "Member layout '" + member + "', of '" + struct + "' found at unexpected offset: " + offset
                        + " != " + expected;
            }
            problem = check(member);
            offset += member.byteSize();
            if (member instanceof PaddingLayout next) {
                if (padding != null) {
                    return "The padding layout " + next + " was preceded by another padding layout " + padding
                            + " in " + struct;
                }
                padding = next;
            } else {
                unpadded = offset;
                padding = null;
            }
        }
        if (problem != null) {
            return problem;
        }
        if (!struct.memberLayouts().isEmpty()
                && struct.memberLayouts().stream().allMatch(member -> member instanceof PaddingLayout)) {
            return "Layout '" + struct + "' is non-empty and only has padding layouts";
        }
        return size(struct, unpadded);
    }

    private static String union(UnionLayout union) {
        String problem = natural(union, largestAlignment(union));
        long largest = union.memberLayouts().stream().filter(member -> !(member instanceof PaddingLayout))
                .mapToLong(MemoryLayout::byteSize).max().orElse(0);
        boolean padded = false;
        for (MemoryLayout member : union.memberLayouts()) {
            if (problem != null) {
                return problem;
            }
            problem = check(member);
            if (member instanceof PaddingLayout padding) {
                if (padded) {
                    return "More than one padding in " + union;
                }
                padded = true;
                if (padding.byteSize() <= largest) {
                    return "Superfluous padding " + padding + " in " + union;
                }
            }
        }
        return problem != null ? problem : size(union, largest);
    }

    private static long largestAlignment(GroupLayout group) {
        return group.memberLayouts().stream().mapToLong(MemoryLayout::byteAlignment).max().orElse(1);
    }

    private static String natural(MemoryLayout layout, long natural) {
        return layout.byteAlignment() == natural ? null
                : "Layout alignment must be natural alignment: " + layout;
    }

    private static String size(GroupLayout group, long unpadded) {
        long expected = LayoutEngine.roundUp(unpadded, group.byteAlignment());
        return group.byteSize() == expected ? null
                : "Layout '" + group + "' has unexpected size: " + group.byteSize() + " != " + expected;
    }
}
