package epsilon.foreign.marshalling.internal.pp;

import java.lang.foreign.MemoryLayout;
import java.util.List;
import java.util.Map;

/**
 * The standard integer types of a platform by size, from the linker's canonical layouts, spelled as gcc spells
 * them in its predefined macros ({@code long unsigned int}), with their limits ({@code 0x7fffffffffffffffL}).
 */
final class Types {
    private static final List<String> C_TYPES = List.of("char", "short", "int", "long", "long long");
    private static final List<String> SIGNED = List.of("signed char", "short int", "int", "long int",
            "long long int");
    private static final List<String> UNSIGNED = List.of("unsigned char", "short unsigned int", "unsigned int",
            "long unsigned int", "long long unsigned int");

    private final Map<String, MemoryLayout> layouts;

    Types(Map<String, MemoryLayout> layouts) {
        this.layouts = layouts;
    }

    /** The size in bytes of the C type the linker calls {@code name}. */
    int size(String name) {
        MemoryLayout layout = layouts.get(name);
        if (layout == null) {
            throw new IllegalStateException("the native linker publishes no layout for " + name);
        }
        return (int) layout.byteSize();
    }

    /** The first of char, short, int, long, long long that is {@code bytes} wide, spelled as gcc spells it. */
    String name(int bytes, boolean unsigned) {
        for (int i = 0; i < C_TYPES.size(); i++) {
            if (size(C_TYPES.get(i)) == bytes) {
                return (unsigned ? UNSIGNED : SIGNED).get(i);
            }
        }
        throw new IllegalStateException("no C integer type is " + bytes + " bytes wide");
    }

    private int sizeOf(String typeName) {
        int i = SIGNED.indexOf(typeName);
        return size(C_TYPES.get(i >= 0 ? i : UNSIGNED.indexOf(typeName)));
    }

    /** The integer-constant suffix of a type's values: {@code L} for long int, none below int. */
    static String suffix(String typeName) {
        return switch (typeName) {
            case "unsigned int" -> "U";
            case "long int" -> "L";
            case "long unsigned int" -> "UL";
            case "long long int" -> "LL";
            case "long long unsigned int" -> "ULL";
            default -> "";
        };
    }

    /**
     * {@code __<family>_TYPE__}, {@code _MAX__}, and where gcc has them {@code _MIN__} ({@code WCHAR},
     * {@code WINT}) and {@code _WIDTH__} (the signed and size families, not the exact-width ones).
     */
    void type(List<String> d, String family, String typeName) {
        String p = "__" + family;
        d.add(p + "_TYPE__ " + typeName);
        limit(d, p, typeName, family.equals("WCHAR") || family.equals("WINT"));
        boolean width = family.equals("SIZE") || family.equals("PTRDIFF") || family.equals("WCHAR")
                || family.equals("WINT") || family.equals("INTMAX") || family.equals("INTPTR")
                || family.startsWith("INT_");
        if (!width) {
            d.removeLast();
        }
    }

    /** {@code <prefix>_MAX__}, {@code <prefix>_WIDTH__}, and with {@code min} also {@code <prefix>_MIN__}. */
    void limit(List<String> d, String prefix, String typeName, boolean min) {
        int bytes = sizeOf(typeName);
        boolean unsigned = UNSIGNED.contains(typeName);
        String suffix = suffix(typeName);
        String max = (unsigned ? "0x" : "0x7f") + "ff".repeat(unsigned ? bytes : bytes - 1) + suffix;
        d.add(prefix + "_MAX__ " + max);
        if (min) {
            d.add(prefix + "_MIN__ " + (unsigned ? "0" + suffix : "(-" + prefix + "_MAX__ - 1)"));
        }
        d.add(prefix + "_WIDTH__ " + bytes * 8);
    }
}
