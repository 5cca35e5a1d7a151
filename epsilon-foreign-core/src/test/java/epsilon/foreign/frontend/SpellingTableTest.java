package epsilon.foreign.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.Foreign;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.CEnum;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * One C spelling, one meaning: for each spelling, the Java type a value comes back as, a value accepted and a value
 * refused are the same in a call argument (and result), a struct field and a callback parameter (and result). The
 * refusal has the same exception type and the same words after the place it names ("argument 0 of id_uint",
 * "field value of struct holder", "the result of callback ..."). The C side is a small library gcc builds here:
 * {@code T id(T)} and {@code T via(T (*)(T), T)} for each spelling.
 */
class SpellingTableTest {
    private static final Map<String, String> SPELLINGS = new LinkedHashMap<>();

    static {
        SPELLINGS.put("const char *", "const_string");
        SPELLINGS.put("char *", "string");
        SPELLINGS.put("unsigned int", "uint");
        SPELLINGS.put("unsigned long long", "ullong");
        SPELLINGS.put("signed char", "schar");
        SPELLINGS.put("time_t", "time");
        SPELLINGS.put("suseconds_t", "suseconds");
        SPELLINGS.put("socklen_t", "socklen");
        SPELLINGS.put("wchar_t", "wchar");
        SPELLINGS.put("size_t", "size");
        SPELLINGS.put("enum spelling_color", "color");
        SPELLINGS.put("float", "float");
    }

    private static Path library;

    @BeforeAll
    static void buildTheLibrary(@TempDir Path directory) throws Exception {
        StringBuilder c = new StringBuilder("""
                #include <stddef.h>
                #include <time.h>
                #include <sys/time.h>
                #include <sys/socket.h>
                #include <wchar.h>
                enum spelling_color { RED = 1, GREEN = 5, BLUE = 9 };
                #define ID(T, N) T id_##N(T x) { return x; } T via_##N(T (*f)(T), T x) { return f(x); }
                """);
        SPELLINGS.forEach((spelling, suffix) -> c.append("ID(").append(spelling).append(", ").append(suffix)
                .append(")\n"));
        library = TestLibrary.compile(directory, "spelling", c.toString());
        Map<String, Integer> colors = new LinkedHashMap<>();
        colors.put("RED", 1);
        colors.put("GREEN", 5);
        colors.put("BLUE", 9);
        CType.define("enum spelling_color", CType.enumOf(CEnum.of("spelling_color", colors)));
    }

    /** A spelling, a value every place accepts and the Java value it comes back as, and a value every place refuses. */
    record Row(String spelling, Object accepted, Object javaValue, Object refused, Class<? extends ForeignError> error,
               String words) {}

    static List<Row> rows() {
        return List.of(
                new Row("const char *", "h\u00e9llo", "h\u00e9llo", 5, epsilon.foreign.marshalling.ArgumentTypeError.class,
                        "expected C type char * (a String, a MemorySegment or null) but got java.lang.Integer 5"),
                new Row("char *", "text", "text", 2.5, epsilon.foreign.marshalling.ArgumentTypeError.class,
                        "expected C type char * (a String, a MemorySegment or null) but got java.lang.Double 2.5"),
                new Row("unsigned int", 4_294_967_295L, 4_294_967_295L, -1,
                        epsilon.foreign.marshalling.ConversionError.class,
                        "-1 does not fit C type unsigned int (range 0..4294967295)"),
                new Row("unsigned long long", new BigInteger("18446744073709551615"), -1L, -1,
                        epsilon.foreign.marshalling.ConversionError.class, "-1 does not fit C type unsigned long long"
                        + " (range 0..18446744073709551615; negative values are rejected unless given as the raw bits"
                        + " in a Long)"),
                new Row("signed char", -5, (byte) -5, 200, epsilon.foreign.marshalling.ConversionError.class,
                        "200 does not fit C type signed char (range -128..127)"),
                new Row("time_t", 1_700_000_000L, 1_700_000_000L, "soon",
                        epsilon.foreign.marshalling.ArgumentTypeError.class, "expected C type time_t (a Byte, Short,"
                        + " Integer, Long, BigInteger or Character) but got java.lang.String \"soon\""),
                new Row("suseconds_t", 999_999, 999_999L, 0.5, epsilon.foreign.marshalling.ArgumentTypeError.class,
                        "expected C type suseconds_t (a Byte, Short, Integer, Long, BigInteger or Character) but got"
                        + " java.lang.Double 0.5"),
                new Row("socklen_t", 16, 16L, -16, epsilon.foreign.marshalling.ConversionError.class,
                        "-16 does not fit C type socklen_t (range 0..4294967295)"),
                new Row("wchar_t", (int) '\u00e9', (int) '\u00e9', 1L << 40,
                        epsilon.foreign.marshalling.ConversionError.class,
                        "1099511627776 does not fit C type wchar_t (range -2147483648..2147483647)"),
                new Row("size_t", 1L << 40, 1L << 40, -1, epsilon.foreign.marshalling.ConversionError.class,
                        "-1 does not fit C type size_t (range 0..18446744073709551615; negative values are rejected"
                        + " unless given as the raw bits in a Long)"),
                new Row("enum spelling_color", "GREEN", "GREEN", "PURPLE",
                        epsilon.foreign.marshalling.ConversionError.class,
                        "enum spelling_color has no keyword 'PURPLE'; known: [RED, GREEN, BLUE]"),
                new Row("float", 1.5, 1.5f, 1e300, epsilon.foreign.marshalling.ConversionError.class,
                        "1.0E300 does not fit C type float (beyond the float range of +-3.4028235E38)"));
    }

