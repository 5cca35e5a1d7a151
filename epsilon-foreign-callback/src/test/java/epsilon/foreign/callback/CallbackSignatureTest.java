package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/** Reading signatures, and every way a signature or function can be refused. */
class CallbackSignatureTest {
    private static final MemoryLayout INT = Linker.nativeLinker().canonicalLayouts().get("int");
    private static final MemoryLayout SIZE_T = Linker.nativeLinker().canonicalLayouts().get("size_t");

    @Test
    void shouldReadFunctionPointerTypesAndPrototypesAlike() {
        FunctionDescriptor expected = FunctionDescriptor.of(INT, ADDRESS, ADDRESS);
        assertEquals(expected, CallbackSignature.parse("int (*)(const void *, const void *)").descriptor());
        assertEquals(expected, CallbackSignature.parse("int (*cmp)(const void*, const void*)").descriptor());
        assertEquals(expected, CallbackSignature.parse("int cmp(const void *a, const void *b);").descriptor());
        assertEquals(expected, CallbackSignature.of("int", "const void *", "const void *").descriptor());
        assertEquals(expected, CallbackSignature.of(expected).descriptor());
    }

    @Test
    void shouldReadCTypeNames() {
        assertEquals(SIZE_T, CallbackType.of("size_t").layout());
        assertEquals(INT, CallbackType.of("unsigned int").layout());
        assertEquals(INT, CallbackType.of("unsigned").layout());
        assertEquals(Linker.nativeLinker().canonicalLayouts().get("long"), CallbackType.of("unsigned long int").layout());
        assertEquals(Linker.nativeLinker().canonicalLayouts().get("char"), CallbackType.of("signed char").layout());
        assertEquals(long.class, CallbackType.of("uint64_t").javaType());
        assertEquals(boolean.class, CallbackType.of("_Bool").javaType());
        assertEquals(CallbackType.pointerTo(INT), CallbackType.of("const int *restrict"));
        assertEquals(CallbackType.POINTER, CallbackType.of("char *"));
        assertEquals(CallbackType.POINTER, CallbackType.of("struct tm *"));
        assertEquals(CallbackType.POINTER, CallbackType.of("char **argv"));
        assertEquals(CallbackType.pointerTo(INT), CallbackType.of("int values[]"));
        assertEquals(CallbackType.INT, CallbackType.of("enum color"));
    }

    @Test
    void shouldReadVoidResultsParameterlessListsAndFunctionPointerParameters() {
        CallbackSignature signature = CallbackSignature.parse("void (*)(void)");
        assertEquals(CallbackType.VOID, signature.result());
        assertEquals(List.of(), signature.parameters());
        CallbackSignature start = CallbackSignature.parse("void *(*start_routine)(void *)");
        assertEquals(FunctionDescriptor.of(ADDRESS, ADDRESS), start.descriptor());
        CallbackSignature atexit = CallbackSignature.parse("int register_handler(void (*handler)(int), int flags)");
        assertEquals(FunctionDescriptor.of(INT, ADDRESS, INT), atexit.descriptor());
    }

    @Test
    void shouldSizePointersToTheDeclaredTarget() {
        CallbackSignature signature = CallbackSignature.parse("int (*)(const void *, int)").pointingTo(JAVA_INT);
        assertEquals(CallbackType.pointerTo(JAVA_INT), signature.parameters().get(0));
        assertEquals(CallbackType.INT, signature.parameters().get(1));
        assertEquals("int (*)(int *, int)", signature.toString());
        assertEquals(CallbackType.string(), signature.withParameter(0, CallbackType.string()).parameters().get(0));
    }

    @Test
    void shouldRejectUnreadableSignatureText() {
        assertRefused("unbalanced", "unbalanced parentheses", () -> CallbackSignature.parse("int (*)int)"));
        assertRefused("no list", "expected a parameter list", () -> CallbackSignature.parse("int cmp"));
        assertRefused("declarator", "expected (*) or (*name), found (x)",
                () -> CallbackSignature.parse("int (x)(int)"));
        assertRefused("no result", "has no result type", () -> CallbackSignature.parse("(int, int)"));
        assertRefused("empty", "empty callback signature", () -> CallbackSignature.parse("  "));
        assertRefused("empty parameter", "empty C type in parameter 1",
                () -> CallbackSignature.parse("int (*)(int, )"));
        assertRefused("punctuation", "unexpected '&'", () -> CallbackSignature.parse("int (*)(int &)"));
    }

