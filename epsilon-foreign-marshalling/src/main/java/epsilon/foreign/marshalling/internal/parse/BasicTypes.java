package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.ScalarType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.NativeLayouts;
import epsilon.foreign.marshalling.internal.source.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The C type a list of type-specifier keywords names ({@code unsigned long int}, {@code long double},
 * {@code _Complex float}), with the platform's answers for the types the linker has no layout for, and the
 * types GCC's {@code mode} attribute and built-in names give.
 */
final class BasicTypes {
    /** Keywords that combine into a basic type. */
    static final Set<String> WORDS = Set.of("void", "char", "short", "int", "long", "float", "double", "signed",
            "unsigned", "_Bool", "bool", "__signed__", "__signed", "__unsigned__", "_Complex", "__complex__",
            "__complex", "__int128", "_Float16", "__float128", "__float80", "__bf16", "__ibm128", "_Decimal32",
            "_Decimal64", "_Decimal128");

    private static final String NO_CARRIER = "Java has no primitive for it and the FFM linker no layout to pass it";

    private BasicTypes() {}

    /** The type {@code words} name together. */
    static CType of(List<String> words, Token at, TokenCursor cursor) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : words) {
            String normal = switch (word) {
                case "_Bool" -> "bool";
                case "__signed__", "__signed" -> "signed";
                case "__unsigned__" -> "unsigned";
                case "__complex__", "__complex" -> "_Complex";
                default -> word;
            };
            counts.put(normal, counts.getOrDefault(normal, 0) + 1); // not merge's lambda, spun on a first call
        }
        int longs = counts.getOrDefault("long", 0);
        boolean unsigned = counts.containsKey("unsigned");
        boolean signed = counts.containsKey("signed");
        boolean complex = counts.containsKey("_Complex");
        boolean repeated = false;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            repeated |= !count.getKey().equals("long") && count.getValue() > 1;
        }
        if (repeated || longs > 2 || signed && unsigned) {
            throw invalid(words, at, cursor);
        }
        int sizeWords = (signed || unsigned ? 1 : 0) + longs + (complex ? 1 : 0);
        int others = words.size() - sizeWords;
        if (complex) {
            return complex(counts, longs, words, at, cursor);
        }
        if (counts.containsKey("double")) {
            check(others == 1 && longs <= 1 && !signed && !unsigned, words, at, cursor);
            return longs == 1 ? longDouble() : CType.DOUBLE;
        }
        for (String solitary : new String[] {"void", "bool", "float", "_Float16", "__float128", "__float80", "__bf16",
                "__ibm128", "_Decimal32", "_Decimal64", "_Decimal128"}) {
            if (counts.containsKey(solitary)) {
                check(words.size() == 1, words, at, cursor);
                return switch (solitary) {
                    case "void" -> CType.VOID;
                    case "bool" -> CType.BOOL;
                    case "float" -> CType.FLOAT;
                    case "_Float16", "__bf16" -> OpaqueType.sized(solitary, 2, 2, solitary + ": " + NO_CARRIER);
                    case "_Decimal32" -> OpaqueType.sized(solitary, 4, 4, solitary + ": " + NO_CARRIER);
                    case "_Decimal64" -> OpaqueType.sized(solitary, 8, 8, solitary + ": " + NO_CARRIER);
                    default -> OpaqueType.sized(solitary, 16, 16, solitary + ": " + NO_CARRIER);
                };
            }
        }
        if (counts.containsKey("__int128")) {
            check(others == 1 && longs == 0, words, at, cursor);
            String name = unsigned ? "unsigned __int128" : "__int128";
            return OpaqueType.sized(name, 16, 16, name + ": " + NO_CARRIER);
        }
        boolean withInt = counts.containsKey("int");
        if (counts.containsKey("char")) {
            check(longs == 0 && !withInt && !counts.containsKey("short"), words, at, cursor);
            return !signed && !unsigned ? CType.CHAR : unsigned ? CType.UNSIGNED_CHAR : CType.SIGNED_CHAR;
        }
        if (counts.containsKey("short")) {
            check(longs == 0, words, at, cursor);
            return unsigned ? CType.UNSIGNED_SHORT : CType.SHORT;
        }
        if (words.isEmpty()) {
            throw cursor.expected("a type", at);
        }
        return switch (longs) {
            case 0 -> unsigned ? CType.UNSIGNED_INT : CType.INT;
            case 1 -> unsigned ? CType.UNSIGNED_LONG : CType.LONG;
            default -> unsigned ? CType.UNSIGNED_LONG_LONG : CType.LONG_LONG;
        };
    }

    private static CType complex(Map<String, Integer> counts, int longs, List<String> words, Token at,
                                 TokenCursor cursor) {
        if (counts.containsKey("float")) {
            return OpaqueType.sized("_Complex float", 8, 4, "_Complex float: " + NO_CARRIER);
        }
        if (counts.containsKey("double") && longs == 1) {
            long size = longDouble().byteSize();
            return OpaqueType.sized("_Complex long double", size * 2, Math.max(size, 8),
                    "_Complex long double: " + NO_CARRIER);
        }
        if (counts.containsKey("double") || words.size() == 1) {
            return OpaqueType.sized("_Complex double", 16, 8, "_Complex double: " + NO_CARRIER);
        }
        throw cursor.error(at, "complex integer types ('" + String.join(" ", words) + "') are not supported");
    }

    /**
     * {@code long double}: the same as {@code double} where the ABI says so (Windows, Apple's ARM), otherwise 16
     * bytes that Java can hold only as bytes (x87 extended precision on x86-64, IEEE quad on AArch64 Linux).
     */
    static CType longDouble() {
        if (NativeLayouts.WINDOWS || NativeLayouts.MAC && NativeLayouts.AARCH64) {
            return ((ScalarType) CType.DOUBLE).named("long double");
        }
        return OpaqueType.sized("long double", 16, 16, "long double: " + NO_CARRIER);
    }

    /** The type of GCC's {@code __builtin_va_list} on this platform. */
    static CType vaList() {
        if (NativeLayouts.WINDOWS || NativeLayouts.MAC) {
            return ((epsilon.foreign.marshalling.PointerType) CType.POINTER).named("__builtin_va_list");
        }
        if (NativeLayouts.AARCH64) {
            return StructType.struct("__builtin_va_list")
                    .field("__stack", CType.POINTER).field("__gr_top", CType.POINTER).field("__vr_top", CType.POINTER)
                    .field("__gr_offs", CType.INT).field("__vr_offs", CType.INT).build();
        }
        StructType tag = StructType.struct("struct __va_list_tag")
                .field("gp_offset", CType.UNSIGNED_INT).field("fp_offset", CType.UNSIGNED_INT)
                .field("overflow_arg_area", CType.POINTER).field("reg_save_area", CType.POINTER).build();
        return CType.arrayOf(tag, 1);
    }

    /**
     * {@code base} changed by GCC's {@code mode} attribute: {@code QI}/{@code HI}/{@code SI}/{@code DI} are
     * integers of 1, 2, 4 and 8 bytes, {@code word} and {@code pointer} as wide as a pointer, {@code byte} one
     * byte, {@code SF}/{@code DF} float and double; the sign stays the base type's.
     */
    static CType withMode(CType base, String mode, Token at, TokenCursor cursor) {
        long pointer = CType.POINTER.byteSize();
        boolean signed = base.isSigned();
        long size = switch (mode) {
            case "QI", "byte" -> 1;
            case "HI" -> 2;
            case "SI" -> 4;
            case "DI" -> 8;
            case "word", "pointer", "unwind_word" -> pointer;
            case "SF" -> -4;
            case "DF" -> -8;
            case "TI" -> 16;
            default -> throw cursor.error(at, "unknown machine mode '" + mode + "'");
        };
        if (size == -4) {
            return CType.FLOAT;
        }
        if (size == -8) {
            return CType.DOUBLE;
        }
        if (!base.kind().isInteger() && base.kind() != CType.Kind.CHAR && base.kind() != CType.Kind.ENUM) {
            throw cursor.error(at, "mode(" + mode + ") needs an integer type, not " + base.name());
        }
        if (size == 16) {
            String name = signed ? "__int128" : "unsigned __int128";
            return OpaqueType.sized(name, 16, 16, name + ": " + NO_CARRIER);
        }
        return switch ((int) size) {
            case 1 -> signed ? CType.INT8 : CType.UINT8;
            case 2 -> signed ? CType.INT16 : CType.UINT16;
            case 4 -> signed ? CType.INT32 : CType.UINT32;
            default -> signed ? CType.INT64 : CType.UINT64;
        };
    }

    /** A vector type ({@code vector_size(n)}): {@code n} bytes aligned to {@code n}, with no Java carrier. */
    static CType vector(CType element, long bytes, Token at, TokenCursor cursor) {
        if (bytes <= 0 || Long.bitCount(bytes) != 1 || bytes % Math.max(1, element.byteSize()) != 0) {
            throw cursor.error(at, "vector_size(" + bytes + ") is not a power-of-two multiple of " + element.name());
        }
        String name = element.name() + " __attribute__((vector_size(" + bytes + ")))";
        return OpaqueType.sized(name, bytes, bytes, "vector types: " + NO_CARRIER);
    }

    /** Whether an array type can be the type of an element of another array. */
    static boolean isArray(CType type) {
        return type instanceof ArrayType;
    }

    private static void check(boolean valid, List<String> words, Token at, TokenCursor cursor) {
        if (!valid) {
            throw invalid(words, at, cursor);
        }
    }

    private static epsilon.foreign.marshalling.ParseError invalid(List<String> words, Token at, TokenCursor cursor) {
        return cursor.error(at, "invalid combination of type specifiers '" + String.join(" ", words) + "'");
    }
}
