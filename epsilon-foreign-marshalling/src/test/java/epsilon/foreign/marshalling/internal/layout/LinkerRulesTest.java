package epsilon.foreign.marshalling.internal.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link LinkerRules} answers as the native linker does, word for word, on generated layouts: canonical and
 * re-aligned scalars, padding, sequences, structs and unions nested three deep, some re-aligned.
 */
class LinkerRulesTest {
    private static final List<ValueLayout> VALUES = List.of(ValueLayout.JAVA_BYTE, ValueLayout.JAVA_SHORT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_FLOAT, ValueLayout.JAVA_DOUBLE,
            ValueLayout.ADDRESS, ValueLayout.JAVA_CHAR, ValueLayout.JAVA_BOOLEAN);

    @Property(tries = 1000)
    void shouldRefuseWhatTheLinkerRefusesWithItsMessage(@ForAll("layouts") MemoryLayout layout) {
        Optional<String> predicted = LinkerRules.problem(layout);
        Optional<String> actual;
        try {
            Linker.nativeLinker().downcallHandle(FunctionDescriptor.ofVoid(layout));
            actual = Optional.empty();
        } catch (IllegalArgumentException refused) {
            actual = Optional.of(refused.getMessage());
        }
        if (predicted.equals(Optional.of(LinkerRules.EMPTY))) {
            // not one of the linker's layout checks: its binding recipe fails with an internal message
            assertEquals(Optional.of("Stack must be empty after recipe"), actual, layout.toString());
        } else {
            assertEquals(actual, predicted, layout.toString());
        }
        Statistics.label("linker").collect(actual.isPresent() ? "refused" : "linked");
        Statistics.label("linker").coverage(coverage -> {
            coverage.check("refused").percentage(p -> p >= 20);
            coverage.check("linked").percentage(p -> p >= 10);
        });
    }

    @Provide
    Arbitrary<MemoryLayout> layouts() {
        return group(3);
    }

    private static Arbitrary<MemoryLayout> member(int depth) {
        Arbitrary<MemoryLayout> value = Arbitraries.of(VALUES).map(v -> (MemoryLayout) v);
        Arbitrary<MemoryLayout> realigned = Combinators.combine(Arbitraries.of(VALUES), Arbitraries.of(1L, 2L, 4L, 8L,
                16L)).as((v, alignment) -> (MemoryLayout) v.withByteAlignment(alignment));
        Arbitrary<MemoryLayout> padding = Arbitraries.longs().between(1, 9).map(MemoryLayout::paddingLayout);
        Arbitrary<MemoryLayout> bytes = Arbitraries.longs().between(0, 5).map(n -> MemoryLayout.sequenceLayout(n,
                ValueLayout.JAVA_BYTE));
        if (depth == 0) {
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, value), net.jqwik.api.Tuple.of(1, realigned),
                    net.jqwik.api.Tuple.of(2, padding), net.jqwik.api.Tuple.of(1, bytes));
        }
        Arbitrary<MemoryLayout> sequence = Combinators.combine(Arbitraries.longs().between(0, 3), member(depth - 1))
                .as((count, element) -> {
                    try {
                        return (MemoryLayout) MemoryLayout.sequenceLayout(count, element);
                    } catch (IllegalArgumentException unaligned) {
                        return null; // an element whose size is no multiple of its alignment
                    }
                }).filter(java.util.Objects::nonNull);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, value), net.jqwik.api.Tuple.of(1, realigned),
                net.jqwik.api.Tuple.of(2, padding), net.jqwik.api.Tuple.of(1, bytes),
                net.jqwik.api.Tuple.of(1, sequence), net.jqwik.api.Tuple.of(2, group(depth - 1)));
    }

    /** A struct or union of up to five members, sometimes aligned past its natural alignment. */
    private static Arbitrary<MemoryLayout> group(int depth) {
        return Combinators.combine(Arbitraries.of(true, true, false), member(depth).list().ofMaxSize(5),
                Arbitraries.of(0L, 0L, 0L, 2L, 8L, 16L)).as((struct, members, alignment) -> {
                    MemoryLayout group;
                    try {
                        group = struct ? MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new))
                                : MemoryLayout.unionLayout(members.toArray(MemoryLayout[]::new));
                    } catch (IllegalArgumentException misaligned) {
                        return null; // a member at an offset its alignment forbids: no layout at all
                    }
                    return alignment >= group.byteAlignment() ? group.withByteAlignment(alignment) : group;
                }).filter(java.util.Objects::nonNull);
    }
}
