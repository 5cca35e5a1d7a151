package epsilon.foreign.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated structs and values through the struct module's public entry points: definitions are built or refused
 * with a documented exception, field writes and reads of any value give the value back, a ConversionError or another
 * ForeignError, and a view over memory of any size is made or refused, never a JDK exception.
 */
class StructPropertiesTest {
    private static final List<String> FIELD_TYPES = List.of("char", "unsigned char", "short", "int", "unsigned int",
            "long", "long long", "unsigned long long", "float", "double", "_Bool", "const char *", "void *", "char[8]",
            "int[3]", "int8_t", "uint16_t", "size_t");

    @Property(tries = 300)
    void definitionsAreBuiltOrRefusedWithADocumentedException(
            @ForAll("fieldLists") List<Tuple.Tuple2<String, String>> fields) {
        outcome(() -> define(fields));
    }

    @Property(tries = 300)
    void writesAndReadsOfAnyValueGiveTheValueOrADocumentedException(
            @ForAll("fieldLists") List<Tuple.Tuple2<String, String>> fields, @ForAll("value") Object value) {
        StructType type;
        try {
            type = define(fields);
        } catch (ForeignError | IllegalArgumentException refused) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(type, arena);
            for (var field : fields) {
                outcome(() -> view.set(field.get1(), value, arena));
                outcome(() -> view.get(field.get1()));
            }
            outcome(view::toMap);
            outcome(() -> view.write(java.util.Collections.singletonMap(fields.getFirst().get1(), value)));
        }
    }

    @Property(tries = 300)
    void integersInRangeComeBackAndOthersAreConversionErrors(@ForAll("integerTypes") String cType,
            @ForAll long value) {
        StructType type = StructType.struct("struct one").field("x", cType).build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(type, arena);
            try {
                view.set("x", value);
            } catch (ConversionError outOfRange) {
                return;
            }
            // plain char takes -128..255 (either signedness, as C code writes bytes) and reads back as this
            // platform's char: the byte's bits
            long expected = cType.equals("char") ? (long) (byte) value : value;
            assertEquals(expected, ((Number) view.get("x")).longValue(), cType);
        }
    }

    @Property(tries = 200)
    void viewsOverMemoryOfAnySizeAreMadeOrRefused(@ForAll("fieldLists") List<Tuple.Tuple2<String, String>> fields,
            @ForAll("sizes") int size) {
        StructType type;
        try {
            type = define(fields);
        } catch (ForeignError | IllegalArgumentException refused) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = size < 0 ? MemorySegment.NULL : arena.allocate(size, 16);
            outcome(() -> StructView.of(type, memory));
            outcome(() -> StructView.of(type, memory.asReadOnly()).set(fields.getFirst().get1(), 1));
            outcome(() -> StructView.fromBytes(type, new byte[Math.max(size, 0)], arena));
            outcome(() -> StructView.allocateArray(type, arena, Math.min(size, 100)));
        }
    }

    private static StructType define(List<Tuple.Tuple2<String, String>> fields) {
        StructType.Builder builder = StructType.struct("struct generated");
        fields.forEach(field -> builder.field(field.get1(), field.get2()));
        return builder.build();
    }

    /** The call returns, or throws a ForeignError, or (for a malformed definition) an IllegalArgumentException. */
    private static void outcome(Callable<?> call) {
        try {
            call.call();
        } catch (ForeignError documented) {
            assertTrue(documented.getMessage() != null && !documented.getMessage().isBlank(), documented::toString);
        } catch (IllegalArgumentException definition) {
            assertTrue(definition.getStackTrace()[0].getClassName().startsWith("epsilon.foreign"),
                    () -> "an IllegalArgumentException from the JDK, not the library: " + definition);
        } catch (Exception undocumented) {
            throw new AssertionError("undocumented outcome: " + undocumented, undocumented);
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> fieldLists() {
        Arbitrary<String> name = Arbitraries.oneOf(List.of(Arbitraries.of("a", "b", "x", "a.b", "", "1st", "int"),
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3)));
        Arbitrary<String> type = Arbitraries.oneOf(List.of(Arbitraries.of(FIELD_TYPES),
                Arbitraries.of("struct undefined", "void", "int[0]", "no_such_t", "int (*)(int)", "", "double[2]")));
        return Combinators.combine(name, type).as(Tuple::of).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Object> value() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(12).map(Object.class::cast),
                Arbitraries.of(true, 'c', (byte) -1, (short) 300, 1.5f, new int[] {1, 2, 3}, new byte[20],
                        new Object(), List.of(1), MemorySegment.NULL).map(Object.class::cast),
                Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<String> integerTypes() {
        return Arbitraries.of("char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
                "long", "unsigned long", "long long", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t",
                "uint32_t", "int64_t");
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(List.of(Arbitraries.integers().between(-1, 80), Arbitraries.of(-5, 1 << 20)));
    }
}
