package epsilon.foreign.optimize.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.optimize.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every method the processor cannot bind is a javac error on that method, naming the interface, the method, the
 * parameter and what would fit, in {@code Foreign.bind}'s words; no class is generated for the interface.
 */
class ProcessorRefusalTest {

    /** Compiles {@code interface Bad} in library "c" with the given body, and expects one error containing text. */
    private static void assertRefused(String body, String expected) {
        String source = """
                package bad;

                import epsilon.foreign.*;
                import epsilon.foreign.optimize.NativeLibrary;
                import java.lang.foreign.MemorySegment;

                @NativeLibrary("c")
                public interface Bad {
                %s
                }
                """.formatted(body);
        Compilation compilation = Compilation.of(Map.of("bad/Bad.java", source));
        assertFalse(compilation.success(), compilation::report);
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.diagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        assertEquals(1, errors.size(), compilation::report);
        String message = errors.getFirst().getMessage(Locale.ROOT);
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith("cannot bind "), message);
        assertEquals(9, errors.getFirst().getLineNumber(), "the error is on the method: " + compilation.report());
        assertTrue(compilation.generated().isEmpty(), compilation::report);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            int f(@NativeType("double") int x);                 | cannot bind Bad.f(int): parameter 0 (x) is declared @NativeType("double"), which does not fit its Java type int; declare it as double
            int f(Object x);                                    | parameter 0 (x) has Java type java.lang.Object, which has no C mapping; use a primitive
            int f(Object[] x);                                  | for a variadic C function declare fixed parameters and @Variadic(fixed = n)
            <T> int f(int x);                                   | cannot bind Bad.f(int): it is a generic method
            int printf(String format, Object... rest);          | Java varargs cannot say the C types of a variadic call
            @Variadic(fixed = 3) int printf(String format);     | @Variadic(fixed = 3) must be between 0 and the method's 1 parameters
            @Errno double f(double x);                          | @Errno needs a result that signals failure, -1 from an int or long or NULL from a pointer, but the method returns double
            @FreedWith("free") int f();                         | @FreedWith("free") frees a char * result after decoding it, but the method returns int; return a String
            int f(@Encoding("UTF-8") int x);                    | @Encoding is on parameter 0 (x), a int: only String parameters and return values have an encoding
            int f(@Encoding("NO-SUCH-CHARSET") String x);       | @Encoding("NO-SUCH-CHARSET") is not a charset this JVM supports
            int f(@NativeType("no_such_type_t") int x);         | @NativeType("no_such_type_t") on parameter 0 (x) is not a C type
            int f(@NativeType("int") String x);                 | parameter 0 (x) is a String, so its C type is a char pointer, not @NativeType("int")
            int f(@NativeType("struct tm") MemorySegment x);    | structs by value are not supported by bind
            @CFunction("") int f();                             | cannot bind Bad.f(): @CFunction names no symbol
            @NativeType("unsigned int") double f();             | the return value is declared @NativeType("unsigned int"), which does not fit its Java type double
            epsilon.foreign.struct.StructView f();              | the return type is StructView, so the method needs @NativeType naming a pointer to a struct whose layout is known
            java.util.List<String> f();                         | the return type java.util.List<java.lang.String> has no C mapping
            @NativeType("int") void f();                        | the method returns void but is declared @NativeType("int")
            int f(boolean[] x);                                 | parameter 0 (x) has Java type boolean[], which has no C mapping
            int f(@NativeType("int *") byte[] x);               | parameter 0 (x) is a byte[] but is declared @NativeType("int *"); an array is passed as a pointer to elements of 1 byte
            int f(epsilon.foreign.marshalling.ByReference<Object> x); | parameter 0 (x) is epsilon.foreign.marshalling.ByReference<java.lang.Object>, whose C type cannot be told from its type argument; declare it with @NativeType
            int f(@NativeType("int") epsilon.foreign.marshalling.ByReference<Integer> x); | parameter 0 (x) is a ByReference, which passes for a pointer to the value it holds, but is declared @NativeType("int")
            int f(Long[] x);                                    | parameter 0 (x) is Long[], whose elements C reads through a pointer, so it needs @NativeType naming that pointer type (none given)
            int f(java.util.function.IntUnaryOperator x);      | parameter 0 (x) is the functional interface IntUnaryOperator, made a callback for the call, so it needs @NativeType naming its function-pointer type, such as @NativeType("int (*)(const void *, const void *)")
            int f(@NativeType("int *") java.util.function.IntUnaryOperator x); | made a callback for the call, so it needs @NativeType naming its function-pointer type, such as @NativeType("int (*)(const void *, const void *)"), not "int *"
            int f(@NativeType("void (*)(int)") epsilon.foreign.callback.Callback x, @NativeType("int") epsilon.foreign.callback.Callback y); | parameter 1 (y) is a Callback, which passes as a function pointer, but is declared @NativeType("int")
            """)
    void shouldRefuseTheMethodWithAnErrorOnIt(String method, String expected) {
        assertRefused("    " + method, expected.strip());
    }

    @Test
    void shouldRefuseTypesThatAreNotInterfaces() {
        Compilation compilation = Compilation.of(Map.of("bad/NotAnInterface.java", """
                package bad;

                @epsilon.foreign.optimize.NativeLibrary("c")
                public abstract class NotAnInterface {
                    public abstract long labs(long x);
                }
                """));
        assertFalse(compilation.success());
        assertEquals(List.of("cannot bind bad.NotAnInterface: it is a class, not an interface; declare the C functions"
                + " as methods of an interface"), compilation.errors());
    }

    @Test
    void shouldRefuseSealedAndGenericInterfacesAndABlankLibrary() {
        Compilation compilation = Compilation.of(Map.of(
                "bad/Sealed.java", """
                        package bad;
                        @epsilon.foreign.optimize.NativeLibrary("c")
                        public sealed interface Sealed permits Impl { long labs(long x); }
                        """,
                "bad/Impl.java", "package bad; final class Impl implements Sealed { public long labs(long x) { return x; } }",
                "bad/Generic.java", """
                        package bad;
                        @epsilon.foreign.optimize.NativeLibrary("c")
                        public interface Generic<T> { long labs(long x); }
                        """,
                "bad/Blank.java", """
                        package bad;
                        @epsilon.foreign.optimize.NativeLibrary(" ")
                        public interface Blank { long labs(long x); }
                        """));
        assertFalse(compilation.success());
        assertEquals(3, compilation.errors().size(), compilation::report);
        assertTrue(compilation.errors().contains("cannot bind bad.Sealed: it is sealed, so no generated class may"
                + " implement it; declare the C functions as methods of an interface"), compilation::report);
        assertTrue(compilation.errors().stream().anyMatch(e -> e.startsWith("cannot bind bad.Generic: it is generic")),
                compilation::report);
        assertTrue(compilation.errors().contains("cannot bind bad.Blank: @NativeLibrary names no library"),
                compilation::report);
    }

    @Test
    void shouldReportEveryRefusedMethodOfAnInterface() {
        Compilation compilation = Compilation.of(Map.of("bad/Two.java", """
                package bad;
                @epsilon.foreign.optimize.NativeLibrary("c")
                public interface Two {
                    int f(Object x);
                    long labs(long x);
                    int g(Object y);
                }
                """));
        assertEquals(2, compilation.errors().size(), compilation::report);
        assertTrue(compilation.generated().isEmpty());
    }
}
