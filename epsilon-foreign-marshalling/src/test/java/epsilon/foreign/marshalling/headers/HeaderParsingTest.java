package epsilon.foreign.marshalling.headers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CConstant;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.EnumType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.UnknownPrototypeError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link CHeader} reads from header text, and every way it refuses text, with the position. */
class HeaderParsingTest {

    @Test
    void shouldReadTypedefsEnumsFunctionPointersAndStructs() {
        CHeader header = CHeader.parse("""
                // a comment
                #define LIMIT 4
                enum color { RED, GREEN = 5, BLUE };
                typedef unsigned long size_type;
                typedef struct { int x, y; } point_t;
                typedef int (*compare_fn)(const void *, const void *);
                struct list {
                    point_t points[BLUE];
                    size_type count;
                    compare_fn compare;
                    struct list *next;
                    enum color color;
                    const char *label;
                    char name[LIMIT];
                };
                int some_function(int a, char *b);
                """);
        assertEquals(6, header.constant("BLUE").longValue());
        StructType point = header.struct("point_t");
        assertEquals("point_t", point.name());
        assertEquals(8, point.byteSize());
        StructType list = header.struct("struct list");
        assertSame(list, header.struct("list"));
        assertEquals(6 * 8, list.offsetOf("count"));
        assertInstanceOf(FunctionPointerType.class, list.fieldType("compare"));
        assertEquals(CType.pointerTo(list), list.fieldType("next"));
        EnumType color = assertInstanceOf(EnumType.class, list.fieldType("color"));
        assertEquals(Map.of("RED", 0, "GREEN", 5, "BLUE", 6), color.enumeration().keywords());
        assertEquals(4, list.fieldSize("color"));
        assertSame(CType.STRING, list.fieldType("label"));
        assertEquals(String.class, list.fieldType("name").javaType());
        assertEquals("size_type", header.type("size_type").name());
        assertEquals(CType.UNSIGNED_LONG.kind(), header.type("size_type").kind());
        assertEquals(4, header.constant("LIMIT").intValue());
        assertEquals("int some_function(int a, char *b)", header.function("some_function").toString());
    }

    @Test
    void shouldEvaluateDefinesAsCDoes() {
        CHeader header = CHeader.parse("""
                #define HEX 0xFFFFFFFF
                #define NEGATIVE (-1)
                #define UNSIGNED_NEGATIVE (-1u)
                #define BIG 0x8000000000000000ULL
                #define SHIFTED (1 << 10 | 3)
                #define CHARACTER 'A'
                #define ESCAPED '\\n'
                #define RATIO 2.5e3f
                #define TEXT "ab" "cd"
                #define COMPARED (-1 < 0u)
                #define SIZE sizeof(struct pair)
                #define OFFSET __builtin_offsetof(struct pair, b)
                #define CAST ((unsigned char) 300)
                #define CONDITIONAL (SIZE > 4 ? 1 : 2)
                #define FUNCTION_LIKE(x) ((x) + 1)
                #define NOT_A_CONSTANT int
                struct pair { char a; int b; };
                """);
        assertEquals(new CConstant("HEX", CType.UNSIGNED_INT, 0xFFFFFFFFL), header.constant("HEX"));
        assertEquals(-1, header.constant("NEGATIVE").intValue());
        assertEquals(0xFFFFFFFFL, header.constant("UNSIGNED_NEGATIVE").longValue());
        assertEquals("9223372036854775808", header.constant("BIG").toString());
        assertEquals(1027, header.constant("SHIFTED").intValue());
        assertEquals(65, header.constant("CHARACTER").intValue());
        assertEquals(10, header.constant("ESCAPED").intValue());
        assertEquals(2500.0, header.constant("RATIO").doubleValue());
        assertEquals("abcd", header.constant("TEXT").stringValue());
        assertEquals(0, header.constant("COMPARED").intValue());
        assertEquals(8, header.constant("SIZE").longValue());
        assertEquals(4, header.constant("OFFSET").longValue());
        assertEquals(44, header.constant("CAST").intValue());
        assertEquals(1, header.constant("CONDITIONAL").intValue());
        assertTrue(header.findConstant("FUNCTION_LIKE").isEmpty());
        DeclarationError notConstant = assertThrows(DeclarationError.class, () -> header.constant("NOT_A_CONSTANT"));
        assertEquals("no constant 'NOT_A_CONSTANT' in this header: #define NOT_A_CONSTANT int is not a constant"
                + " expression", notConstant.getMessage());
        assertEquals("((x) + 1)", header.macro("FUNCTION_LIKE").orElseThrow().replace(" ", "").replace("+", " + "));
        assertTrue(header.constants().keySet().containsAll(java.util.List.of("HEX", "SIZE", "TEXT")));
        assertFalse(header.constants().containsKey("__STDC__"), "the platform's macros are not the header's");
        ConversionCheck.refuses(() -> header.constant("TEXT").longValue(), "TEXT is char * \"abcd\", not an integer");
    }

