package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated input to the public entry points: every outcome is a result or a documented exception (a
 * {@link ForeignError}, or a {@link NullPointerException} naming an API parameter), never another exception, a hang
 * or a crash. The functions are those whose pointer parameters C declares nonnull or reads only up to a NUL, and
 * pointer values are Java's own (strings, zeroed arrays and segments, holders) or NULL: a random address would crash
 * C, which no library can prevent and which the javadoc says.
 */
class PublicEntryPointPropertiesTest {
    private static final List<String> PROTOTYPES = List.of(
            "long labs(long j)",
            "int toupper(int c)",
            "size_t strlen(const char *s)",
            "size_t strspn(const char *s, const char *accept)",
            "int atoi(const char *nptr)",
            "long strtol(const char *nptr, char **endptr, int base)",
            "char *getenv(const char *name)",
            "unsigned char toascii_bits(unsigned char c)", // not in libc: UnknownSymbolError
            "double ldexp(double x, int exp)");
    private static final Set<String> API_PARAMETERS = Set.of("function", "prototype", "library", "returnType",
            "argumentTypes", "parameterTypes", "options", "nameOrPath", "type", "segment", "memory");
    private static final Arena ARENA = Arena.ofAuto();

    @Property(tries = 400)
    void sharedCallsWithArbitraryArgumentsGiveOnlyDocumentedOutcomes(@ForAll("prototypes") String prototype,
            @ForAll("argumentLists") List<Object> arguments) {
        assertDocumented(() -> Foreign.sharedCall(prototype, "c", arguments.toArray()));
    }

    @Property(tries = 200)
    void callsByNameAndResolvedFunctionsGiveOnlyDocumentedOutcomes(@ForAll("knownNames") String name,
            @ForAll("argumentLists") List<Object> arguments) {
        assertDocumented(() -> Foreign.call(name, arguments.toArray()));
        assertDocumented(() -> Foreign.defshared(prototypeOf(name), "c").invoke(arguments.toArray()));
    }

    @Property(tries = 200)
    void prototypeTextThatNamesNoFunctionGivesOnlyDocumentedOutcomes(@ForAll("prototypeTexts") String prototype) {
        assertDocumented(() -> Foreign.sharedCall(prototype, "c"));
        assertDocumented(() -> Foreign.defshared(prototype, "m"));
    }

    @Property(tries = 150)
    void allocationsOfAnySizeGiveOnlyDocumentedOutcomes(@ForAll("types") CType type, @ForAll("counts") long count,
            @ForAll("argument") Object contents) {
        assertDocumented(() -> {
            try (ForeignMemory memory = Foreign.foreignAlloc(type, count, contents)) {
                return memory.segment().byteSize();
            }
        });
    }

    @Property(tries = 150)
    void libraryNamesGiveALibraryOrAnUnknownLibraryError(@ForAll("libraryNames") String name) {
        assertDocumented(() -> Foreign.libOpen(name));
    }

    private static void assertDocumented(java.util.concurrent.Callable<?> entry) {
        try {
            entry.call();
        } catch (ForeignError documented) {
            assertTrue(documented.getMessage() != null && !documented.getMessage().isBlank(),
                    () -> "a ForeignError without a message: " + documented);
        } catch (NullPointerException apiParameter) {
            assertTrue(API_PARAMETERS.contains(apiParameter.getMessage()),
                    () -> "a NullPointerException that names no API parameter: " + apiParameter);
        } catch (Exception undocumented) {
            throw new AssertionError("undocumented outcome: " + undocumented, undocumented);
        }
    }

    private static String prototypeOf(String name) {
        return PROTOTYPES.stream().filter(p -> p.contains(" " + name + "(") || p.contains("*" + name + "("))
                .findFirst().orElseThrow();
    }

    @Provide
    Arbitrary<String> prototypes() {
        return Arbitraries.of(PROTOTYPES);
    }

    @Provide
    Arbitrary<String> knownNames() {
        return Arbitraries.of("labs", "toupper", "strlen", "strspn", "atoi", "strtol", "getenv", "ldexp");
    }

    @Provide
    Arbitrary<List<Object>> argumentLists() {
        return argument().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Object> argument() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.shorts().map(Object.class::cast),
                Arbitraries.bytes().map(Object.class::cast),
                Arbitraries.chars().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.floats().map(Object.class::cast),
                Arbitraries.of(true, false, Double.NaN, Float.POSITIVE_INFINITY).map(Object.class::cast),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(70).negate(), BigInteger.ONE.shiftLeft(70))
                        .map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(40).map(Object.class::cast),
                Arbitraries.strings().withChars("0123456789abcxyz -+\u0000\u00e9").ofMaxLength(12)
                        .map(Object.class::cast),
                Arbitraries.just(null),
                Arbitraries.integers().between(0, 64).map(n -> (Object) new byte[n]),
                Arbitraries.integers().between(0, 16).map(n -> (Object) new int[n]),
                Arbitraries.integers().between(1, 64).map(n -> (Object) ARENA.allocate(n)),
                Arbitraries.of(MemorySegment.NULL, MemorySegment.ofArray(new byte[8]), new String[] {"x", null},
                        new Object[] {1, "two"},
                        new Long[] {1L}, new MemorySegment[1], List.of(1, 2), Map.of("a", 1), new Object(),
                        Thread.State.NEW, CType.INT).map(Object.class::cast),
                Arbitraries.of(ByReference.empty(), ByReference.empty(String.class), ByReference.empty(Integer.class),
                        ByReference.of(3L), ByReference.empty(MemorySegment.class)).map(Object.class::cast)));
    }

    @Provide
    Arbitrary<String> prototypeTexts() {
        Arbitrary<String> type = Arbitraries.of("int", "void", "char *", "const char *", "struct s", "struct s *",
                "unsigned long long", "double", "float", "_Bool", "int[3]", "int (*)(int)", "enum e", "sqlite3 *",
                "long double", "__int128", "void (*)(void)", "...", "const", "volatile int", "", "(", ")", ",");
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                .map(n -> "epsilon_absent_" + n);
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().ofMaxLength(60),
                net.jqwik.api.Combinators.combine(type, name, type.list().ofMaxSize(4))
                        .as((result, symbol, parameters) -> result + " " + symbol + "(" + String.join(", ", parameters)
                                + ")"),
                net.jqwik.api.Combinators.combine(type, name, type.list().ofMaxSize(4))
                        .as((result, symbol, parameters) -> result + " " + symbol + "(" + String.join(" ", parameters))));
    }

    @Provide
    Arbitrary<CType> types() {
        return Arbitraries.of(CType.INT, CType.CHAR, CType.DOUBLE, CType.POINTER, CType.STRING, CType.UINT8,
                CType.LONG_LONG, CType.VOID, CType.UNSIGNED_INT, CType.parse("int[4]"));
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.oneOf(List.of(Arbitraries.longs().between(-3, 64), Arbitraries.of(Long.MIN_VALUE,
                Long.MAX_VALUE, 1L << 50, Long.MAX_VALUE / 4, -(1L << 40))));
    }

    @Provide
    Arbitrary<String> libraryNames() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of("c", "m", "", " ", "libc.so.6", "/no/such/dir/libx.so", "..", "/", "c\u0000m"),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMaxLength(12)
                        .map(n -> "epsilon-absent-" + n)));
    }
}
