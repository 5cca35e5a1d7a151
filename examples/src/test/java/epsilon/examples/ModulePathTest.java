package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The library as a module-path user meets it: a user module compiled against the built module descriptors and run
 * in a forked JVM 25 with {@code --illegal-native-access=deny}, native access granted to exactly the modules README
 * names for that set of artifacts, and on the module path only the artifacts that set needs. Proves the exports,
 * the requires and the generated classes work inside named modules, and that struct and callback stand alone on
 * marshalling.
 */
class ModulePathTest {
    private static final String SLF4J = "slf4j-api";

    /** Compiles {@code user.app} (module-info and Main) against {@code libraries} and runs it; returns its output. */
    private static String run(Path work, List<String> libraries, String moduleInfo, String main, String nativeAccess)
            throws Exception {
        return run(work, libraries, moduleInfo, main, nativeAccess, false);
    }

    /** As above; with {@code processors}, javac also runs the annotation processors the module path provides. */
    private static String run(Path work, List<String> libraries, String moduleInfo, String main, String nativeAccess,
                              boolean processors) throws Exception {
        Path root = Path.of(System.getProperty("epsilon.root", ".."));
        List<String> entries = new ArrayList<>();
        libraries.forEach(module -> entries.add(root.resolve(module).resolve("target/classes").toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains(SLF4J) || entry.contains("slf4j-simple")) {
                entries.add(entry);
            }
        }
        String modulePath = String.join(File.pathSeparator, entries);
        Path sources = work.resolve("src/user.app");
        Files.createDirectories(sources.resolve("user/app"));
        Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        Files.writeString(sources.resolve("user/app/Main.java"), main);
        Path classes = work.resolve("classes");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = ToolProvider.findFirst("javac").orElseThrow().run(
                new PrintWriter(diagnostics, true, StandardCharsets.UTF_8),
                new PrintWriter(diagnostics, true, StandardCharsets.UTF_8),
                processors ? new String[] {"--module-path", modulePath, "--processor-module-path", modulePath,
                        "-d", classes.toString(), "-s", work.resolve("generated").toString(),
                        sources.resolve("module-info.java").toString(), sources.resolve("user/app/Main.java").toString()}
                : new String[] {"--module-path", modulePath, "-d", classes.toString(),
                        sources.resolve("module-info.java").toString(), sources.resolve("user/app/Main.java").toString()});
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        String launcher = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(launcher, "--illegal-native-access=deny",
                "--enable-native-access=" + nativeAccess,
                "--module-path", modulePath + File.pathSeparator + classes,
                "--module", "user.app/user.app.Main"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the module-path program did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("WARNING: A restricted method"), "native access not granted: " + output);
        return output.strip();
    }

