package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class CPrototypeTest {
    @Test
    void shouldParseStrlen() {
        CPrototype p = CPrototype.parse("size_t strlen(const char *s)");
        assertEquals("strlen", p.name());
        assertEquals(CType.SIZE_T, p.returnType());
        assertEquals(List.of(new CParameter("s", CType.STRING)), p.parameters());
        assertFalse(p.variadic());
        assertEquals(FunctionDescriptor.of(CType.SIZE_T.layout(), ValueLayout.ADDRESS), p.descriptor());
        assertEquals("size_t strlen(char *s)", p.toString());
    }

    @Test
    void shouldParseVariadicPrintf() {
        CPrototype p = CPrototype.parse("int printf(const char *fmt, ...)");
        assertTrue(p.variadic());
        assertEquals(1, p.arity());
        assertEquals(FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), p.descriptor());
        assertEquals("int printf(char *fmt, ...)", p.toString());
    }

    @Test
    void shouldParseQsortWithAFunctionPointerParameter() {
        CPrototype p = CPrototype.parse(
                "void qsort(void *base, size_t n, size_t size, int (*compar)(const void *, const void *))");
        assertEquals(CType.VOID, p.returnType());
        assertEquals(List.of(CType.POINTER, CType.SIZE_T, CType.SIZE_T), p.parameterTypes().subList(0, 3));
        CParameter compar = p.parameters().get(3);
        assertEquals("compar", compar.name());
        FunctionPointerType type = assertInstanceOf(FunctionPointerType.class, compar.type());
        assertEquals(CType.INT, type.signature().returnType());
        assertEquals(List.of(CType.POINTER, CType.POINTER), type.signature().parameterTypes());
        assertNull(type.signature().name());
        assertEquals("int (*compar)(const void *, const void *)", compar.toString());
        assertEquals(FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, CType.SIZE_T.layout(), CType.SIZE_T.layout(),
                ValueLayout.ADDRESS), p.descriptor());
    }

    @Test
    void shouldParseStrtolWithRestrictAndPointerToPointer() {
        CPrototype p = CPrototype.parse("long strtol(const char *restrict nptr, char **restrict endptr, int base)");
        assertEquals(CType.LONG, p.returnType());
        assertEquals(List.of(CType.STRING, CType.pointerTo(CType.STRING), CType.INT), p.parameterTypes());
        assertEquals(List.of("nptr", "endptr", "base"), p.parameters().stream().map(CParameter::name).toList());
    }

    @Test
    void shouldParseVoidAndEmptyParameterListsAsNoParameters() {
        assertEquals(0, CPrototype.parse("int f(void)").arity());
        assertEquals(0, CPrototype.parse("int f()").arity());
        assertEquals(FunctionDescriptor.of(ValueLayout.JAVA_INT), CPrototype.parse("pid_t getpid(void);").descriptor());
    }

    @Test
    void shouldParseStructPointersAndIgnoreQualifiers() {
        CPrototype p = CPrototype.parse("extern struct tm *localtime_r(const time_t *t, struct tm *out);");
        assertEquals("localtime_r", p.name());
        CType tm = CType.parse("struct tm");
        assertEquals(CType.pointerTo(tm), p.returnType());
        assertEquals(List.of(CType.pointerTo(CType.TIME_T), CType.pointerTo(tm)), p.parameterTypes());
        assertEquals(tm.byteSize(), ((java.lang.foreign.AddressLayout) p.returnType().layout()).targetLayout()
                .orElseThrow().byteSize());
        CPrototype opaque = CPrototype.parse("int sqlite3_close(sqlite3 *db)");
        assertEquals("sqlite3 *", opaque.parameterTypes().getFirst().name());
        assertEquals(ValueLayout.ADDRESS, opaque.descriptor().argumentLayouts().getFirst());
        CPrototype statics = CPrototype.parse("static inline volatile unsigned int g(register int x) /* c */ ;");
        assertEquals(CType.UNSIGNED_INT, statics.returnType());
    }

    @Test
    void shouldParseUnnamedParametersArraysAndAttributes() {
        CPrototype p = CPrototype.parse("int execv(const char *path, char *const argv[])");
        assertEquals(List.of(CType.STRING, CType.pointerTo(CType.STRING)), p.parameterTypes());
        CPrototype sized = CPrototype.parse("void f(int values[4], unsigned char[16])");
        assertEquals(List.of(CType.arrayOf(CType.INT, 4), CType.arrayOf(CType.UNSIGNED_CHAR, 16)), sized.parameterTypes());
        assertEquals(ValueLayout.ADDRESS.byteSize(), sized.descriptor().argumentLayouts().get(0).byteSize());
        CPrototype attributed = CPrototype.parse("void *malloc(size_t size) __attribute__((malloc, alloc_size(1)));");
        assertEquals(CType.POINTER, attributed.returnType());
    }

    @Test
    void shouldParseAFunctionReturningAFunctionPointer() {
        CPrototype signal = CPrototype.parse("void (*signal(int sig, void (*handler)(int)))(int)");
        assertEquals("signal", signal.name());
        FunctionPointerType result = assertInstanceOf(FunctionPointerType.class, signal.returnType());
        assertEquals(List.of(CType.INT), result.signature().parameterTypes());
        assertEquals(CType.VOID, result.signature().returnType());
        assertInstanceOf(FunctionPointerType.class, signal.parameters().get(1).type());
        assertEquals("void (*signal(int sig, void (*handler)(int)))(int)", signal.toString());
        assertEquals(signal.returnType(), CPrototype.parse(signal.toString()).returnType());
    }

    @Test
    void shouldSpellFunctionPointerResultsAndParametersAsCDoes() {
        for (String text : new String[] {"void *(*f(void))(int (*)(void))", "int g(void *(*start)(void *))",
                "int h(int (*(*cb)(int))(double))", "int (*(*pick(int which))(char))(double)"}) {
            assertEquals(text, CPrototype.parse(text).toString());
        }
    }

    @Test
    void shouldPassDivTByValue() {
        CPrototype div = CPrototype.parse("div_t div(int numerator, int denominator)");
        StructType result = assertInstanceOf(StructType.class, div.returnType());
        assertEquals(result.layout(), div.descriptor().returnLayout().orElseThrow());
    }

    @Test
    void shouldReportWhatWasExpectedAndWhere() {
        ParseError e = assertThrows(ParseError.class, () -> CPrototype.parse("int f(int a x)"));
        assertTrue(e.getMessage().startsWith("expected ')' to close the parameter list opened at 1:6 but found 'x' at 1:13"),
                e.getMessage());
        assertEquals(1, e.line());
        assertEquals(13, e.column());
    }

    @Test
    void shouldReportMissingParenthesisAtEndOfText() {
        ParseError e = assertThrows(ParseError.class, () -> CPrototype.parse("int f(int a"));
        assertTrue(e.getMessage().contains("but found end of input at 1:12"), e.getMessage());
    }

    @Test
    void shouldReportLineAndColumnOnLaterLines() {
        ParseError e = assertThrows(ParseError.class, () -> CPrototype.parse("int\nf(int a,\n  int b c)"));
        assertTrue(e.getMessage().contains("but found 'c' at 3:9"), e.getMessage());
        assertEquals(3, e.line());
        assertEquals(9, e.column());
    }

    @Test
    void shouldRejectDeclarationsThatAreNotFunctions() {
        ParseError variable = assertThrows(ParseError.class, () -> CPrototype.parse("int errno"));
        assertTrue(variable.getMessage().startsWith("'errno' is not declared as a function"), variable.getMessage());
        assertEquals(5, variable.column());
        ParseError nameless = assertThrows(ParseError.class, () -> CPrototype.parse("int (int)"));
        assertTrue(nameless.getMessage().startsWith("expected a declarator name"), nameless.getMessage());
    }

    @Test
    void shouldRejectVoidParametersAndUnknownNames() {
        ParseError voidParameter = assertThrows(ParseError.class, () -> CPrototype.parse("int f(int a, void b)"));
        assertTrue(voidParameter.getMessage().startsWith("parameter 1 has type void"), voidParameter.getMessage());
        assertEquals(14, voidParameter.column());
        ParseError unknown = assertThrows(ParseError.class, () -> CPrototype.parse("frob_t f(int a)"));
        assertTrue(unknown.getMessage().startsWith("unknown type name 'frob_t'"), unknown.getMessage());
        assertEquals(1, unknown.column());
        ParseError arrayReturn = assertThrows(ParseError.class, () -> CPrototype.parse("int f(void)[3]"));
        assertTrue(arrayReturn.getMessage().contains("a function cannot return an array"), arrayReturn.getMessage());
    }

    @Test
    void shouldReadIncompleteTypesByValueAsCDoesAndRefuseToCallThem() {
        String why = "parameter 0 (stream) is struct _IO_FILE by value, which is declared but never defined";
        CPrototype function = CPrototype.parse("int f(FILE stream)");
        CPrototype pointer = ((FunctionPointerType) CType.parse("int (*)(FILE stream)")).signature();
        assertEquals(java.util.Optional.of(why), function.unsupported());
        assertEquals(java.util.Optional.of(why), pointer.unsupported(), "the same refusal through a function pointer");
        DeclarationError called = assertThrows(DeclarationError.class, function::descriptor);
        assertEquals("cannot call f: " + why, called.getMessage());
        assertEquals(java.util.Optional.of("f"), called.functionName());
        DeclarationError calledThrough = assertThrows(DeclarationError.class, pointer::descriptor);
        assertEquals("cannot call a function pointer: " + why, calledThrough.getMessage());

        CPrototype result = CPrototype.parse("struct nowhere f(int a)");
        assertEquals(java.util.Optional.of("its result is struct nowhere by value, which is declared but never defined"),
                result.unsupported());
        assertEquals("cannot call f: its result is struct nowhere by value, which is declared but never defined",
                assertThrows(DeclarationError.class, result::descriptor).getMessage());
        assertEquals("int f(struct _IO_FILE stream)", function.toString());
    }

    @Test
    void shouldRejectTextAfterTheDeclaration() {
        ParseError e = assertThrows(ParseError.class, () -> CPrototype.parse("int f(void); int g(void);"));
        assertTrue(e.getMessage().startsWith("expected end of text but found 'int' at 1:14"), e.getMessage());
    }

    @Test
    void shouldBuildPrototypesProgrammatically() {
        CPrototype labs = CPrototype.of("labs", CType.LONG, CType.LONG);
        assertEquals(FunctionDescriptor.of(CType.LONG.layout(), CType.LONG.layout()), labs.descriptor());
        assertEquals("long labs(long)", labs.toString());
    }
}
