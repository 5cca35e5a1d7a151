package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignatureException;
import epsilon.foreign.callback.CallbackType;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * C type names to callback types. Sizes come from {@link Linker#canonicalLayouts()} only; the fixed-width
 * {@code intN_t} names are fixed by their own definition.
 */
public final class CTypeNames {
    private CTypeNames() {}

    private static final Map<String, MemoryLayout> CANONICAL = Linker.nativeLinker().canonicalLayouts();

    /** Names in the order {@link #nameOf} prefers when several share a layout. */
    private static final List<String> PREFERRED = List.of("bool", "char", "short", "int", "long", "long long",
            "float", "double");

    private static final Map<String, String> TYPEDEFS = Map.ofEntries(
            Map.entry("size_t", "size_t"), Map.entry("ssize_t", "size_t"), Map.entry("ptrdiff_t", "size_t"),
            Map.entry("intptr_t", "size_t"), Map.entry("uintptr_t", "size_t"), Map.entry("off_t", "long"),
            Map.entry("wchar_t", "wchar_t"), Map.entry("_Bool", "bool"), Map.entry("bool", "bool"));

    private static final Map<String, ValueLayout> FIXED_WIDTH = Map.of(
            "int8_t", ValueLayout.JAVA_BYTE, "uint8_t", ValueLayout.JAVA_BYTE,
            "int16_t", ValueLayout.JAVA_SHORT, "uint16_t", ValueLayout.JAVA_SHORT,
            "int32_t", ValueLayout.JAVA_INT, "uint32_t", ValueLayout.JAVA_INT,
            "int64_t", ValueLayout.JAVA_LONG, "uint64_t", ValueLayout.JAVA_LONG);

    private static final Set<String> INTEGER_BASES = Set.of("char", "short", "int", "long", "long long");

    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "restrict", "__restrict");

    private static final Set<String> TYPE_WORDS = Set.of("void", "char", "short", "int", "long", "float",
            "double", "signed", "unsigned", "struct", "union", "enum");

    /** The canonical layout of a C name the linker knows ({@code "int"}, {@code "size_t"}, {@code "bool"}). */
    public static ValueLayout layout(String canonicalName) {
        return (ValueLayout) CANONICAL.get(canonicalName);
    }

    /** The C name of a scalar layout, for messages. */
    public static String nameOf(ValueLayout layout) {
        ValueLayout plain = layout.withoutName();
        for (String name : PREFERRED) {
            if (plain.equals(CANONICAL.get(name))) {
                return name;
            }
        }
        return plain.toString();
    }

    /** A short C-like description of any layout, for messages. */
    public static String describe(MemoryLayout layout) {
        if (layout instanceof ValueLayout value) {
            return nameOf(value);
        }
        if (layout instanceof GroupLayout group) {
            return group.name().map(n -> "struct " + n).orElse("struct " + group);
        }
        return layout.toString();
    }

    /**
     * Parses one C type, with an optional declarator name ({@code "const void *a"}, {@code "int count"}).
     *
     * @param where what is being parsed, for messages ("parameter 2 of 'int (*)(int, foo)'")
     */
    public static CallbackType parse(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new CallbackSignatureException("empty C type in " + where);
        }
        String body = text.strip();
        if (body.contains("(")) {
            return CallbackType.POINTER; // a function pointer parameter: an address like any other
        }
        int pointers = 0;
        int bracket = body.indexOf('[');
        if (bracket >= 0) {
            pointers++; // an array parameter decays to a pointer
            body = body.substring(0, bracket);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : body.replace("*", " * ").trim().split("\\s+")) {
            if (!QUALIFIERS.contains(token)) {
                tokens.add(token);
            }
        }
        dropDeclaratorName(tokens);
        List<String> words = new ArrayList<>();
        for (String token : tokens) {
            if (token.equals("*")) {
                pointers++;
            } else if (!token.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new CallbackSignatureException("cannot read C type '" + text.strip() + "' in " + where
                        + ": unexpected '" + token + "'");
            } else {
                words.add(token);
            }
        }
        if (words.isEmpty()) {
            throw new CallbackSignatureException("no type name in '" + text.strip() + "' in " + where);
        }
        String base = String.join(" ", words);
        if (words.getFirst().equals("struct") || words.getFirst().equals("union")) {
            if (pointers > 0) {
                return CallbackType.POINTER;
            }
            throw new CallbackSignatureException("'" + base + "' by value in " + where
                    + " needs its layout: declare it with CallbackType.struct(GroupLayout)");
        }
        if (pointers > 1 || (pointers == 1 && (base.equals("void") || base.endsWith("char")))) {
            return CallbackType.POINTER;
        }
        ValueLayout scalar = pointers == 1 ? scalarOrNull(words) : scalar(words, text, where);
        if (pointers == 1) {
            return scalar == null ? CallbackType.POINTER : CallbackType.pointerTo(scalar);
        }
        return scalar == null ? CallbackType.VOID : CallbackType.scalar(scalar);
    }

    private static void dropDeclaratorName(List<String> tokens) {
        if (tokens.size() < 2) {
            return;
        }
        String last = tokens.getLast();
        String before = tokens.get(tokens.size() - 2);
        boolean identifier = last.matches("[A-Za-z_][A-Za-z0-9_]*");
        boolean typeWord = TYPE_WORDS.contains(last) || TYPEDEFS.containsKey(last) || FIXED_WIDTH.containsKey(last);
        boolean tag = before.equals("struct") || before.equals("union") || before.equals("enum");
        if (identifier && (before.equals("*") || (!typeWord && !tag))) {
            tokens.removeLast();
        }
    }

    private static ValueLayout scalarOrNull(List<String> words) {
        try {
            return scalar(words, "", "");
        } catch (CallbackSignatureException unknownTarget) {
            return null; // a pointer to an unknown type is still a pointer: zero-length
        }
    }

    /** The scalar layout of a base type name; {@code null} for {@code void}. */
    private static ValueLayout scalar(List<String> original, String text, String where) {
        List<String> words = new ArrayList<>(original);
        boolean signedness = words.remove("unsigned") | words.remove("signed");
        if (words.isEmpty()) {
            words.add("int");
        }
        if (words.size() > 1 && (words.contains("short") || words.contains("long"))) {
            words.remove("int");
        }
        String base = String.join(" ", words);
        if (base.equals("void") && !signedness) {
            return null;
        }
        if (base.equals("long double")) {
            throw new CallbackSignatureException("unsupported C type 'long double' in " + where
                    + ": the Java linker has no layout for it");
        }
        if (base.startsWith("enum ")) {
            return layout("int");
        }
        if (signedness && !INTEGER_BASES.contains(base)) {
            throw new CallbackSignatureException("cannot read C type '" + text.strip() + "' in " + where
                    + ": signed/unsigned applies to integer types only");
        }
        if (FIXED_WIDTH.containsKey(base)) {
            return FIXED_WIDTH.get(base);
        }
        String canonical = TYPEDEFS.getOrDefault(base, base);
        if (CANONICAL.get(canonical) instanceof ValueLayout value && !(value instanceof java.lang.foreign.AddressLayout)) {
            return value;
        }
        throw new CallbackSignatureException("unknown C type '" + base + "' in " + where
                + " (known: char, short, int, long, long long, float, double, bool, size_t, intN_t, pointers)");
    }
}
