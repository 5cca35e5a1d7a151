package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleGraphTest {
    private static final List<String> LIBRARY_DIRECTORIES = List.of(
            "epsilon-foreign-trampoline", "epsilon-foreign-marshalling", "epsilon-foreign-struct",
            "epsilon-foreign-callback", "epsilon-foreign-inline", "epsilon-foreign-memorypool",
            "epsilon-foreign-core", "epsilon-foreign-batch", "epsilon-foreign-optimize");

    private static List<ModuleDescriptor> builtModules() {
        Path root = Path.of(System.getProperty("epsilon.root", ".."));
        Path[] outputs = LIBRARY_DIRECTORIES.stream()
                .map(dir -> root.resolve(dir).resolve("target/classes"))
                .peek(p -> assertTrue(Files.isRegularFile(p.resolve("module-info.class")),
                        "no compiled module descriptor at " + p))
                .toArray(Path[]::new);
        return ModuleFinder.of(outputs).findAll().stream()
                .map(ModuleReference::descriptor)
                .collect(Collectors.toList());
    }

    @Test
    void shouldFindEveryLibraryModuleInTheBuildOutput() {
        Set<String> names = builtModules().stream().map(ModuleDescriptor::name).collect(Collectors.toSet());
        assertEquals(Set.of("epsilon.foreign.trampoline", "epsilon.foreign.marshalling", "epsilon.foreign.struct",
                "epsilon.foreign.callback", "epsilon.foreign.inline", "epsilon.foreign.memorypool",
                "epsilon.foreign", "epsilon.foreign.batch", "epsilon.foreign.optimize"), names);
    }

    @Test
    void shouldKeepTheLoadOrderOfTheDesign() {
        assertEquals(List.of(), ModuleGraphRules.violations(builtModules()));
    }

    // The rules themselves, each shown failing on a graph built to break it.

    @Test
    void shouldDetectACycle() {
        var a = ModuleDescriptor.newModule("epsilon.foreign").requires("epsilon.foreign.batch").build();
        var b = ModuleDescriptor.newModule("epsilon.foreign.batch").requires("epsilon.foreign").build();
        assertTrue(ModuleGraphRules.violations(List.of(a, b)).stream()
                        .anyMatch(v -> v.startsWith("cycle: epsilon.foreign -> epsilon.foreign.batch -> epsilon.foreign")),
                () -> ModuleGraphRules.violations(List.of(a, b)).toString());
    }

    @Test
    void shouldDetectRequiresTransitive() {
        var core = ModuleDescriptor.newModule("epsilon.foreign")
                .requires(Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE), "epsilon.foreign.marshalling")
                .build();
        assertEquals(List.of("epsilon.foreign has 'requires transitive epsilon.foreign.marshalling'"),
                ModuleGraphRules.violations(List.of(core)));
    }

    @Test
    void shouldDetectAnIndependentModuleThatRequiresAnother() {
        var inline = ModuleDescriptor.newModule("epsilon.foreign.inline").requires("epsilon.foreign.marshalling").build();
        assertEquals(List.of("epsilon.foreign.inline requires epsilon.foreign.marshalling, which DESIGN.md does not allow"),
                ModuleGraphRules.violations(List.of(inline)));
        var struct = ModuleDescriptor.newModule("epsilon.foreign.struct").requires("epsilon.foreign.callback").build();
        assertEquals(List.of("epsilon.foreign.struct requires epsilon.foreign.callback, which DESIGN.md does not allow"),
                ModuleGraphRules.violations(List.of(struct)));
        var marshalling = ModuleDescriptor.newModule("epsilon.foreign.marshalling").requires("epsilon.foreign.struct")
                .build();
        assertEquals(List.of("epsilon.foreign.marshalling requires epsilon.foreign.struct, which DESIGN.md does not"
                + " allow"), ModuleGraphRules.violations(List.of(marshalling)));
    }

    @Test
    void shouldLetStructAndCallbackBuildOnTheOneCVocabularyOnly() {
        var struct = ModuleDescriptor.newModule("epsilon.foreign.struct").requires("epsilon.foreign.marshalling").build();
        var callback = ModuleDescriptor.newModule("epsilon.foreign.callback").requires("epsilon.foreign.marshalling")
                .requires("org.slf4j").build();
        assertEquals(List.of(), ModuleGraphRules.violations(List.of(struct, callback)));
        var onCore = ModuleDescriptor.newModule("epsilon.foreign.callback").requires("epsilon.foreign").build();
        assertEquals(List.of("epsilon.foreign.callback requires epsilon.foreign, which DESIGN.md does not allow"),
                ModuleGraphRules.violations(List.of(onCore)));
    }

    @Test
    void shouldUseEveryRequiresItDeclares() {
        List<String> unused = new java.util.ArrayList<>();
        for (ModuleDescriptor module : builtModules()) {
            unused.addAll(UnusedRequires.of(module, modulePath()));
        }
        assertEquals(List.of(), unused);
    }

    @Test
    void shouldDetectARequiresThatIsNotUsed(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Path source = work.resolve("src/lazy.app");
        Files.createDirectories(source.resolve("lazy/app"));
        Files.writeString(source.resolve("module-info.java"), "module lazy.app { requires java.sql; exports lazy.app; }");
        Files.writeString(source.resolve("lazy/app/Main.java"), "package lazy.app; public class Main {}");
        Path classes = work.resolve("classes");
        int compiled = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err,
                "-d", classes.toString(), source.resolve("module-info.java").toString(),
                source.resolve("lazy/app/Main.java").toString());
        assertEquals(0, compiled);
        ModuleDescriptor lazy = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertEquals(List.of("lazy.app requires java.sql but uses nothing of it"),
                UnusedRequires.of(lazy, classes.toString()));
    }

    /** The built library modules and the SLF4J API they log through. */
    private static String modulePath() {
        Path root = Path.of(System.getProperty("epsilon.root", ".."));
        List<String> entries = new java.util.ArrayList<>();
        LIBRARY_DIRECTORIES.forEach(dir -> entries.add(root.resolve(dir).resolve("target/classes").toString()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("slf4j-api")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    @Test
    void shouldDetectCoreReachingOptimizeByName() {
        var core = ModuleDescriptor.newModule("epsilon.foreign").requires("epsilon.foreign.optimize").build();
        assertEquals(List.of("epsilon.foreign requires epsilon.foreign.optimize, which DESIGN.md does not allow"),
                ModuleGraphRules.violations(List.of(core)));
    }

    @Test
    void shouldDetectAnExportedInternalPackage() {
        var inline = ModuleDescriptor.newModule("epsilon.foreign.inline")
                .exports("epsilon.foreign.inline.internal").build();
        assertEquals(List.of("epsilon.foreign.inline exports internal package epsilon.foreign.inline.internal to everyone"),
                ModuleGraphRules.violations(List.of(inline)));
    }

    @Test
    void shouldAllowAnInternalPackageExportedToANamedSibling() {
        var inline = ModuleDescriptor.newModule("epsilon.foreign.inline")
                .exports(Set.of(), "epsilon.foreign.inline.internal", Set.of("epsilon.foreign"))
                .build();
        assertEquals(List.of(), ModuleGraphRules.violations(List.of(inline)));
    }

    @Test
    void shouldDetectAnExportOfAnotherModulesPackage() {
        var batch = ModuleDescriptor.newModule("epsilon.foreign.batch").exports("epsilon.foreign.marshalling").build();
        assertEquals(List.of("epsilon.foreign.batch exports epsilon.foreign.marshalling, a package outside its own name"),
                ModuleGraphRules.violations(List.of(batch)));
    }
}
