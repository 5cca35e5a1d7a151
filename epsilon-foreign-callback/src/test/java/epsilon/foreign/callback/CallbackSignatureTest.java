package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Reading signatures (C text through the marshalling front end, or a {@link CPrototype} built in Java), and every
 * way a signature or function can be refused.
 */
class CallbackSignatureTest {
    private static final MemoryLayout INT = Linker.nativeLinker().canonicalLayouts().get("int");

    /** The signature a callback made from {@code text} reports; the callback is freed at once. */
    static CPrototype signatureOf(String text) {
        try (Callback callback = Callbacks.create(args -> null, text)) {
            return callback.signature();
        }
    }

    @Test
    void shouldReadFunctionPointerTypesAndPrototypesAlike() {
        FunctionDescriptor expected = FunctionDescriptor.of(INT, ADDRESS, ADDRESS);
        assertEquals(expected, signatureOf("int (*)(const void *, const void *)").descriptor());
        assertEquals(expected, signatureOf("int (*cmp)(const void*, const void*)").descriptor());
        assertEquals(expected, signatureOf("int cmp(const void *a, const void *b);").descriptor());
        CPrototype built = CPrototype.of(null, CType.INT, CType.POINTER, CType.POINTER);
        try (Callback fromJava = Callbacks.create(args -> 0, built)) {
            assertEquals(expected, fromJava.signature().descriptor());
            assertEquals(built, fromJava.signature());
        }

        CPrototype prototype = signatureOf("int cmp(const void *a, const void *b);");
        assertEquals("cmp", prototype.name());
        assertEquals(List.of("a", "b"), prototype.parameters().stream().map(CParameter::name).toList());
        assertNull(signatureOf("int (*cmp)(const void *, const void *)").name(), "a function pointer type has no name");
        assertEquals(List.of(CType.INT, CType.UNSIGNED_LONG), signatureOf("int (*)(int, unsigned long)")
                .parameterTypes());
    }

    @Test
    void shouldReadVoidResultsParameterlessListsAndFunctionPointerParameters() {
        CPrototype signature = signatureOf("void (*)(void)");
        assertEquals(CType.VOID, signature.returnType());
        assertEquals(List.of(), signature.parameters());
        assertEquals(List.of(), signatureOf("int (*)()").parameters(), "() is no parameters, as (void)");
        CPrototype start = signatureOf("void *(*start_routine)(void *)");
        assertEquals(FunctionDescriptor.of(ADDRESS, ADDRESS), start.descriptor());
        CPrototype onSignal = signatureOf("int (*)(void (*)(int), int)");
        assertEquals(FunctionDescriptor.of(INT, ADDRESS, INT), onSignal.descriptor());
        FunctionPointerType handler = assertInstanceOf(FunctionPointerType.class, onSignal.parameterTypes().getFirst());
        assertEquals(List.of(CType.INT), handler.signature().parameterTypes());
        CPrototype registration = signatureOf("int register_handler(void (*handler)(int), int flags)");
        assertEquals(FunctionDescriptor.of(INT, ADDRESS, INT), registration.descriptor());
        assertEquals("register_handler", registration.name());
        assertEquals(FunctionDescriptor.of(INT, ADDRESS), signatureOf("int f(int (*cb)(int))").descriptor());
        assertEquals(FunctionDescriptor.of(INT, ADDRESS), signatureOf("int (*outer)(int (*inner)(int));")
                .descriptor(), "a named function-pointer type with a named function-pointer parameter");
        CPrototype factory = signatureOf("int (*(*make)(int))(double)");
        assertEquals(List.of(CType.INT), factory.parameterTypes());
        assertInstanceOf(FunctionPointerType.class, factory.returnType(), "a pointer to a function returning one");
        CPrototype signal = signatureOf("void (*signal(int sig, void (*handler)(int)))(int)");
        assertEquals("signal", signal.name());
        assertInstanceOf(FunctionPointerType.class, signal.returnType(), "a callback may return a function pointer");
    }