    private static String prototype(String returnSpelling, String name, String parameters) {
        return returnSpelling + (returnSpelling.endsWith("*") ? "" : " ") + name + "(" + parameters + ")";
    }

    /** The words after the place an error names: "argument 0 of id_x: WORDS". */
    private static String words(ForeignError error) {
        String message = error.getMessage();
        return message.substring(message.indexOf(": ") + 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldMeanTheSameInACallAStructFieldAndACallback(Row row) {
        CType type = CType.parse(row.spelling());
        String suffix = SPELLINGS.get(row.spelling());
        String lib = library.toString();
        Class<?> javaType = java.lang.invoke.MethodType.methodType(type.javaType()).wrap().returnType();
        assertEquals(javaType, row.javaValue().getClass(), "the table's Java value has the C type's Java type");

        // a call: the argument converts, the result comes back as the Java type; the refused value is refused
        String id = prototype(row.spelling(), "id_" + suffix, row.spelling() + " x");
        assertEquals(row.javaValue(), Foreign.sharedCall(id, lib, row.accepted()));
        ForeignError call = assertThrows(row.error(), () -> Foreign.sharedCall(id, lib, row.refused()));
        assertTrue(call.getMessage().startsWith("argument 0 of id_" + suffix + ": "), call.getMessage());
        assertEquals(row.words(), words(call));

        // a struct field: the same value stored and read, the same refusal
        StructType holder = StructType.struct("struct holder").field("value", type).build();
        try (Arena arena = Arena.ofConfined()) {
            StructView view = StructView.allocate(holder, arena).set("value", row.accepted(), arena);
            assertEquals(row.javaValue(), view.get("value"));
            ForeignError field = assertThrows(row.error(), () -> view.set("value", row.refused(), arena));
            assertTrue(field.getMessage().startsWith("field value of struct holder: "), field.getMessage());
            assertEquals(row.words(), words(field));
        }

        // a callback C calls: the parameter arrives as the Java type; the refused value as its result is refused
        String via = prototype(row.spelling(), "via_" + suffix, row.spelling() + " (*f)(" + row.spelling() + "), "
                + row.spelling() + " x");
        String signature = row.spelling() + " (*)(" + row.spelling() + ")";
        AtomicReference<Object> seen = new AtomicReference<>();
        try (Arena arena = Arena.ofConfined();
             Callback echo = Callbacks.create(args -> {
                 seen.set(args[0]);
                 // C needs a returned string to outlive the callback: it returns memory, not a Java String
                 return type.kind() == CType.Kind.STRING ? arena.allocateFrom((String) args[0]) : args[0];
             }, signature)) {
            assertEquals(row.javaValue(), Foreign.sharedCall(via, lib, echo, row.accepted()));
            assertEquals(row.javaValue(), seen.get());
        }
        try (Callback wrong = Callbacks.create(args -> row.refused(), signature)) {
            CallbackError failed = assertThrows(CallbackError.class, () -> Foreign.sharedCall(via, lib, wrong,
                    row.accepted()));
            ForeignError result = assertInstanceOf(row.error(), failed.getCause());
            assertTrue(result.getMessage().startsWith("the result of callback "), result.getMessage());
            assertEquals(row.words(), words(result));
        }
    }
}