    @Test
    void shouldRunAUserModuleOfCoreOnTheModulePath(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-trampoline", "epsilon-foreign-marshalling",
                "epsilon-foreign-struct", "epsilon-foreign-callback", "epsilon-foreign-core"), """
                module user.app {
                    requires epsilon.foreign;
                    requires epsilon.foreign.marshalling;
                    exports user.app to epsilon.foreign;
                }
                """, """
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
                        Object zone = Foreign.call("getenv", "NO_SUCH_VARIABLE_HERE");
                        String error;
                        try {
                            Foreign.sharedCall("no_such_symbol_here", "c", CType.INT, List.of());
                            error = "none";
                        } catch (UnknownSymbolError e) {
                            error = e.getClass().getSimpleName();
                        }
                        System.out.println(n + " " + m + " " + zone + " " + error + " " + Main.class.getModule().getName());
                    }
                }
                """, "epsilon.foreign,epsilon.foreign.trampoline,epsilon.foreign.marshalling");
        assertTrue(output.endsWith("6 4 null UnknownSymbolError user.app"), output);
    }

    @Test
    void shouldBindAtCompileTimeInAUserModule(@TempDir Path work) throws Exception {
        // The processor is found on the processor module path through optimize's 'provides'; the generated class
        // lives in the user's module and calls C itself, so the user's module needs native access too.
        String output = run(work, List.of("epsilon-foreign-trampoline", "epsilon-foreign-marshalling",
                "epsilon-foreign-struct", "epsilon-foreign-callback", "epsilon-foreign-core", "epsilon-foreign-inline",
                "epsilon-foreign-optimize"), """
                module user.app {
                    requires epsilon.foreign;
                    requires epsilon.foreign.optimize;
                    exports user.app;
                }
                """, """
                package user.app;

                import epsilon.foreign.NativeType;
                import epsilon.foreign.optimize.NativeLibrary;
                import epsilon.foreign.optimize.Optimize;

                public class Main {
                    @NativeLibrary("c")
                    public interface Libc {
                        @NativeType("size_t") long strlen(String s);
                        long labs(long x);
                    }

                    public static void main(String[] args) {
                        Libc libc = Main_LibcNative.bind();
                        Libc found = Optimize.bind(Libc.class);
                        System.out.println(libc.strlen("module") + " " + found.labs(-4) + " "
                                + libc.getClass().getSimpleName() + " " + Main.class.getModule().getName());
                    }
                }
                """, "user.app,epsilon.foreign,epsilon.foreign.optimize,epsilon.foreign.trampoline,"
                + "epsilon.foreign.marshalling", true);
        assertTrue(output.endsWith("6 4 Main_LibcNative user.app"), output);
    }

    @Test
    void shouldRunTheStructModuleWithMarshallingAlone(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-marshalling", "epsilon-foreign-struct"), """
                module user.app {
                    requires epsilon.foreign.struct;
                    requires epsilon.foreign.marshalling;
                }
                """, """
                package user.app;

                import epsilon.foreign.marshalling.CHeader;
                import epsilon.foreign.marshalling.StructType;
                import epsilon.foreign.struct.StructView;
                import java.lang.foreign.Arena;

                public class Main {
                    public static void main(String[] args) {
                        StructType point = CHeader.parse("struct point { short x; long y; char name[8]; };")
                                .struct("point");
                        try (Arena arena = Arena.ofConfined()) {
                            StructView view = StructView.allocate(point, arena).set("x", 3).set("y", -4L)
                                    .set("name", "seven");
                            System.out.println(point.byteSize() + " " + view);
                        }
                    }
                }
                """, "epsilon.foreign.marshalling");
        assertTrue(output.endsWith("24 #<struct point x=3 y=-4 name=seven>"), output);
    }

    @Test
    void shouldRunTheCallbackModuleWithMarshallingAlone(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-marshalling", "epsilon-foreign-callback"), """
                module user.app {
                    requires epsilon.foreign.callback;
                    requires epsilon.foreign.marshalling;
                }
                """, """
                package user.app;

                import epsilon.foreign.callback.Callback;
                import epsilon.foreign.callback.Callbacks;
                import java.lang.foreign.Arena;
                import java.lang.foreign.FunctionDescriptor;
                import java.lang.foreign.Linker;
                import java.lang.foreign.MemorySegment;
                import java.lang.foreign.ValueLayout;
                import java.lang.invoke.MethodHandle;
                import java.util.Arrays;
                import java.util.Comparator;

                public class Main {
                    public static void main(String[] args) throws Throwable {
                        Linker linker = Linker.nativeLinker();
                        MethodHandle qsort = linker.downcallHandle(linker.defaultLookup().find("qsort").orElseThrow(),
                                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
                        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(ValueLayout.JAVA_INT, 0),
                                b.get(ValueLayout.JAVA_INT, 0));
                        try (Arena arena = Arena.ofConfined();
                             Callback compare = Callbacks.of(Comparator.class, ascending,
                                     "int (*)(const int *, const int *)")) {
                            MemorySegment numbers = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
                            qsort.invokeExact(numbers, 3L, 4L, compare.pointer());
                            System.out.println(Arrays.toString(numbers.toArray(ValueLayout.JAVA_INT)));
                        }
                    }
                }
                """, "user.app,epsilon.foreign.callback,epsilon.foreign.marshalling");
        assertTrue(output.endsWith("[1, 2, 3]"), output);
    }

    @Test
    void shouldRunCoreWithCallbacksOutParametersAndAHiddenBoundInterface(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-trampoline", "epsilon-foreign-marshalling",
                "epsilon-foreign-struct", "epsilon-foreign-callback", "epsilon-foreign-core"), """
                module user.app {
                    requires epsilon.foreign;
                    requires epsilon.foreign.marshalling;
                    requires epsilon.foreign.callback;
                }
                """, """
                package user.app;

                import epsilon.foreign.Foreign;
                import epsilon.foreign.NativeType;
                import epsilon.foreign.callback.Callback;
                import epsilon.foreign.callback.Callbacks;
                import epsilon.foreign.marshalling.ByReference;
                import java.lang.foreign.Arena;
                import java.lang.foreign.MemorySegment;
                import java.lang.foreign.ValueLayout;
                import java.lang.invoke.MethodHandles;
                import java.util.Arrays;

                public class Main {
                    interface Compare {
                        int compare(MemorySegment a, MemorySegment b);
                    }

                    interface Libc { // not exported, not public: bound with this class's lookup
                        void qsort(MemorySegment base, long n, long size,
                                   @NativeType("int (*)(const int *, const int *)") Compare compare);
                        double frexp(double x, ByReference<Integer> exponent);
                    }

                    public static void main(String[] args) {
                        Libc libc = Foreign.bind(Libc.class, "c", MethodHandles.lookup());
                        try (Arena arena = Arena.ofConfined();
                             Callback descending = Callbacks.create(a -> Integer.compare(
                                     ((MemorySegment) a[1]).get(ValueLayout.JAVA_INT, 0),
                                     ((MemorySegment) a[0]).get(ValueLayout.JAVA_INT, 0)),
                                     "int (*)(const int *, const int *)")) {
                            MemorySegment numbers = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
                            libc.qsort(numbers, 3, 4, (a, b) -> Integer.compare(a.get(ValueLayout.JAVA_INT, 0),
                                    b.get(ValueLayout.JAVA_INT, 0)));
                            String up = Arrays.toString(numbers.toArray(ValueLayout.JAVA_INT));
                            Foreign.call("qsort", numbers, 3L, 4L, descending);
                            String down = Arrays.toString(numbers.toArray(ValueLayout.JAVA_INT));
                            ByReference<Integer> exponent = ByReference.empty(Integer.class);
                            double mantissa = libc.frexp(6.0, exponent);
                            System.out.println(up + " " + down + " " + mantissa + " " + exponent.get());
                        }
                    }
                }
                """, "epsilon.foreign,epsilon.foreign.trampoline,epsilon.foreign.marshalling,epsilon.foreign.callback");
        assertTrue(output.endsWith("[1, 2, 3] [3, 2, 1] 0.75 3"), output);
    }

    @Test
    void shouldRunTheInlineModuleAlone(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-inline"), """
                module user.app {
                    requires epsilon.foreign.inline;
                }
                """, """
                package user.app;

                import epsilon.foreign.inline.Libc;
                import java.lang.foreign.Arena;

                public class Main {
                    public static void main(String[] args) {
                        try (Arena arena = Arena.ofConfined()) {
                            System.out.println(Libc.strlen(arena.allocateFrom("inline")));
                        }
                    }
                }
                """, "epsilon.foreign.inline");
        assertTrue(output.endsWith("6"), output);
    }

    @Test
    void shouldRunTheMemoryPoolModuleAlone(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-memorypool"), """
                module user.app {
                    requires epsilon.foreign.memorypool;
                }
                """, """
                package user.app;

                import epsilon.foreign.memorypool.Lease;
                import epsilon.foreign.memorypool.MemoryPool;

                public class Main {
                    public static void main(String[] args) {
                        MemoryPool pool = MemoryPool.create("module-path");
                        try (Lease lease = pool.acquire(100)) {
                            lease.segment().fill((byte) 7);
                            System.out.println(lease.byteSize() >= 100);
                        }
                    }
                }
                """, "epsilon.foreign.memorypool");
        assertTrue(output.endsWith("true"), output);
    }

    @Test
    void shouldRunABatchPlanGeneratedInTheBatchModule(@TempDir Path work) throws Exception {
        String output = run(work, List.of("epsilon-foreign-trampoline", "epsilon-foreign-marshalling",
                "epsilon-foreign-struct", "epsilon-foreign-callback", "epsilon-foreign-core",
                "epsilon-foreign-batch"), """
                module user.app {
                    requires epsilon.foreign.batch;
                    requires epsilon.foreign.marshalling; // no module requires transitively: BatchPlan names CType
                }
                """, """
                package user.app;

                import epsilon.foreign.batch.Batch;
                import epsilon.foreign.batch.BatchPlan;
                import epsilon.foreign.batch.BatchResults;

                public class Main {
                    public static void main(String[] args) {
                        BatchPlan plan = BatchPlan.builder()
                                .call("size_t strlen(const char *s)", "c")
                                .call("long labs(long j)", "c")
                                .build();
                        BatchResults r = plan.run("module", -4L);
                        BatchResults s = Batch.create().add("int abs(int j)", "c", -9).run();
                        System.out.println(r.getLong(0) + " " + r.getLong(1) + " " + s.getInt(0));
                    }
                }
                """, "epsilon.foreign,epsilon.foreign.trampoline,epsilon.foreign.marshalling,epsilon.foreign.batch");
        assertTrue(output.endsWith("6 4 9"), output);
    }

    @Test
    void shouldRunTheHyperOptimizedFunctionsWithOptimizesOwnDependencies(@TempDir Path work) throws Exception {
        // optimize also holds the annotation processor and its run-time support, so it requires core too.
        String output = run(work, List.of("epsilon-foreign-trampoline", "epsilon-foreign-marshalling",
                "epsilon-foreign-struct", "epsilon-foreign-callback", "epsilon-foreign-core", "epsilon-foreign-inline",
                "epsilon-foreign-optimize"), """
                module user.app {
                    requires epsilon.foreign.optimize;
                }
                """, """
                package user.app;

                import epsilon.foreign.optimize.Optimized;
                import java.lang.foreign.Arena;
                import java.lang.foreign.MemorySegment;

                public class Main {
                    public static void main(String[] args) {
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment big = arena.allocate(Optimized.COPY_C_FROM * 2);
                            Optimized.memsetOptimized(big, 'z', big.byteSize() - 1);  // the C side
                            byte[] copy = new byte[(int) big.byteSize()];
                            Optimized.memcpyOptimized(MemorySegment.ofArray(copy), big, big.byteSize());
                            MemorySegment block = Optimized.mallocOptimized(16);
                            Optimized.memcpyOptimized(block, arena.allocateFrom("optimize"), 9);
                            System.out.println(Optimized.strlenOptimized(MemorySegment.ofArray(copy))
                                    + " " + Optimized.strlenOptimized(block));
                            Optimized.freeOptimized(block);
                        }
                    }
                }
                """, "epsilon.foreign.optimize,epsilon.foreign.inline");
        assertTrue(output.endsWith((2 * epsilon.foreign.optimize.Optimized.COPY_C_FROM - 1) + " 8"), output);
    }
}