    @Test
    void shouldRejectUnknownAndUnsupportedTypes() {
        assertRefused("unknown", "unknown C type 'foo_t' in parameter 1 of 'int (*)(int, foo_t)'",
                () -> CallbackSignature.parse("int (*)(int, foo_t)"));
        assertRefused("long double", "unsupported C type 'long double'",
                () -> CallbackSignature.parse("long double (*)(void)"));
        assertRefused("struct by value", "'struct point' by value in parameter 0",
                () -> CallbackSignature.parse("void (*)(struct point p)"));
        assertRefused("unsigned double", "signed/unsigned applies to integer types only",
                () -> CallbackType.of("unsigned double"));
        assertRefused("variadic", "variadic callbacks are not supported",
                () -> CallbackSignature.parse("int (*)(const char *, ...)"));
        assertRefused("void parameter", "parameter 1 of 'int (*)(int, void)' is void",
                () -> CallbackSignature.parse("int (*)(int, void)"));
        assertRefused("void parameter type", "parameter 0 is void: only a result can be void",
                () -> CallbackSignature.of(CallbackType.INT, CallbackType.VOID));
        assertRefused("string result", "cannot return a String",
                () -> CallbackSignature.of(CallbackType.string()));
        assertRefused("address scalar", "an address is not a scalar", () -> CallbackType.scalar(ADDRESS));
        assertRefused("sequence", "unsupported layout in a callback descriptor",
                () -> CallbackSignature.of(FunctionDescriptor.ofVoid(MemoryLayout.sequenceLayout(2, JAVA_INT))));
        assertRefused("blank name", "must not be blank", () -> CallbackOption.name(" "));
    }

    @Test
    void shouldRejectFunctionsThatDoNotFitTheSignature() {
        Comparator<Object> any = (a, b) -> 0;
        assertRefused("arity", "Comparator.compare takes 2 argument(s) but the signature int (*)(int *, int *, int) "
                + "passes 3", () -> Callbacks.of(Comparator.class, any, "int (*)(const int *, const int *, int)"));
        assertRefused("types", "IntBinaryOperator.applyAsInt", () -> Callbacks.of(IntBinaryOperator.class,
                (a, b) -> a + b, "int (*)(const void *, const void *)"));
        assertRefused("void method", "returns void but the signature", () -> Callbacks.of(Runnable.class,
                () -> {}, "int (*)(void)"));
        assertRefused("not an interface", "java.lang.String is not an interface",
                () -> Callbacks.of(String.class, "x", "int (*)(void)"));
        assertRefused("not functional", "java.util.List is not a functional interface",
                () -> Callbacks.of(List.class, List.of(), "int (*)(void)"));
    }

    @Test
    void shouldRejectDefaultsThatDoNotFitTheResult() {
        int before = Callbacks.registry().liveCount();
        assertRefused("wrong type", "the default result of int (*)(void) must be int for C 'int', got String zero",
                () -> Callbacks.create(args -> 0, "int (*)(void)", CallbackOption.defaultResult("zero")));
        assertRefused("void", "a default result was declared (1) but the signature void (*)(void) returns void",
                () -> Callbacks.create(args -> null, "void (*)(void)", CallbackOption.defaultResult(1)));
        assertEquals(before, Callbacks.registry().liveCount(), "a refused callback leaves nothing registered");
    }

    private static void assertRefused(String what, String fragment, org.junit.jupiter.api.function.Executable call) {
        CallbackSignatureException thrown = assertThrows(CallbackSignatureException.class, call, what);
        assertTrue(thrown.getMessage().contains(fragment), what + ": " + thrown.getMessage());
    }
}
