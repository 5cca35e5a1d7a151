package epsilon.foreign.optimize;

import epsilon.foreign.Foreign;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.optimize.internal.processor.BindingProcessor;
import epsilon.foreign.struct.StructView;
import epsilon.foreign.trampoline.Trampolines;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs javac with the binding processor on given sources, in this JVM, as a user's build would: the processor
 * found on the processor path by its service file (not named with {@code -processor}), {@code -Xlint:all -Werror}.
 *
 * @param success     whether javac succeeded
 * @param diagnostics every diagnostic, errors and warnings
 * @param generated   the generated sources, by file name
 * @param output      where classes and resources were written
 */
public record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
                          Map<String, String> generated, Path output) {

    /** Compiles {@code sources} (file name to text). */
    public static Compilation of(Map<String, String> sources, String... extraOptions) {
        try {
            Path root = Files.createTempDirectory("epsilon-optimize-test");
            Path sourceDir = root.resolve("src");
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDir.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
            }
            return compile(root, listSources(sourceDir), extraOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles source files of this module's tests, such as {@code epsilon/foreign/optimize/binding/Libc.java}. */
    public static Compilation ofTestSources(List<String> relativePaths) {
        try {
            Path root = Files.createTempDirectory("epsilon-optimize-test");
            List<Path> files = relativePaths.stream().map(p -> Path.of("src/test/java").resolve(p)).toList();
            return compile(root, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listSources(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Compilation compile(Path root, List<Path> files, String... extraOptions) throws IOException {
        Path output = Files.createDirectories(root.resolve("classes"));
        Path generatedDir = Files.createDirectories(root.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = classPath();
        List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--release", "25",
                "-cp", classPath, "-processorpath", classPath, "-d", output.toString(), "-s", generatedDir.toString(),
                "-implicit:none"));
        options.addAll(List.of(extraOptions));
        boolean success;
        try (StandardJavaFileManager files2 = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            StringWriter out = new StringWriter();
            success = javac.getTask(out, files2, diagnostics, options, null, files2.getJavaFileObjectsFromPaths(files))
                    .call();
        }
        Map<String, String> generated = new TreeMap<>();
        for (Path file : listSources(generatedDir)) {
            generated.put(generatedDir.relativize(file).toString(), Files.readString(file));
        }
        return new Compilation(success, List.copyOf(diagnostics.getDiagnostics()), generated, output);
    }

    /** This module's classes and the library modules a generated binding compiles against. */
    static String classPath() {
        return Stream.of(BindingProcessor.class, Foreign.class, CType.class, StructView.class, Callback.class,
                        Trampolines.class, Compilation.class)
                .map(Compilation::location).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error messages, in order. */
    public List<String> errors() {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT)).toList();
    }

    /** Every diagnostic, for a failure message. */
    public String report() {
        return diagnostics.stream().map(d -> d.getKind() + " " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n")) + "\n" + String.join("\n", generated.values());
    }

    /** The text of a file javac wrote to the class output, such as the native-image metadata. */
    public String resource(String path) {
        try {
            return Files.readString(output.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Calls {@code <generated>.bind()} from the compiled classes, with the interface itself taken from this test's
     * class loader (the parent), so the test can use its type.
     */
    public <T> T bind(Class<T> type, String generatedClass) {
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {output.toUri().toURL()}, type.getClassLoader());
            Class<?> generated = loader.loadClass(generatedClass);
            return type.cast(generated.getMethod("bind").invoke(null));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
