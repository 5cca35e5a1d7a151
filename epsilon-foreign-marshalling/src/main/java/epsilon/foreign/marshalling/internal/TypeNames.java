package epsilon.foreign.marshalling.internal;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.parse.FrontEnd;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every name a type can be looked up by: the Lisp keywords and Java constant names ({@code "unsigned-long"},
 * {@code "UNSIGNED_LONG"}) answered here, the names users register with {@link CType#define}, and C text, which goes
 * to the one front end ({@link FrontEnd}) with the platform's built-in typedefs.
 */
public final class TypeNames {
    private static final Set<String> C_KEYWORDS = Set.of("void", "char", "short", "int", "long", "float", "double",
            "signed", "unsigned", "_Bool", "bool", "struct", "union", "enum", "const", "volatile", "restrict");

    private static final Map<String, CType> KEYWORDS = keywords();
    private static final Map<String, CType> USER = new ConcurrentHashMap<>();
    /** Counts definitions, so that what was read from C text before one can be read again. */
    private static final java.util.concurrent.atomic.AtomicInteger GENERATION = new java.util.concurrent.atomic.AtomicInteger();

    private TypeNames() {}

    /** See {@link CType#parse(String)}. */
    public static CType parse(String spelling) {
        Objects.requireNonNull(spelling, "spelling");
        String trimmed = spelling.strip();
        CType user = USER.get(trimmed.startsWith(":") ? trimmed.substring(1) : trimmed);
        if (user != null) {
            return user;
        }
        if (isWord(trimmed, trimmed.startsWith(":") ? 1 : 0)) {
            String keyword = (trimmed.startsWith(":") ? trimmed.substring(1) : trimmed)
                    .toLowerCase(Locale.ROOT).replace('_', '-');
            CType type = KEYWORDS.get(keyword);
            if (type != null) {
                return type;
            }
        }
        return FrontEnd.typeName(spelling);
    }

    /**
     * Whether {@code text} from {@code start} on is a word: a letter or underscore, then letters, digits, underscores
     * and hyphens. By hand rather than a regex, which would load the regex engine on a program's first call.
     */
    private static boolean isWord(String text, int start) {
        if (start >= text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && (i == start || !(c >= '0' && c <= '9' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** See {@link CType#define(String, CType)}. */
    public static CType define(String name, CType as) {
        Objects.requireNonNull(as, "as");
        String bare = Objects.requireNonNull(name, "name").strip();
        if (bare.startsWith(":")) {
            bare = bare.substring(1);
        }
        int tag = bare.startsWith("struct ") ? 7 : bare.startsWith("union ") ? 6 : bare.startsWith("enum ") ? 5 : 0;
        if (!isWord(bare, tag)) {
            throw new IllegalArgumentException("cannot define type name '" + name + "': expected an identifier such as"
                    + " 'handle_t', a Lisp-style name such as 'my-handle', or a tagged name such as 'struct tm'");
        }
        boolean tagged = bare.contains(" ");
        if (C_KEYWORDS.contains(bare) || !tagged && FrontEnd.builtins().typedef(bare) != null) {
            throw new IllegalArgumentException("cannot define type name '" + bare
                    + "': it is a built-in C type name and keeps its meaning");
        }
        USER.put(bare, as);
        GENERATION.incrementAndGet();
        return as;
    }

    /** Changes whenever {@link #define} registers a name: C text read before may now mean something else. */
    public static int generation() {
        return GENERATION.get();
    }

    /** A name registered with {@link CType#define}: a typedef name or a tagged name, or {@code null}. */
    public static CType userDefined(String name) {
        return USER.get(name);
    }
    private static Map<String, CType> keywords() {
        Map<String, CType> map = new HashMap<>();
        Object[] table = {
            "void", CType.VOID, "bool", CType.BOOL, "boolean", CType.BOOL, "char", CType.CHAR,
            "signed-char", CType.SIGNED_CHAR, "unsigned-char", CType.UNSIGNED_CHAR, "uchar", CType.UNSIGNED_CHAR,
            "short", CType.SHORT, "unsigned-short", CType.UNSIGNED_SHORT, "ushort", CType.UNSIGNED_SHORT,
            "int", CType.INT, "unsigned-int", CType.UNSIGNED_INT, "uint", CType.UNSIGNED_INT,
            "long", CType.LONG, "unsigned-long", CType.UNSIGNED_LONG, "ulong", CType.UNSIGNED_LONG,
            "long-long", CType.LONG_LONG, "unsigned-long-long", CType.UNSIGNED_LONG_LONG, "llong", CType.LONG_LONG,
            "ullong", CType.UNSIGNED_LONG_LONG,
            "int8", CType.INT8, "uint8", CType.UINT8, "int16", CType.INT16, "uint16", CType.UINT16,
            "int32", CType.INT32, "uint32", CType.UINT32, "int64", CType.INT64, "uint64", CType.UINT64,
            "size-t", CType.SIZE_T, "ssize-t", CType.SSIZE_T, "ptrdiff-t", CType.PTRDIFF_T,
            "intptr-t", CType.INTPTR_T, "uintptr-t", CType.UINTPTR_T,
            "float", CType.FLOAT, "double", CType.DOUBLE, "pointer", CType.POINTER, "string", CType.STRING,
            "time-t", CType.TIME_T, "clock-t", CType.CLOCK_T, "pid-t", CType.PID_T, "uid-t", CType.UID_T,
            "gid-t", CType.GID_T, "mode-t", CType.MODE_T, "off-t", CType.OFF_T, "wchar-t", CType.WCHAR_T, "wide-string", CType.WIDE_STRING,
        };
        for (int i = 0; i < table.length; i += 2) {
            map.put((String) table[i], (CType) table[i + 1]);
        }
        for (String width : new String[] {"8", "16", "32", "64"}) {
            map.put("int" + width + "-t", map.get("int" + width));
            map.put("uint" + width + "-t", map.get("uint" + width));
        }
        return Map.copyOf(map);
    }

}