    @Test
    void shouldSizePointersToTheDeclaredTarget() {
        CPrototype signature = signatureOf("int (*)(const int *, int)");
        assertEquals(CType.pointerToConst(CType.INT), signature.parameterTypes().get(0));
        assertEquals(CType.INT, signature.parameterTypes().get(1));
        assertEquals(FunctionDescriptor.of(INT, ADDRESS.withTargetLayout(JAVA_INT), INT), signature.descriptor());

        StructType entry = StructType.struct("struct entry").field("key", "int").field("value", "double").build();
        List<Long> sizes = new ArrayList<>();
        CallbackFunction sizeOfEach = args -> {
            sizes.add(((MemorySegment) args[0]).byteSize());
            sizes.add(((MemorySegment) args[1]).byteSize());
            return 0;
        };
        try (Arena arena = Arena.ofConfined();
                Callback ints = Callbacks.create(sizeOfEach, "int (*)(const int *, void *)");
                Callback entries = Callbacks.create(sizeOfEach,
                        CPrototype.of(null, CType.INT, CType.pointerToConst(entry), CType.pointerTo(CType.DOUBLE)))) {
            MemorySegment memory = arena.allocate(64);
            ints.call(memory, memory);
            entries.call(memory, memory);
        }
        assertEquals(List.of(4L, 0L, 16L, 8L), sizes, "int *, void * (unsized), struct entry *, double *");
    }

    @Test
    void shouldRejectUnreadableSignatureText() {
        assertUnreadable("int (*)int)", "expected end of text but found 'int'", 1, 8);
        assertUnreadable("int (*)(int", "expected ')' to close the parameter list opened at 1:8 but found end of"
                + " input", 1, 12);
        assertUnreadable("int (*)(int &)", "found '&'", 1, 13);
        assertUnreadable("int (*)(int,\n    foo_t)", "unknown type name 'foo_t'", 2, 5);
        // the error is the one of the reading the text was meant for, quoting the text as written
        assertUnreadable("int (*compare)(int", "expected ')' to close the parameter list opened at 1:15 but found"
                + " end of input at 1:19 in \"int (*compare)(int\"", 1, 19);
        assertUnreadable("int register_handler(void (*handler)(int), int", "expected ')' to close the parameter"
                + " list opened at 1:21", 1, 47);
        assertRefused("not a function", "'int *(*p)' is neither a prototype nor a function pointer type: it names"
                + " the type int **", () -> Callbacks.create(args -> 0, "int *(*p)"));
    }

    @Test
    void shouldRejectUnknownAndUnsupportedTypes() {
        assertUnreadable("int (*)(int, foo_t)", "unknown type name 'foo_t'; declare it with CType.define", 1, 14);
        assertUnreadable("int (*)(unsigned double)", "invalid combination of type specifiers 'unsigned double'", 1, 9);
        assertUnreadable("int (*)(int, void)", "parameter 1 has type void; write (void) alone for no parameters",
                1, 14);
        assertRefused("long double", "cannot make a callback long double (*)(void): its result is long double by"
                + " value: long double: Java has no primitive for it and the FFM linker no layout to pass it",
                () -> Callbacks.create(args -> null, "long double (*)(void)"));
        assertRefused("struct by value", "cannot make a callback void (*)(struct point): parameter 0 (p) is struct"
                + " point by value, which is declared but never defined",
                () -> Callbacks.create(args -> null, "void (*)(struct point p)"));
        assertRefused("variadic", "a callback cannot be variadic: int (*)(char *, ...) (the FFM linker makes upcalls"
                + " of fixed arity)", () -> Callbacks.create(args -> 0, "int (*)(const char *, ...)"));
        assertRefused("blank name", "a callback name must not be blank: ' '", () -> CallbackOption.name(" "));
    }

    @Test
    void shouldRejectFunctionsThatDoNotFitTheSignature() {
        Comparator<Object> any = (a, b) -> 0;
        assertRefused("arity", "Comparator.compare takes 2 argument(s) but the signature int (*)(const int *, const"
                + " int *, int) passes 3", () -> Callbacks.of(Comparator.class, any,
                        "int (*)(const int *, const int *, int)"));
        assertRefused("types", "IntBinaryOperator.applyAsInt declares parameter 0 as int, but C passes const void * in"
                + " int (*)(const void *, const void *); declare it as MemorySegment", () -> Callbacks.of(IntBinaryOperator.class,
                        (a, b) -> a + b, "int (*)(const void *, const void *)"));
        assertRefused("void method", "Runnable.run returns void but the signature int (*)(void) returns int",
                () -> Callbacks.of(Runnable.class, () -> {}, "int (*)(void)"));
        assertRefused("not an interface", "java.lang.String is not an interface: a typed callback needs a functional"
                + " interface", () -> Callbacks.of(String.class, "x", "int (*)(void)"));
        assertRefused("not functional", "java.util.List is not a functional interface: it has",
                () -> Callbacks.of(List.class, List.of(), "int (*)(void)"));
    }

