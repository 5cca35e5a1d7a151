package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a module-path user meets it: a user module that requires {@code epsilon.foreign} and
 * {@code epsilon.foreign.marshalling} (nothing is re-exported), compiled against the built module descriptors and
 * run with native access granted to the Epsilon modules only. Proves the exports, the requires and the generated
 * classes (trampolines, a bound interface) work inside named modules, where the tests' class path cannot tell.
 */
class ModulePathTest {
    private static final List<String> LIBRARY_MODULES = List.of("epsilon-foreign-trampoline",
            "epsilon-foreign-marshalling", "epsilon-foreign-struct", "epsilon-foreign-callback",
            "epsilon-foreign-inline", "epsilon-foreign-memorypool", "epsilon-foreign-core");

    private static final String MODULE_INFO = """
            module user.app {
                requires epsilon.foreign;
                requires epsilon.foreign.marshalling;
                exports user.app to epsilon.foreign;
            }
            """;

    private static final String MAIN = """
            package user.app;

            import epsilon.foreign.Foreign;
            import epsilon.foreign.NativeType;
            import epsilon.foreign.marshalling.CType;
            import epsilon.foreign.marshalling.UnknownSymbolError;
            import java.util.List;

            public class Main {
                public interface Libc {
                    @NativeType("size_t") long strlen(String s);
                }

                public static void main(String[] args) {
                    Object n = Foreign.sharedCall("strlen", "c", CType.SIZE_T, List.of(CType.STRING), "module");
                    long m = Foreign.bind(Libc.class, "c").strlen("path");
                    String error;
                    try {
                        Foreign.sharedCall("no_such_symbol_here", "c", CType.INT, List.of());
                        error = "none";
                    } catch (UnknownSymbolError e) {
                        error = e.getClass().getSimpleName();
                    }
                    System.out.println(n + " " + m + " " + error + " " + Main.class.getModule().getName());
                }
            }
            """;

    @Test
    void shouldRunAUserModuleOnTheModulePath(@TempDir Path work) throws Exception {
        Path root = Path.of(System.getProperty("epsilon.root", ".."));
        List<String> entries = new ArrayList<>();
        LIBRARY_MODULES.forEach(module -> entries.add(root.resolve(module).resolve("target/classes").toString()));
        // slf4j-api, which the memory pool requires, from the test class path
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("slf4j-api")) {
                entries.add(entry);
            }
        }
        String modulePath = String.join(File.pathSeparator, entries);

        Path sources = work.resolve("src/user.app");
        Files.createDirectories(sources.resolve("user/app"));
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(sources.resolve("user/app/Main.java"), MAIN);
        Path classes = work.resolve("classes");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = ToolProvider.findFirst("javac").orElseThrow().run(
                new PrintWriter(diagnostics, true, StandardCharsets.UTF_8),
                new PrintWriter(diagnostics, true, StandardCharsets.UTF_8),
                "--module-path", modulePath, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("user/app/Main.java").toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        String launcher = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(launcher,
                "--enable-native-access=epsilon.foreign,epsilon.foreign.marshalling,epsilon.foreign.trampoline,"
                        + "epsilon.foreign.memorypool,epsilon.foreign.inline,epsilon.foreign.callback",
                "--module-path", modulePath + File.pathSeparator + classes,
                "--module", "user.app/user.app.Main"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the module-path program did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.strip().endsWith("6 4 UnknownSymbolError user.app"), output);
        assertTrue(!output.contains("WARNING: A restricted method"), "native access not granted: " + output);
    }
}
