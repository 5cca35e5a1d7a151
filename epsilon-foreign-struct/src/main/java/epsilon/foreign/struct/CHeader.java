package epsilon.foreign.struct;

import epsilon.foreign.struct.internal.HeaderParser;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The structs, unions, typedefs and enum constants declared in C header text, laid out by the platform's rules.
 * Comments and preprocessor lines are skipped; anything else the parser does not understand is an error naming
 * its line and column.
 *
 * {@snippet :
 * CHeader header = CHeader.parse("""
 *         struct timespec {
 *             __time_t tv_sec;            // seconds
 *             __syscall_slong_t tv_nsec;  // nanoseconds
 *         };
 *         typedef struct { int x, y; } point_t;
 *         enum color { RED, GREEN = 5, BLUE };
 *         """);
 * StructType timespec = header.struct("timespec");   // or "struct timespec"
 * StructType point = header.struct("point_t");
 * long blue = header.enumConstant("BLUE");           // 6
 * }
 *
 * Understood: {@code struct}/{@code union} (named, anonymous members as in C11, nested definitions), {@code typedef}
 * of structs, scalars, pointers and function pointers, {@code enum}, arrays (also multidimensional, sized by
 * numbers or enum constants), pointers, bit-fields, {@code __attribute__((packed))} and
 * {@code __attribute__((aligned(n)))}, qualifiers, and glibc's fixed-width and platform types. A pointer to a
 * struct declared earlier can be followed with {@link StructView#follow(String)}; any other pointer is untyped.
 */
public final class CHeader {
    private final Map<String, StructType> structs;
    private final Map<String, FieldType> typedefs;
    private final Map<String, Long> enumConstants;

    private CHeader(Map<String, StructType> structs, Map<String, FieldType> typedefs, Map<String, Long> constants) {
        // declaration order, so that messages list names as the header does
        this.structs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(structs));
        this.typedefs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(typedefs));
        this.enumConstants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(constants));
    }

    /**
     * Parses declarations.
     *
     * @throws DeclarationException naming line, column and what was expected
     * @throws StructException      for a declaration C does not allow (duplicate field, bit-field too wide)
     */
    public static CHeader parse(String text) {
        HeaderParser parser = new HeaderParser(text);
        parser.parse();
        return new CHeader(parser.structs(), parser.typedefs(), parser.enumConstants());
    }

    /**
     * A struct or union by tag ({@code "timeval"}), by tag with keyword ({@code "struct timeval"}) or by typedef
     * name.
     *
     * @throws StructException naming what the header declares
     */
    public StructType struct(String name) {
        return findStruct(name).orElseThrow(() -> new StructException("no struct or union '" + name
                + "' in this header; it declares " + structs.keySet()));
    }

    public Optional<StructType> findStruct(String name) {
        StructType found = structs.get(name);
        if (found == null && typedefs.get(name) instanceof FieldType.Nested nested) {
            found = nested.type();
        }
        return Optional.ofNullable(found);
    }

    /** A typedef's type. @throws StructException when there is no such typedef */
    public FieldType typedef(String name) {
        FieldType type = typedefs.get(name);
        if (type == null) {
            throw new StructException("no typedef '" + name + "' in this header; it declares " + typedefs.keySet());
        }
        return type;
    }

    /** An enum constant's value. @throws StructException when there is no such constant */
    public long enumConstant(String name) {
        Long value = enumConstants.get(name);
        if (value == null) {
            throw new StructException("no enum constant '" + name + "' in this header");
        }
        return value;
    }

    /** The names under which structs and unions can be looked up. */
    public Set<String> structNames() {
        return structs.keySet();
    }

    public Set<String> typedefNames() {
        return typedefs.keySet();
    }
}
