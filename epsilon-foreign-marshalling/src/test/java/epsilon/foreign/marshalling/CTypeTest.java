package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CTypeTest {
    private static final Map<String, MemoryLayout> CANONICAL = Linker.nativeLinker().canonicalLayouts();

    @Test
    void shouldTakeSizesFromTheLinkersCanonicalLayouts() {
        assertEquals(CANONICAL.get("long").byteSize(), CType.LONG.byteSize());
        assertEquals(CANONICAL.get("long").byteSize(), CType.UNSIGNED_LONG.byteSize());
        assertEquals(CANONICAL.get("int").byteSize(), CType.INT.byteSize());
        assertEquals(CANONICAL.get("short").byteSize(), CType.SHORT.byteSize());
        assertEquals(CANONICAL.get("long long").byteSize(), CType.LONG_LONG.byteSize());
        assertEquals(CANONICAL.get("size_t").byteSize(), CType.SIZE_T.byteSize());
        assertEquals(CANONICAL.get("size_t").byteSize(), CType.SSIZE_T.byteSize());
        assertEquals(CANONICAL.get("void*").byteSize(), CType.POINTER.byteSize());
        assertEquals(CANONICAL.get("void*").byteSize(), CType.UINTPTR_T.byteSize());
        assertEquals(CANONICAL.get("bool").byteSize(), CType.BOOL.byteSize());
        assertEquals(CANONICAL.get("double").byteSize(), CType.DOUBLE.byteSize());
        assertEquals(CANONICAL.get("int").byteSize(), CType.PID_T.byteSize());
        assertEquals(CANONICAL.get("long").byteSize(), CType.TIME_T.byteSize());
        assertEquals(1, CType.INT8.byteSize());
        assertEquals(2, CType.UINT16.byteSize());
        assertEquals(4, CType.UID_T.byteSize());
        assertEquals(8, CType.UINT64.byteSize());
        assertEquals(0, CType.VOID.byteSize());
    }

    @Test
    void shouldDescribeCarriersAndJavaTypes() {
        assertEquals(int.class, CType.INT.carrier());
        assertEquals(int.class, CType.INT.javaType());
        assertEquals(int.class, CType.UNSIGNED_INT.carrier());
        assertEquals(long.class, CType.UNSIGNED_INT.javaType());
        assertEquals(byte.class, CType.UNSIGNED_CHAR.carrier());
        assertEquals(int.class, CType.UNSIGNED_CHAR.javaType());
        assertEquals(int.class, CType.UNSIGNED_SHORT.javaType());
        assertEquals(long.class, CType.UINT64.javaType());
        assertEquals(boolean.class, CType.BOOL.javaType());
        assertEquals(MemorySegment.class, CType.STRING.carrier());
        assertEquals(String.class, CType.STRING.javaType());
        assertEquals(MemorySegment.class, CType.POINTER.carrier());
        assertEquals(void.class, CType.VOID.carrier());
        assertEquals(int[].class, CType.arrayOf(CType.INT, 3).javaType());
        assertEquals(long[].class, CType.arrayOf(CType.UINT32, 3).javaType());
        assertTrue(CType.INT.isSigned());
        assertFalse(CType.SIZE_T.isSigned());
        assertTrue(CType.DOUBLE.isSigned());
        assertFalse(CType.POINTER.isSigned());
        assertTrue(CType.VOID.isVoid());
        assertFalse(CType.INT.isVoid());
    }

    @Test
    void shouldTellWhichTypesNeedAnAllocator() {
        assertTrue(CType.STRING.needsAllocator());
        assertTrue(CType.arrayOf(CType.INT, 2).needsAllocator());
        assertTrue(CType.pointerTo(CType.STRING).needsAllocator());
        assertFalse(CType.INT.needsAllocator());
        assertFalse(CType.DOUBLE.needsAllocator());
        assertFalse(CType.enumOf(CEnum.of("e", Map.of("a", 1))).needsAllocator());
    }

    @Test
    void shouldRefuseTheLayoutOfVoid() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, CType.VOID::layout);
        assertTrue(e.getMessage().contains("void has no layout"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Java constant names
        "UNSIGNED_LONG|unsigned long", "SIZE_T|size_t", "STRING|char *", "POINTER|void *", "LONG_LONG|long long",
        // Lisp keywords
        "unsigned-long|unsigned long", ":int|int", ":string|char *", ":pointer|void *", "size-t|size_t",
        "pid-t|pid_t", ":unsigned-char|unsigned char", "time-t|time_t", "off-t|off_t", "mode-t|mode_t",
        // C spellings
        "unsigned long|unsigned long", "long unsigned int|unsigned long", "const char *|char *", "char **|char **",
        "void *|void *", "uint32_t|uint32_t", "struct tm *|struct tm *", "struct nowhere *|struct nowhere *", "unsigned|unsigned int", "signed|int",
        "long long int|long long", "_Bool|bool", "bool|bool", "unsigned char|unsigned char",
        "signed char|signed char", "short int|short", "unsigned short int|unsigned short", "int|int",
        "const volatile int|int", "FILE *|struct _IO_FILE *", "sqlite3 *|sqlite3 *", "int *|int *", "double|double", "float|float",
        "char|char", "unsigned char *|unsigned char *", "const char * const *|char *const *", "const int *|const int *", "int[4]|int[4]",
        "int (*)(const void *, const void *)|int (*)(const void *, const void *)", "enum color|enum color", "void|void",
        "div_t|div_t", "ssize_t|ssize_t", "  long  |long", "const wchar_t *|wchar_t *", "wchar_t|wchar_t",
        "wide-string|wchar_t *", "WCHAR_T|wchar_t",
    })
    void shouldParseEverySpellingFamily(String spelling, String expectedName) {
        assertEquals(expectedName, CType.parse(spelling).name());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"void *(*)(void *)", "char *(*)(void)",
        "void *(**)(void *)", "int (*(*)(int))(double)", "int (*(*)(char))(void *(*)(void *))",
        "void (*[3])(int)", "int (*)(int (*)(void))", "void (*(*)(int (*)(void)))(int)"})
    void shouldNameFunctionPointerTypesAsCSpellsThem(String spelling) {
        assertEquals(spelling, CType.parse(spelling).name());
    }

    @Test
    void shouldApplyAVectorAttributeOnceToTheTypeBeforeTheDeclarator() {
        String vector = "int __attribute__((vector_size(16)))";
        assertEquals(vector, CPrototype.parse("int f(" + vector + " v)").parameterTypes().getFirst().name());
        assertEquals(vector, CPrototype.parse("int f(int v __attribute__((vector_size(16))))").parameterTypes()
                .getFirst().name(), "after the name, it applies to the parameter's type too");
        CType pointer = CPrototype.parse("int f(" + vector + " *v)").parameterTypes().getFirst();
        assertEquals(CType.Kind.POINTER, pointer.kind(), "a pointer to a vector, not a vector of pointers");
        assertEquals(vector + " *", pointer.name());
        assertEquals(vector, CHeader.parse("struct s { " + vector + " a; };").struct("s").fieldType("a").name());
        assertEquals(vector, CHeader.parse("typedef " + vector + " v4;").type("v4").name());
    }

    @Test
    void shouldParseToTheConstants() {
        assertSame(CType.STRING, CType.parse("const char *"));
        assertSame(CType.UNSIGNED_LONG, CType.parse("long unsigned int"));
        assertSame(CType.UNSIGNED_LONG, CType.parse("UNSIGNED_LONG"));
        assertSame(CType.UNSIGNED_LONG, CType.parse("unsigned-long"));
        assertEquals(CType.pointerTo(CType.parse("struct tm")), CType.parse("struct tm *"));
        assertEquals(CType.POINTER, CType.parse("const void *"));
        assertEquals(CType.pointerTo(CType.STRING), CType.parse("char **"));
        assertEquals(CType.pointerTo(CType.INT), CType.parse("int *"));
        FunctionPointerType comparator = assertInstanceOf(FunctionPointerType.class,
                CType.parse("int (*)(const void *, const void *)"));
        assertEquals(CType.INT, comparator.signature().returnType());
        assertEquals(2, comparator.signature().arity());
    }

    @Test
    void shouldReportUnknownSpellingWithTextAndPosition() {
        ParseError e = assertThrows(ParseError.class, () -> CType.parse("unsigned frob"));
        assertTrue(e.getMessage().contains("'frob'") && e.getMessage().contains("1:10"), e.getMessage());
        assertEquals(10, e.column());

        ParseError unknown = assertThrows(ParseError.class, () -> CType.parse("frobnicator_t"));
        assertTrue(unknown.getMessage().startsWith("unknown type name 'frobnicator_t'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("at 1:1 in \"frobnicator_t\""), unknown.getMessage());
    }

    @Test
    void shouldRejectInvalidSpecifierCombinations() {
        for (String bad : new String[] {"short long", "unsigned double", "signed unsigned int", "long long long",
                "char int", "void int", "int int"}) {
            ParseError e = assertThrows(ParseError.class, () -> CType.parse(bad), bad);
            assertTrue(e.getMessage().contains("invalid combination of type specifiers"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseStructsOfUnknownLayoutByValueAndKeepLongDoubleAsBytes() {
        ParseError struct = assertThrows(ParseError.class, () -> CType.parse("struct nowhere"));
        assertTrue(struct.getMessage().startsWith("struct nowhere is used by value but its layout is unknown"),
                struct.getMessage());
        assertTrue(struct.getMessage().contains("at 1:1"), struct.getMessage());
        ParseError file = assertThrows(ParseError.class, () -> CType.parse("FILE"));
        assertTrue(file.getMessage().startsWith("struct _IO_FILE is used by value"), file.getMessage());
        OpaqueType longDouble = assertInstanceOf(OpaqueType.class, CType.parse("long double"));
        assertEquals(16, longDouble.byteSize());
        assertTrue(longDouble.reason().contains("long double: Java has no primitive"), longDouble.reason());
    }

    @Test
    void shouldRejectTrailingTextAndBadCharacters() {
        ParseError trailing = assertThrows(ParseError.class, () -> CType.parse("int x"));
        assertTrue(trailing.getMessage().startsWith("expected a type name without a declarator name but found 'x' at 1:5"),
                trailing.getMessage());
        ParseError arrayName = assertThrows(ParseError.class, () -> CType.parse("int x[3]"));
        assertTrue(arrayName.getMessage().startsWith("expected a type name without a declarator name but found 'x' at 1:5"),
                arrayName.getMessage());
        ParseError character = assertThrows(ParseError.class, () -> CType.parse("int @"));
        assertTrue(character.getMessage().contains("'@'") && character.getMessage().contains("1:5"),
                character.getMessage());
        assertEquals(5, character.column());
        ParseError empty = assertThrows(ParseError.class, () -> CType.parse(""));
        assertTrue(empty.getMessage().startsWith("expected a type but found end of input at 1:1"), empty.getMessage());
    }

    @Test
    void shouldAcceptDefinedNamesInParseAndPrototypes() {
        CType handle = CType.define("test_handle_t", CType.POINTER);
        assertSame(CType.POINTER, handle);
        assertSame(CType.POINTER, CType.parse("test_handle_t"));
        assertEquals(CType.pointerTo(CType.POINTER), CType.parse("test_handle_t *"));
        CType.define("test-count", CType.UNSIGNED_INT);
        assertSame(CType.UNSIGNED_INT, CType.parse(":test-count"));

        // A tag no other test uses: definitions are global to the JVM.
        CType tm = CType.struct("struct define_test_tm", MemoryLayout.structLayout(
                MemoryLayout.sequenceLayout(9, ValueLayout.JAVA_INT), MemoryLayout.paddingLayout(4),
                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        CType.define("struct define_test_tm", tm);
        CPrototype localtime = CPrototype.parse(
                "struct define_test_tm *localtime_r(const time_t *t, struct define_test_tm *out)");
        PointerType result = assertInstanceOf(PointerType.class, localtime.returnType());
        assertEquals(tm, result.target());
        assertEquals(56, localtime.descriptor().returnLayout().map(l -> ((java.lang.foreign.AddressLayout) l)
                .targetLayout().orElseThrow().byteSize()).orElseThrow());
    }

    @Test
    void shouldRefuseToRedefineBuiltInOrMalformedNames() {
        IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class,
                () -> CType.define("size_t", CType.INT));
        assertTrue(builtIn.getMessage().contains("'size_t': it is a built-in C type name"), builtIn.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> CType.define("two words", CType.INT));
        assertTrue(malformed.getMessage().contains("cannot define type name 'two words'"), malformed.getMessage());
    }

    @Test
    void shouldBuildCompositeTypes() {
        CType ints = CType.arrayOf(CType.INT, 4);
        assertEquals("int[4]", ints.name());
        assertEquals(16, ints.byteSize());
        assertEquals(ValueLayout.ADDRESS.byteSize(), ints.argumentLayout().byteSize());
        assertEquals(MemorySegment.class, ints.carrier());

        CType utf16 = CType.string(StandardCharsets.UTF_16LE);
        assertEquals("char16_t *", utf16.name());
        assertEquals(String.class, utf16.javaType());

        CType intPointer = CType.pointerTo(CType.INT);
        assertEquals("int *", intPointer.name());
        assertEquals(4, ((java.lang.foreign.AddressLayout) intPointer.layout()).targetLayout().orElseThrow().byteSize());
        assertSame(CType.POINTER, CType.pointerTo(CType.VOID));

        DeclarationError voidArray = assertThrows(DeclarationError.class,
                () -> CType.arrayOf(CType.VOID, 2));
        assertTrue(voidArray.getMessage().contains("void elements"), voidArray.getMessage());
        DeclarationError negative = assertThrows(DeclarationError.class,
                () -> CType.arrayOf(CType.INT, -1));
        assertTrue(negative.getMessage().contains("count must be >= 0, got -1"), negative.getMessage());
    }

    @Test
    void shouldDefineDivResultsAsStructsFromCanonicalLayouts() {
        StructType div = assertInstanceOf(StructType.class, CType.parse("div_t"));
        assertEquals(2 * CANONICAL.get("int").byteSize(), div.byteSize());
        StructType ldiv = assertInstanceOf(StructType.class, CType.parse("ldiv_t"));
        assertEquals(2 * CANONICAL.get("long").byteSize(), ldiv.byteSize());
    }
}
