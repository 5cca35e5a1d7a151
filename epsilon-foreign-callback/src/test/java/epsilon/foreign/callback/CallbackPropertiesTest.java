package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated input at the module's entry points, against the real libc: whatever signature text reaches
 * {@link Callbacks#create}, it answers with a live callback or a {@link ForeignError}; and a comparator callback
 * sorts through {@code qsort} exactly as {@link Arrays#sort} does.
 */
class CallbackPropertiesTest {
    /** C types a signature may use, many valid, some that no callback can take by value, some unknown. */
    private static final List<String> TYPES = List.of("int", "unsigned int", "char", "signed char", "unsigned char",
            "short", "long", "unsigned long long", "size_t", "float", "double", "bool", "_Bool", "void *",
            "char *", "const char *", "const int *", "int **", "time_t", "wchar_t", "uint8_t", "int64_t", "pid_t",
            "long double", "FILE *", "FILE", "sqlite3 *", "foo_t", "struct nowhere", "struct nowhere *",
            "_Complex double", "__int128", "int (*)(int)", "void (*handler)(int, ...)", "enum e { A = 1, B = 5 }",
            "struct pt { int x, y; }", "struct mix { int key; double value; }", "struct big { long a, b, c; }",
            "union u { int i; float f; }", "struct packed { char c; int x; } __attribute__((packed))",
            "struct wide { char c; } __attribute__((aligned(32)))", "struct bits { unsigned flag : 1; }",
            "int[4]", "char name[]", "const volatile int");
    /** Pieces a mutation inserts: punctuation, keywords and fragments that break or bend C. */
    private static final List<String> PIECES = List.of("(", ")", "*", ",", ";", "...", "void", "const", "[3]",
            "struct", "{", "}", "int", "__attribute__((packed))", "(*)", "unsigned", "long", "x", "#", "'", "\"",
            "/*", "*/", "\n", "0x", "=", "enum", "typedef", "signed double");

    @Property(tries = 400)
    void shouldAnswerSignatureTextWithACallbackOrAForeignError(@ForAll("signatures") String text) {
        try (Callback made = Callbacks.create(args -> null, text)) {
            assertTrue(made.isAlive());
            assertTrue(Callbacks.registry().byAddress(made.pointer()).isPresent());
            Statistics.label("outcome").collect("created");
        } catch (ForeignError refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
            Statistics.label("outcome").collect(refused.getClass().getSimpleName());
        }
        // the generator must reach both sides, or the property proves little
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("created").percentage(p -> p >= 15);
            coverage.check("ParseError").percentage(p -> p >= 15);
            coverage.check("CallbackSignatureError").count(n -> n >= 5);
        });
    }

    @Property(tries = 200)
    void shouldAnswerAnyTextWithACallbackOrAForeignError(@ForAll @StringLength(max = 80) String text) {
        try (Callback made = Callbacks.create(args -> null, text)) {
            assertTrue(made.isAlive());
        } catch (ForeignError refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
        }
    }

    /**
     * Signatures in both spellings ({@code R (*name)(P...)} and {@code R name(P...)}) over {@link #TYPES}, half of
     * them then mutated by deleting a stretch or inserting one of {@link #PIECES} somewhere.
     */
    @Provide
    Arbitrary<String> signatures() {
        Arbitrary<String> result = Arbitraries.oneOf(Arbitraries.of("void"), Arbitraries.of(TYPES));
        Arbitrary<String> parameter = Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of("", " p", " q"))
                .as((type, name) -> type.contains("(*") || type.endsWith("]") ? type : type + name);
        Arbitrary<String> parameters = Arbitraries.oneOf(Arbitraries.of("void", ""),
                parameter.list().ofMinSize(1).ofMaxSize(5).map(list -> String.join(", ", list)),
                parameter.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join(", ", list) + ", ..."));
        Arbitrary<String> declarator = Arbitraries.of("(*)", "(*cb)", "(* const)", "compare", "f");
        Arbitrary<String> written = Combinators.combine(result, declarator, parameters)
                .as((r, d, p) -> r + " " + d + "(" + p + ")");
        return Combinators.combine(written, Arbitraries.integers().between(0, 3), Arbitraries.of(PIECES),
                Arbitraries.integers().between(0, 200), Arbitraries.integers().between(1, 6))
                .as((text, mutation, piece, at, length) -> {
                    int cut = Math.min(at, text.length());
                    return switch (mutation) {
                        case 0 -> text.substring(0, cut) + text.substring(Math.min(text.length(), cut + length));
                        case 1 -> text.substring(0, cut) + piece + text.substring(cut);
                        default -> text; // unmutated: mostly valid
                    };
                });
    }

    /** {@code struct pair { int first; int second; }}: what the comparator sorts. */
    private static final StructType PAIR = StructType.struct("struct pair").field("first", "int")
            .field("second", "int").build();
    private static final CPrototype PAIR_COMPARATOR = CPrototype.of(null, CType.INT, CType.pointerToConst(PAIR),
            CType.pointerToConst(PAIR));
    private static final Comparator<int[]> BY_FIRST_THEN_SECOND = Comparator.<int[]>comparingInt(pair -> pair[0])
            .thenComparingInt(pair -> pair[1]);

    @Property(tries = 200)
    void shouldSortIntPairsThroughQsortAsArraysSortDoes(@ForAll("pairs") List<int[]> pairs) {
        // Integer.compare, not a subtraction: the generator's edge cases include MIN_VALUE and MAX_VALUE
        Comparator<MemorySegment> byFirstThenSecond = (a, b) -> {
            int first = Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
            return first != 0 ? first : Integer.compare(a.get(JAVA_INT, 4), b.get(JAVA_INT, 4));
        };
        int[][] expected = pairs.toArray(int[][]::new);
        Arrays.sort(expected, BY_FIRST_THEN_SECOND);
        int[] flat = pairs.stream().flatMapToInt(Arrays::stream).toArray();
        try (Arena arena = Arena.ofConfined();
                Callback comparator = Callbacks.of(Comparator.class, byFirstThenSecond, PAIR_COMPARATOR)) {
            MemorySegment array = arena.allocate(Math.max(4, flat.length * 4L));
            MemorySegment.copy(flat, 0, array, JAVA_INT, 0, flat.length);
            Libc.qsort(array, pairs.size(), PAIR.byteSize(), comparator.pointer());
            CallbackFailures.rethrowIfPending();
            int[] sorted = array.asSlice(0, flat.length * 4L).toArray(JAVA_INT);
            assertEquals(expected.length * 2, sorted.length);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], new int[] {sorted[2 * i], sorted[2 * i + 1]}, "pair " + i);
            }
        }
    }

    @Provide
    Arbitrary<List<int[]>> pairs() {
        return Arbitraries.integers().array(int[].class).ofSize(2).list().ofMaxSize(60);
    }
}
