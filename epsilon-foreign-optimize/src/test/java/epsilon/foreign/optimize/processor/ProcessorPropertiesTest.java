package epsilon.foreign.optimize.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.optimize.Compilation;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random bound methods from a small grammar (Java types, {@code @NativeType} spellings good and bad, the method
 * annotations in any combination): the processor never fails itself; either the binding is generated and compiles
 * without a warning under {@code -Xlint:all -Werror}, or every error is one of its refusals, on a method.
 */
class ProcessorPropertiesTest {
    private static final List<String> JAVA_TYPES = List.of("int", "long", "short", "byte", "char", "float", "double",
            "boolean", "String", "MemorySegment", "byte[]", "int[]", "long[]", "double[]", "boolean[]", "Object",
            "Object[]", "epsilon.foreign.callback.Callback", "epsilon.foreign.struct.StructView", "Integer");
    private static final List<String> C_TYPES = List.of("", "int", "unsigned int", "size_t", "long", "unsigned char",
            "unsigned short", "uint32_t", "double", "float", "char *", "const char *", "void *", "const int *",
            "int *", "struct tm *", "struct tm", "int (*)(const void *, const void *)", "void", "no_such_t",
            "unsigned long", "_Bool", "const void *", "wchar_t *");
    private static final List<String> METHOD_ANNOTATIONS = List.of("", "@Errno", "@Critical", "@Critical(heapAccess = true)",
            "@Variadic(fixed = 1)", "@Variadic(fixed = 0)", "@FreedWith(\"free\")", "@Encoding(\"UTF-16LE\")",
            "@CFunction(\"labs\")");

    @Property(tries = 25)
    void shouldGenerateCompilableCodeOrRefuseWithAnError(@ForAll("methods") List<String> methods) {
        StringBuilder source = new StringBuilder("""
                package random;

                import epsilon.foreign.*;
                import epsilon.foreign.optimize.NativeLibrary;
                import java.lang.foreign.MemorySegment;

                @NativeLibrary("c")
                public interface Random {
                """);
        for (int i = 0; i < methods.size(); i++) {
            source.append("    ").append(methods.get(i).replace("NAME", "f" + i)).append('\n');
        }
        source.append("}\n");
        Compilation compilation = Compilation.of(Map.of("random/Random.java", source.toString()));
        String report = source + "\n" + compilation.report();
        if (compilation.success()) {
            assertTrue(compilation.diagnostics().isEmpty(), report);
            assertEquals(1, compilation.generated().size(), report);
            return;
        }
        List<String> errors = compilation.errors();
        assertTrue(!errors.isEmpty(), report);
        assertTrue(errors.stream().allMatch(error -> error.startsWith("cannot bind Random.")), report);
        assertTrue(compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .allMatch(d -> d.getLineNumber() >= 9), report);
        assertTrue(compilation.generated().isEmpty(), report);
    }

    @Provide
    Arbitrary<List<String>> methods() {
        return method().list().ofMinSize(1).ofMaxSize(3);
    }

    private Arbitrary<String> method() {
        Arbitrary<String> annotation = Arbitraries.of(METHOD_ANNOTATIONS);
        Arbitrary<String> result = Combinators.combine(nativeType(), Arbitraries.of(JAVA_TYPES).injectNull(0.2))
                .as((c, java) -> java == null ? "void" : c + java);
        Arbitrary<String> parameters = Combinators.combine(nativeType(), Arbitraries.of(JAVA_TYPES))
                .as((c, java) -> c + java).list().ofMaxSize(3)
                .map(list -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < list.size(); i++) {
                        text.append(i == 0 ? "" : ", ").append(list.get(i)).append(" p").append(i);
                    }
                    return text.toString();
                });
        return Combinators.combine(annotation, result, parameters)
                .as((a, r, p) -> a + " " + r + " NAME(" + p + ");");
    }

    private Arbitrary<String> nativeType() {
        return Arbitraries.of(C_TYPES).map(c -> c.isEmpty() ? "" : "@NativeType(\"" + c + "\") ");
    }
}
