package epsilon.foreign.marshalling.headers;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated C struct and union definitions that gcc accepts: scalars, pointers, function pointers, small arrays,
 * nested and anonymous structs and unions, arrays of them, bit-fields named and unnamed (zero-width among them), types
 * Java has no carrier for, {@code packed} and {@code aligned} on members and on the type, and {@code #pragma pack}.
 * Each is a {@code typedef} of the name given.
 */
final class StructDeclarations {
    private StructDeclarations() {}

    private static final List<String> SCALARS = List.of("char", "signed char", "unsigned char", "short",
            "unsigned short", "int", "unsigned int", "long", "unsigned long", "long long", "float", "double", "void *",
            "char *", "_Bool", "float", "double", "int", "char", "int (*)(void)");
    private static final List<String> RARE = List.of("long double", "_Float16", "_Complex float", "_Complex double",
            "__int128");
    /** Bit-field types and their widths in bits. */
    private static final List<String> BIT_TYPES = List.of("char:8", "unsigned char:8", "short:16", "int:32",
            "unsigned int:32", "long:64", "unsigned long long:64", "_Bool:1");

    /** A {@code typedef} of a struct or union named {@code name}, maybe under {@code #pragma pack}; ends in a newline. */
    static Arbitrary<String> typedef(String name) {
        Arbitrary<String> kind = Arbitraries.of("struct", "struct", "struct", "union");
        Arbitrary<String> attributes = Arbitraries.of("", "", "", "", " __attribute__((packed))",
                " __attribute__((aligned(8)))", " __attribute__((aligned(16)))", " __attribute__((aligned(2)))");
        Arbitrary<Integer> pack = Arbitraries.of(0, 0, 0, 0, 1, 2, 4);
        return Combinators.combine(kind, members(2, "f"), attributes, pack).as((k, body, attribute, packing) -> {
            String definition = "typedef " + k + " { " + body + " }" + attribute + " " + name + ";\n";
            return packing == 0 ? definition
                    : "#pragma pack(push, " + packing + ")\n" + definition + "#pragma pack(pop)\n";
        });
    }

    /**
     * One to five members named {@code prefix} and their index, nested structs at most {@code depth} deep; at least
     * one is named.
     */
    private static Arbitrary<String> members(int depth, String prefix) {
        return member(depth).list().ofMinSize(1).ofMaxSize(5).map(list -> {
            StringBuilder body = new StringBuilder();
            boolean named = false;
            for (int i = 0; i < list.size(); i++) {
                String member = list.get(i).replace("@", prefix + i);
                named |= !list.get(i).startsWith("unnamed ");
                body.append(member.startsWith("unnamed ") ? member.substring(8) : member).append("; ");
            }
            return named ? body.toString() : body + "char " + prefix + "last; ";
        });
    }

    /**
     * A member, with {@code @} where its name goes; an unnamed bit-field or anonymous member starts with
     * {@code "unnamed "}. The members of an anonymous one join the enclosing struct's, so their names start with
     * the {@code @} the enclosing one replaces, which keeps them unique.
     */
    private static Arbitrary<String> member(int depth) {
        Arbitrary<String> scalar = Combinators.combine(Arbitraries.of(SCALARS), Arbitraries.of("", "", "", "[2]",
                "[3]", "[1]")).as((type, array) -> type.contains("(*)") ? type.replace("(*)", "(*@" + array + ")")
                        : type + " @" + array);
        Arbitrary<String> rare = Arbitraries.of(RARE).map(type -> type + " @");
        Arbitrary<String> bitField = Combinators.combine(Arbitraries.of(BIT_TYPES), Arbitraries.integers().between(0,
                64), Arbitraries.of(true, true, false)).as((typed, width, named) -> {
                    String type = typed.substring(0, typed.indexOf(':'));
                    int bits = Integer.parseInt(typed.substring(typed.indexOf(':') + 1));
                    int w = Math.min(width, bits);
                    return named && w > 0 ? type + " @ : " + w : "unnamed " + type + " : " + w;
                });
        Arbitrary<String> attributed = Combinators.combine(scalar, Arbitraries.of(" __attribute__((aligned(4)))",
                " __attribute__((aligned(8)))", " __attribute__((packed))", " __attribute__((aligned(16)))"))
                .as((m, attribute) -> m + attribute);
        if (depth == 0) {
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(3, bitField),
                    net.jqwik.api.Tuple.of(1, rare), net.jqwik.api.Tuple.of(1, attributed));
        }
        Arbitrary<String> nested = Combinators.combine(Arbitraries.of("struct", "union"), members(depth - 1, "g"),
                Arbitraries.of("", "", " __attribute__((packed))"), Arbitraries.of(" @", " @", " @[2]"))
                .as((k, body, attribute, name) -> k + " { " + body + " }" + attribute + name);
        Arbitrary<String> anonymous = Combinators.combine(Arbitraries.of("struct", "union"),
                members(depth - 1, "@a"), Arbitraries.of("", "", " __attribute__((packed))"))
                .as((k, body, attribute) -> "unnamed " + k + " { " + body + " }" + attribute);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(3, bitField),
                net.jqwik.api.Tuple.of(1, rare), net.jqwik.api.Tuple.of(1, attributed),
                net.jqwik.api.Tuple.of(2, nested), net.jqwik.api.Tuple.of(1, anonymous));
    }
}