    @Test
    void shouldKeepFunctionAttributesSymbolsAndOrigins(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("inner.h"), """
                #pragma once
                extern int copy(char *to, const char *from) __attribute__((nonnull(1, 2)));
                extern void *any(void *p, int n) __attribute__((__nonnull__));
                extern int old_call(int x) __attribute__((deprecated("use new_call")));
                extern int renamed(int x) __asm__("renamed_v2");
                static inline int helper(int x) { return x + 1; }
                int defined_here(int a) { return a; }
                extern long counter;
                """);
        Files.writeString(directory.resolve("outer.h"), "#include \"inner.h\"\n#include \"inner.h\"\nint outer(void);\n");
        CHeader header = CHeader.options().quoteDirectory(directory).parse("#include \"outer.h\"\n");
        assertArrayEquals(new int[] {0, 1}, header.function("copy").nonnullParameters());
        assertArrayEquals(new int[] {0}, header.function("any").nonnullParameters());
        assertEquals("use new_call", header.deprecation("old_call").orElseThrow());
        assertEquals("renamed_v2", header.function("renamed").symbol());
        assertTrue(header.findFunction("helper").isEmpty(), "a static inline function has no symbol");
        assertEquals("int defined_here(int a)", header.function("defined_here").toString());
        assertEquals(CType.LONG, header.variables().get("counter"));
        assertTrue(header.origin("copy").orElseThrow().endsWith("inner.h"), header.origin("copy").toString());
        assertTrue(header.origin("outer").orElseThrow().endsWith("outer.h"));
        assertEquals(java.util.Set.of("outer"), header.functionsDeclaredIn("outer.h").keySet());
        assertTrue(header.files().stream().anyMatch(f -> f.endsWith("inner.h")), header.files().toString());
        UnknownPrototypeError missing = assertThrows(UnknownPrototypeError.class, () -> header.function("nope"));
        assertEquals("no function 'nope' is declared in this header", missing.getMessage());
    }

    @Test
    void shouldParsePrototypesAndTypesInTheHeadersScope() {
        CHeader header = CHeader.parse("typedef struct handle handle_t; struct handle { int fd; };");
        CPrototype close = header.prototype("int close_handle(handle_t *h)");
        assertEquals(CType.pointerTo(header.struct("handle")), close.parameterTypes().getFirst());
        assertEquals(4, ((java.lang.foreign.AddressLayout) header.parseType("handle_t *").layout()).targetLayout()
                .orElseThrow().byteSize());
    }

    @Test
    void shouldApplyDefinesAndUndefinesLikeACommandLine() {
        String text = "#ifdef WIDE\ntypedef long number;\n#else\ntypedef int number;\n#endif\n"
                + "#ifndef __STDC__\n#error not C\n#endif\n";
        assertEquals(4, CHeader.parse(text).type("number").byteSize());
        assertEquals(8, CHeader.options().define("WIDE").parse(text).type("number").byteSize());
        ParseError error = assertThrows(ParseError.class, () -> CHeader.options().define("WIDE").undefine("__STDC__")
                .parse(text));
        assertTrue(error.getMessage().contains("not C"), error.getMessage());
    }

    @Test
    void shouldKeepTypesJavaCannotPassButRefuseToCallThem() {
        CHeader header = CHeader.parse("struct s { long double x; char c; }; long double sqrtl(long double);");
        assertEquals(32, header.struct("s").byteSize());
        assertInstanceOf(OpaqueType.class, header.struct("s").fieldType("x"));
        CPrototype sqrtl = header.function("sqrtl");
        assertTrue(sqrtl.unsupported().orElseThrow().contains("long double"), sqrtl.unsupported().toString());
        DeclarationError refused = assertThrows(DeclarationError.class, sqrtl::descriptor);
        assertEquals("cannot call sqrtl: its result is long double by value: long double: Java has no primitive for it"
                + " and the FFM linker no layout to pass it", refused.getMessage());
    }

    @Test
    void shouldCompleteAStructDeclaredBeforeItsDefinition() {
        CHeader header = CHeader.parse("""
                struct node;
                typedef struct node node_t;
                struct list { node_t *head; };
                struct node { int value; struct node *next; };
                """);
        PointerType head = assertInstanceOf(PointerType.class, header.struct("list").fieldType("head"));
        StructType node = assertInstanceOf(StructType.class, head.target());
        assertTrue(node.isComplete());
        assertEquals(16, node.byteSize());
        assertSame(node, header.struct("node_t"));
    }

    @Test
    void shouldReadArraysSizedByExpressionsAndFlexibleMembers() {
        CHeader header = CHeader.parse("""
                enum { ROWS = 2 };
                struct grid { int cells[ROWS * 3][sizeof(short) + 1]; unsigned count; char data[]; };
                """);
        ArrayType cells = assertInstanceOf(ArrayType.class, header.struct("grid").fieldType("cells"));
        assertEquals(6, cells.count());
        assertEquals(3, ((ArrayType) cells.element()).count());
        ArrayType data = assertInstanceOf(ArrayType.class, header.struct("grid").fieldType("data"));
        assertTrue(data.isFlexible());
        assertEquals(76, header.struct("grid").byteSize());
    }

    // ---- refusals, each with its position ------------------------------------------------------------------

    private static ParseError refused(String text) {
        return assertThrows(ParseError.class, () -> CHeader.parse(text));
    }

    @Test
    void shouldNameLineAndColumnOfAMissingSemicolon() {
        ParseError e = refused("struct p {\n    int x\n};\n");
        assertEquals("<text>:3:1: expected ';' after a member of struct p but found '}'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertEquals("<text>", e.source());
    }

    @Test
    void shouldNameAnUnknownTypeName() {
        ParseError e = refused("struct s { my_type_t field; };");
        assertEquals("<text>:1:12: unknown type name 'my_type_t'", e.getMessage());
    }

    @Test
    void shouldRefuseAFieldOfIncompleteType() {
        ParseError e = refused("struct s { struct later inner; };");
        assertEquals("<text>:1:25: struct s: field 'inner' has incomplete type struct later; a struct can hold a"
                + " pointer to an incomplete type, not the type itself", e.getMessage());
    }

    @Test
    void shouldRefuseWhatCForbids() {
        assertTrue(refused("struct d { int a; int a; };").getMessage().endsWith("struct d: duplicate field 'a'"));
        assertTrue(refused("struct w { char c : 9; };").getMessage().contains("bit-field 'c' is 9 bits wide, wider than"
                + " its type char (8 bits)"));
        assertTrue(refused("struct z { int named : 0; };").getMessage().contains("zero-width bit-field 'named' must be"
                + " unnamed"));
        assertTrue(refused("struct r { int a; }; struct r { int b; };").getMessage().contains("redefinition of struct r"));
        assertTrue(refused("typedef int t; typedef long t;").getMessage().contains("conflicting types for typedef 't':"
                + " a 32-bit signed integer (t) before, now a 64-bit signed integer (long)"));
        assertEquals(CType.INT.kind(), CHeader.parse("typedef int t; typedef int t;").type("t").kind());
        assertTrue(refused("enum e { A, A };").getMessage().contains("enumerator A appears twice in enum e"));
        assertTrue(refused("_Static_assert(sizeof(int) == 2, \"ints are 16 bits\");").getMessage()
                .contains("static assertion failed: \"ints are 16 bits\""));
        assertTrue(refused("int a[-1];").getMessage().contains("array size -1 is negative"));
        assertTrue(refused("int x = 1 / 0, y[1 / 0];").getMessage().contains("division by zero"));
        assertTrue(refused("struct f { int g(void); };").getMessage().contains("cannot be a function"));
        assertTrue(refused("int f(void)[3];").getMessage().contains("a function cannot return an array"));
        assertTrue(refused("struct s { int x __attribute__((aligned(3))); };").getMessage()
                .contains("requested alignment 3 is not a positive power of two"));
        assertTrue(refused("#pragma pack(3)\nstruct s { int x; };").getMessage().contains("#pragma pack value 3"));
        assertTrue(refused("#error stop here").getMessage().contains("stop here"));
        assertTrue(refused("struct s { int x; ").getMessage().contains("the body of struct s is never closed"));
    }

    @Test
    void shouldRefuseAnUnclosedCommentAndStrayCharacters() {
        ParseError comment = refused("struct s { /* oops int x; };");
        assertEquals(1, comment.line());
        assertEquals(12, comment.column());
        ParseError stray = refused("struct s { @ };");
        assertEquals(12, stray.column());
        assertTrue(stray.getMessage().contains("'@'"), stray.getMessage());
    }

    @Test
    void shouldRefuseIdentifiersWithInvisibleCharacters() {
        for (String invisible : new String[] {"\u200B", "\u202E", "\u0000"}) {
            ParseError e = refused("int na" + invisible + "me;");
            assertEquals(1, e.line());
            assertEquals(7, e.column(), e.getMessage());
        }
        assertEquals(CType.INT, CHeader.parse("int caf\u00e9;").variables().get("caf\u00e9"));
    }

    @Test
    void shouldSayWhatTheHeaderDeclaresForAnUnknownStruct() {
        CHeader header = CHeader.parse("struct a { int x; };");
        assertEquals("no struct or union 'b' in this header; it declares [struct a]",
                assertThrows(DeclarationError.class, () -> header.struct("b")).getMessage());
        assertEquals("no type 'b_t' in this header",
                assertThrows(DeclarationError.class, () -> header.type("b_t")).getMessage());
    }

    @Test
    void shouldRefuseNullsAndEmptyIncludeLists() {
        assertThrows(NullPointerException.class, () -> CHeader.parse(null));
        assertThrows(IllegalArgumentException.class, CHeader::include);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> CHeader.include("a>b"));
        assertEquals("not a header name: 'a>b'", bad.getMessage());
        ParseError missing = assertThrows(ParseError.class, () -> CHeader.include("no_such_header_here.h"));
        assertTrue(missing.getMessage().contains("no_such_header_here.h"), missing.getMessage());
        DeclarationError noCpp = assertThrows(DeclarationError.class,
                () -> CHeader.options().externalPreprocessor("no-such-preprocessor-command"));
        assertTrue(noCpp.getMessage().startsWith("cannot run the preprocessor 'no-such-preprocessor-command'"));
    }

    /** Asserting the message of a conversion refusal. */
    static final class ConversionCheck {
        private ConversionCheck() {}

        static void refuses(org.junit.jupiter.api.function.Executable action, String message) {
            ForeignError e = assertThrows(ForeignError.class, action);
            assertEquals(message, e.getMessage());
        }
    }
}