    @Test
    void shouldRejectDefaultsThatDoNotFitTheResult() {
        int before = Callbacks.registry().liveCount();
        assertRefused("wrong type", "the default result of int (*)(void): expected C type int (a Byte, Short,"
                + " Integer, Long, BigInteger or Character) but got java.lang.String \"zero\"",
                () -> Callbacks.create(args -> 0, "int (*)(void)", CallbackOption.defaultResult("zero")));
        assertRefused("void", "a default result was declared (1) but the signature void (*)(void) returns void",
                () -> Callbacks.create(args -> null, "void (*)(void)", CallbackOption.defaultResult(1)));
        assertEquals(before, Callbacks.registry().liveCount(), "a refused callback leaves nothing registered");
    }

    /** Declares a C {@code int} as Java text: no such value exists. */
    public interface IntAsText {
        int apply(String value);
    }

    /** Returns Java text where C wants a {@code char *} that outlives the call. */
    public interface Name {
        String get();
    }

    /** Two abstract methods: not functional. */
    public interface TwoMethods {
        int first();

        int second();
    }

    @Test
    void shouldRefuseEachMisfitAtCreationWithItsReasonAndKeepNothing() {
        int before = Callbacks.registry().liveCount();
        assertRefused("not functional", TwoMethods.class.getName() + " is not a functional interface: it has 2"
                + " abstract methods", () -> Callbacks.of(TwoMethods.class, new TwoMethods() {
                    @Override
                    public int first() {
                        return 1;
                    }

                    @Override
                    public int second() {
                        return 2;
                    }
                }, "int (*)(void)"));
        @SuppressWarnings("unchecked") // a caller that lost the generic types, as reflection-driven code would
        Class<Object> comparator = (Class<Object>) (Class<?>) Comparator.class;
        assertRefused("not an instance", "the function java.lang.String is not a java.util.Comparator",
                () -> Callbacks.of(comparator, "not a comparator", "int (*)(int, int)"));
        assertRefused("arity", "IntBinaryOperator.applyAsInt takes 2 argument(s) but the signature int (*)(int)"
                + " passes 1", () -> Callbacks.of(IntBinaryOperator.class, Integer::sum, "int (*)(int)"));
        assertRefused("String for int", "IntAsText.apply declares parameter 0 as java.lang.String, but C passes int"
                + " in int (*)(int); declare it as int", () -> Callbacks.of(IntAsText.class, String::length,
                        "int (*)(int)"));
        assertRefused("String result for char *", "Name.get returns java.lang.String, which cannot become the"
                + " char * that char *(*)(void) returns: C would need memory that outlives the call; return a"
                + " MemorySegment you allocated", () -> Callbacks.of(Name.class, () -> "epsilon",
                        "const char *(*)(void)"));
        assertRefused("variadic", "a callback cannot be variadic: int (*)(int, ...) (the FFM linker makes upcalls"
                + " of fixed arity)", () -> Callbacks.create(args -> 0, "int log(int level, ...)"));
        assertRefused("opaque by value", "cannot make a callback int (*)(sqlite3): parameter 0 is sqlite3 by value:"
                + " sqlite3 is opaque: only a pointer to it can be passed",
                () -> Callbacks.create(args -> 0, CPrototype.of(null, CType.INT, CType.opaque("sqlite3"))));
        assertRefused("incomplete by value", "cannot make a callback int (*)(struct _IO_FILE): parameter 0 is struct"
                + " _IO_FILE by value, which is declared but never defined",
                () -> Callbacks.create(args -> 0, "int (*)(FILE)"));
        assertRefused("incomplete by value, as a prototype", "cannot make a callback int (*)(struct _IO_FILE):"
                + " parameter 0 (stream) is struct _IO_FILE by value, which is declared but never defined",
                () -> Callbacks.create(args -> 0, "int f(FILE stream)"));
        assertRefused("long double", "cannot make a callback int (*)(long double): parameter 0 (x) is long double by"
                + " value: long double: Java has no primitive for it and the FFM linker no layout to pass it",
                () -> Callbacks.of(IntBinaryOperator.class, Integer::sum, "int f(long double x)"));
        assertUnreadable("int (*)(int", "expected ')' to close the parameter list opened at 1:8 but found end of"
                + " input at 1:12 in \"int (*)(int\"", 1, 12);
        assertRefused("default", "the default result of unsigned int (*)(void): -1 does not fit C type unsigned int"
                + " (range 0..4294967295)", () -> Callbacks.create(args -> 0L, "unsigned int (*)(void)",
                        CallbackOption.defaultResult(-1), CallbackOption.name("refused-default")));
        assertTrue(Callbacks.registry().byName("refused-default").isEmpty());
        try (Callback first = Callbacks.register("taken", args -> null, "void (*)(void)")) {
            CallbackRegistryError duplicate = assertThrows(CallbackRegistryError.class,
                    () -> Callbacks.register("taken", args -> null, "void (*)(void)"));
            assertEquals("the name 'taken' is taken by live callback #" + first.id() + " 'taken' void (*)(void):"
                    + " close or unregister it first", duplicate.getMessage());
            assertEquals(before + 1, Callbacks.registry().liveCount());
        }
        assertEquals(before, Callbacks.registry().liveCount(), "no refusal left a callback registered");
    }

