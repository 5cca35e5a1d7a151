package epsilon.foreign.optimize.binding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.optimize.Compilation;
import java.util.List;

/**
 * The bindings the tests call, generated once per test JVM by running the processor over this package's
 * interfaces (as a user's build would), then bound through the generated factories: generated classes by default,
 * {@code Foreign.bind}'s with {@code -Depsilon.optimize=false} (the second surefire run).
 */
final class GeneratedBindings {
    static final Compilation COMPILATION = compile();

    private GeneratedBindings() {}

    private static Compilation compile() {
        Compilation compilation = Compilation.ofTestSources(List.of(
                "epsilon/foreign/optimize/binding/LibcBinding.java",
                "epsilon/foreign/optimize/binding/LibmBinding.java",
                "epsilon/foreign/optimize/binding/ZlibBinding.java",
                "epsilon/foreign/optimize/binding/MissingBinding.java",
                "epsilon/foreign/optimize/binding/OutParameterBinding.java"));
        assertTrue(compilation.success(), compilation::report);
        return compilation;
    }

    static <T> T bind(Class<T> type) {
        return COMPILATION.bind(type, type.getName() + "Native");
    }
}
