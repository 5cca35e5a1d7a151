package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The conversion rules under generated values and types: any Java value for any C type converts or is refused with a
 * ForeignError naming the site; what converts reads back as itself; type spellings parse or are ParseErrors.
 */
class MarshalPropertiesTest {
    private static final List<String> SPELLINGS = List.of("char", "signed char", "unsigned char", "short",
            "unsigned short", "int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long",
            "float", "double", "_Bool", "char *", "const char *", "void *", "int *", "double *", "char **",
            "int[4]", "char[6]", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t",
            "uint64_t", "size_t", "ssize_t", "wchar_t", "wchar_t *", "int (*)(int)", "void");

    @Property(tries = 600)
    void anyValueForAnyTypeConvertsOrIsAForeignErrorNamingTheSite(@ForAll("types") CType type,
            @ForAll("values") Object value) {
        try (Arena arena = Arena.ofConfined()) {
            documented(() -> Marshal.toForeign(value, type, arena, "f", 2));
            documented(() -> Marshal.variadicType(value, "f", 2));
            MemorySegment cell = arena.allocate(64, 16);
            documented(() -> {
                Marshal.write(cell, 8, type, value, arena);
                return Marshal.read(cell, 8, type);
            });
        }
    }

    @Property(tries = 600)
    void integersThatConvertComeBackAsThemselves(@ForAll("integerTypes") CType type, @ForAll("integers") BigInteger n) {
        try (Arena arena = Arena.ofConfined()) {
            Object carrier;
            try {
                carrier = Marshal.toForeign(n, type, arena);
            } catch (ConversionError outOfRange) {
                assertTrue(outOfRange.getMessage().contains("does not fit C type " + type.name()),
                        outOfRange.getMessage());
                return;
            }
            Object back = Marshal.fromForeign(carrier, type);
            BigInteger read = back instanceof BigInteger big ? big : BigInteger.valueOf(((Number) back).longValue());
            BigInteger expected = type.kind() == CType.Kind.UINT64 ? n.and(BigInteger.ONE.shiftLeft(64).subtract(
                    BigInteger.ONE)) : n;
            assertEquals(expected, type.kind() == CType.Kind.UINT64 ? read.and(BigInteger.ONE.shiftLeft(64)
                    .subtract(BigInteger.ONE)) : read, type.name());
        }
    }

    @Property(tries = 400)
    void spellingsParseOrAreParseErrors(@ForAll("spellings") String spelling) {
        try {
            CType type = CType.parse(spelling);
            assertTrue(type.name() != null && !type.name().isBlank(), spelling);
        } catch (ParseError unreadable) {
            assertTrue(unreadable.getMessage() != null, spelling);
        }
    }

    private static void documented(Callable<?> call) {
        try {
            call.call();
        } catch (ForeignError refused) {
            String message = refused.getMessage();
            assertTrue(message != null && !message.isBlank(), refused::toString);
        } catch (Exception undocumented) {
            throw new AssertionError("undocumented outcome: " + undocumented, undocumented);
        }
    }

    @Provide
    Arbitrary<CType> types() {
        return Arbitraries.of(SPELLINGS).map(CType::parse);
    }

    @Provide
    Arbitrary<CType> integerTypes() {
        return Arbitraries.of(SPELLINGS).map(CType::parse).filter(t -> switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        });
    }

    @Provide
    Arbitrary<BigInteger> integers() {
        return Arbitraries.oneOf(List.of(Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(65).negate(),
                BigInteger.ONE.shiftLeft(65)), Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.integers().between(-70_000, 70_000).map(BigInteger::valueOf)));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.floats().map(Object.class::cast),
                Arbitraries.shorts().map(Object.class::cast),
                Arbitraries.bytes().map(Object.class::cast),
                Arbitraries.chars().map(Object.class::cast),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(70).negate(), BigInteger.ONE.shiftLeft(70))
                        .map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.of(true, false, Double.NaN, new java.math.BigDecimal("1.5"), new int[3], new byte[0],
                        new long[] {1}, new char[2], new boolean[1], new String[] {"a", null}, new Object[] {1, 2.5},
                        new Integer[] {1}, MemorySegment.NULL, MemorySegment.ofArray(new byte[4]), List.of(1),
                        new Object(), ByReference.empty(), ByReference.of(7), ByReference.empty(String.class))
                        .map(Object.class::cast),
                Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<String> spellings() {
        Arbitrary<String> word = Arbitraries.of("int", "char", "unsigned", "long", "const", "*", "(", ")", "[",
                "]", "3", "struct", "s", "enum", "e", "{", "}", ";", "volatile", "double", "void", ",", "...",
                "__attribute__((packed))", "_Atomic", "restrict", "x", "-", "0x7fffffffffffffff");
        return Arbitraries.oneOf(List.of(Arbitraries.of(SPELLINGS), Arbitraries.strings().ofMaxLength(30),
                word.list().ofMaxSize(8).map(words -> String.join(" ", words))));
    }
}
