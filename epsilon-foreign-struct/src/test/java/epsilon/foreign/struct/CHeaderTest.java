package epsilon.foreign.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CHeaderTest {

    @Test
    void shouldReadTypedefsEnumsAndFunctionPointers() {
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
                };
                int some_function(int a, char *b);
                """);
        assertEquals(6, header.enumConstant("BLUE"));
        StructType point = header.struct("point_t");
        assertEquals("point_t", point.name());
        assertEquals(8, point.byteSize());
        StructType list = header.struct("struct list");
        assertEquals(6 * 8, list.offsetOf("count"));
        assertEquals("void *", list.fieldType("compare").cName());
        assertEquals(4, list.fieldSize("color"));
        assertEquals(FieldType.of("unsigned long"), header.typedef("size_type"));
        assertTrue(header.structNames().contains("list"));
    }

    @Test
    void shouldNameLineAndColumnOfAMissingSemicolon() {
        DeclarationException e = assertThrows(DeclarationException.class, () -> CHeader.parse("""
                struct p {
                    int x
                };
                """));
        assertEquals("3:1: expected ';' after field 'x' but found '}'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(1, e.column());
    }

    @Test
    void shouldNameAnUnknownTypeName() {
        DeclarationException e = assertThrows(DeclarationException.class,
                () -> CHeader.parse("struct s { my_type_t field; };"));
        assertEquals("1:12: unknown type name 'my_type_t'", e.getMessage());
    }

    @Test
    void shouldRejectAFieldOfIncompleteType() {
        DeclarationException e = assertThrows(DeclarationException.class,
                () -> CHeader.parse("struct s { struct later inner; };"));
        assertEquals("1:25: field 'inner' has incomplete type struct later", e.getMessage());
    }

    @Test
    void shouldRejectAnUnclosedCommentAndStrayCharacters() {
        assertEquals("1:12: comment is never closed", assertThrows(DeclarationException.class,
                () -> CHeader.parse("struct s { /* oops int x; };")).getMessage());
        assertEquals("1:12: unexpected character '@'", assertThrows(DeclarationException.class,
                () -> CHeader.parse("struct s { @ };")).getMessage());
    }

    @Test
    void shouldRejectLongDouble() {
        assertEquals("1:12: long double has no layout in the Java FFM API", assertThrows(DeclarationException.class,
                () -> CHeader.parse("struct s { long double x; };")).getMessage());
    }

    @Test
    void shouldSayWhatTheHeaderDeclaresForAnUnknownStruct() {
        CHeader header = CHeader.parse("struct a { int x; };");
        assertEquals("no struct or union 'b' in this header; it declares [struct a, a]",
                assertThrows(StructException.class, () -> header.struct("b")).getMessage());
    }
}