    @Test
    void shouldRefuseStructsTheLinkerCannotPassWithMarshallingsReason() {
        int before = Callbacks.registry().liveCount();
        String[][] refused = {
            // the front end lays these out as gcc does, but no layout makes the FFM linker pass them as C does
            {"void (*)(struct packed { char c; int x; } __attribute__((packed)))", "cannot make a callback void"
                + " (*)(struct packed): parameter 0 is struct packed by value, which the FFM linker cannot pass: field"
                + " 'x' (int)"
                + " is at offset 1, not a multiple of its alignment 4, so C passes the struct in memory, which no"
                + " layout asks the FFM linker for"},
            {"void (*)(struct wide { int x; } __attribute__((aligned(64))))", "cannot make a callback void (*)(struct"
                + " wide): parameter 0 is struct wide by value, which the FFM linker cannot pass: its alignment, 64"
                + " bytes, is more than the FFM linker supports (8)"},
            {"struct extended { long double x; } (*)(void)", "cannot make a callback struct extended (*)(void): its"
                + " result is struct extended by value, which the FFM linker cannot pass: field 'x' is long double:"
                + " Java has no primitive for it and the FFM linker no layout to pass it"},
        };
        for (String[] signature : refused) {
            CallbackSignatureError thrown = assertThrows(CallbackSignatureError.class,
                    () -> Callbacks.create(args -> null, signature[0], CallbackOption.name("unlinkable")),
                    signature[0]);
            assertEquals(signature[1], thrown.getMessage());
            assertTrue(Callbacks.registry().byName("unlinkable").isEmpty(), "the name is not kept by a refusal");
        }
        assertEquals(before, Callbacks.registry().liveCount(), "a refused callback leaves nothing registered");
        // a struct of bit-fields is passed in the int that holds them
        try (Callback bits = Callbacks.create(args -> null, "void (*)(struct bits { int a : 3; int b : 7; })")) {
            assertTrue(bits.isAlive());
        }
    }

    @Test
    void shouldRefuseWhatTheJdkCannotLinkAsASignatureError() {
        int before = Callbacks.registry().liveCount();
        String[][] refused = {
            // more parameter slots than a method handle has: 200 doubles are 400
            {"void (*)(" + String.join(", ", Collections.nCopies(200, "double")) + ")",
                "void (*)(double, double, "},
            {"void (*)(" + String.join(", ", Collections.nCopies(255, "int")) + ")", "void (*)(int, int, "},
        };
        for (String[] signature : refused) {
            CallbackSignatureError thrown = assertThrows(CallbackSignatureError.class,
                    () -> Callbacks.create(args -> null, signature[0], CallbackOption.name("unlinkable")),
                    signature[0]);
            assertTrue(thrown.getMessage().startsWith("cannot make a callback " + signature[1]), thrown.getMessage());
            assertTrue(thrown.getMessage().contains(": the JDK refuses it: "), thrown.getMessage());
            assertInstanceOf(IllegalArgumentException.class, thrown.getCause(), "the JDK's detail is kept");
            assertTrue(Callbacks.registry().byName("unlinkable").isEmpty(), "the name is not kept by a refusal");
        }
        assertEquals(before, Callbacks.registry().liveCount(), "a refused callback leaves nothing registered");
        try (Callback widest = Callbacks.create(args -> null,
                "void (*)(" + String.join(", ", Collections.nCopies(120, "double")) + ")")) {
            assertEquals(120, widest.signature().arity(), "240 slots still link");
        }
    }

    static void assertUnreadable(String text, String fragment, int line, int column) {
        ParseError thrown = assertThrows(ParseError.class, () -> Callbacks.create(args -> 0, text), text);
        assertTrue(thrown.getMessage().contains(fragment), text + ": " + thrown.getMessage());
        assertEquals(line, thrown.line(), text + ": " + thrown.getMessage());
        assertEquals(column, thrown.column(), text + ": " + thrown.getMessage());
    }

    static void assertRefused(String what, String fragment, Executable call) {
        CallbackSignatureError thrown = assertThrows(CallbackSignatureError.class, call, what);
        assertTrue(thrown.getMessage().contains(fragment), what + ": " + thrown.getMessage());
    }
}
