package epsilon.foreign.marshalling.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.ParseError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Whatever text reaches the front end, it answers with a result or a {@link ForeignError} ({@link ParseError} for
 * text it cannot read, {@code DeclarationError} for declarations C forbids): never another exception, a stack
 * overflow, a hang or an out-of-memory error. Random text, token soups and mutations of real declarations.
 */
class ParserRobustnessTest {
    private static final String SEED = """
            typedef unsigned long size_t;
            #define LIMIT (4 * sizeof(int))
            struct point { int x, y; } __attribute__((packed));
            typedef struct node { struct node *next; char name[LIMIT]; unsigned flags : 3; } node_t;
            enum color { RED, GREEN = 1 << 4, BLUE };
            union value { int i; double d; };
            extern int compare(const void *a, const void *b) __attribute__((nonnull(1, 2)));
            void (*signal(int sig, void (*handler)(int)))(int);
            #pragma pack(push, 1)
            struct packed { char c; long l; };
            #pragma pack(pop)
            static inline int twice(int x) { return 2 * x; }
            """;
    private static final List<String> TOKENS = List.of("int", "char", "struct", "union", "enum", "typedef", "{", "}",
            "(", ")", "[", "]", "*", ";", ",", ":", "=", "...", "const", "unsigned", "long", "x", "y", "1", "0x10",
            "'a'", "\"s\"", "__attribute__", "((", "))", "packed", "aligned", "#define", "#if", "#endif", "\n",
            "sizeof", "?", "<<", "-", "void", "__asm__", "_Static_assert", "#pragma pack(1)", "##", "#");

    /** Runs {@code parse}, failing on any throwable that is not a ForeignError, and on taking too long. */
    private static void onlyForeignErrors(Supplier<?> parse) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                parse.get();
            } catch (ForeignError expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        });
    }

    @Property(tries = 300)
    void shouldAnswerRandomTextWithAResultOrAParseError(@ForAll @StringLength(max = 200) String text) {
        onlyForeignErrors(() -> CType.parse(text));
        onlyForeignErrors(() -> CPrototype.parse(text));
        onlyForeignErrors(() -> CHeader.parse(text));
    }

    @Property(tries = 300)
    void shouldAnswerTokenSoupsWithAResultOrAParseError(@ForAll("soups") String text) {
        onlyForeignErrors(() -> CHeader.parse(text));
        onlyForeignErrors(() -> CPrototype.parse(text));
    }

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join(" ", tokens));
    }

    @Property(tries = 300)
    void shouldAnswerMutatedDeclarationsWithAResultOrAParseError(@ForAll("mutations") String text) {
        onlyForeignErrors(() -> CHeader.parse(text));
    }

    @Provide
    Arbitrary<String> mutations() {
        List<String> lines = SEED.lines().toList();
        Arbitrary<Integer> line = Arbitraries.integers().between(0, lines.size() - 1);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        Arbitrary<String> insert = Arbitraries.of(TOKENS);
        return net.jqwik.api.Combinators.combine(line, kind, insert, Arbitraries.integers().between(0, 80))
                .as((at, what, token, column) -> {
                    List<String> mutated = new ArrayList<>(lines);
                    String target = mutated.get(at);
                    int cut = Math.min(column, target.length());
                    switch (what) {
                        case 0 -> mutated.remove((int) at);
                        case 1 -> mutated.add(at, target);
                        case 2 -> mutated.set(at, target.substring(0, cut));
                        case 3 -> mutated.set(at, target.substring(0, cut) + " " + token + " " + target.substring(cut));
                        case 4 -> mutated.set(at, target.substring(cut));
                        default -> java.util.Collections.swap(mutated, at, (at + 1) % mutated.size());
                    }
                    return String.join("\n", mutated);
                });
    }

    @Test
    void shouldRefuseDeepNestingWithAParseErrorNotAStackOverflow() {
        String parentheses = "int " + "(".repeat(100_000) + "x" + ")".repeat(100_000) + ";";
        ParseError nested = assertThrows(ParseError.class, () -> CHeader.parse(parentheses));
        assertTrue(nested.getMessage().contains("nested"), nested.getMessage());
        ParseError pointers = assertThrows(ParseError.class, () -> CType.parse("int " + "*".repeat(100_000)));
        assertTrue(pointers.getMessage().contains("at most 256 are supported"), pointers.getMessage());
        ParseError structs = assertThrows(ParseError.class, () -> CHeader.parse(
                "struct a { ".repeat(20_000) + "int x;" + " } b;".repeat(20_000)));
        assertTrue(structs.getMessage().contains("nested"), structs.getMessage());
        ParseError expression = assertThrows(ParseError.class, () -> CHeader.parse(
                "int a[" + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "];"));
        assertTrue(expression.getMessage().contains("nested"), expression.getMessage());
        ParseError unary = assertThrows(ParseError.class, () -> CHeader.parse("int a[" + "- ".repeat(50_000) + "1];"));
        assertTrue(unary.getMessage().contains("nested"), unary.getMessage());
    }

    @Test
    void shouldParseLargeInputInLinearTime() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("struct s").append(i).append(" { int a; char b[").append(i % 7 + 1).append("]; };\n")
                    .append("int f").append(i).append("(struct s").append(i).append(" *p, unsigned long n);\n");
        }
        CHeader header = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CHeader.parse(text.toString()));
        assertEquals(20_000, header.functions().size());
        assertEquals(20_000, header.structs().size());
    }
}
