package epsilon.foreign.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program's first call costs what it loads: each lambda, pattern switch or string concatenation site of ours spins a
 * class the first time it runs (about a millisecond each on a cold JVM), and some JDK facilities load dozens of
 * classes (the regex engine, resource URLs and the runtime image reader, the process environment, the stream
 * collectors), and the built-in typedefs' header takes a preprocessing and a parse. In a fresh JVM, the first call
 * at every dynamic level, and one whose prototype names {@code size_t}, must load none of them; issue 13's first-call
 * benchmark ({@code FirstCallBenchmark}) measures what that is worth. A class-load log, not a timing: it cannot flake.
 */
class FirstCallClassesTest {
    /** Classes a first call must not load: what each stands for is in the message. */
    private static final List<String> FORBIDDEN = List.of(
            "java.util.regex.Pattern ", "jdk.internal.jimage.ImageReader ", "java.lang.ProcessEnvironment ",
            "java.util.stream.Collectors ", "sun.net.www.protocol.jar.JarURLConnection ",
            "epsilon.foreign.marshalling.internal.pp.Preprocessor ");

    @Test
    void shouldSpinNoClassOfOursAndLoadNoHeavyJdkFacilityOnAProgramsFirstCalls(@TempDir Path work) throws Exception {
        Path log = work.resolve("classes.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                FirstCalls.class.getName()).redirectErrorStream(true).start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the child hung: " + output);
        assertEquals(0, child.exitValue(), output);
        assertEquals("OK 1 2 3 4 5 6 7", output.strip());

        List<String> loaded = Files.readAllLines(log);
        List<String> spun = loaded.stream()
                .filter(line -> line.contains(" epsilon.") && (line.contains("$$Lambda") || line.contains("$$TypeSwitch")))
                .toList();
        assertEquals(List.of(), spun, "classes spun for lambdas or pattern switches of ours on a first call");
        List<String> heavy = loaded.stream()
                .filter(line -> FORBIDDEN.stream().anyMatch(line::contains))
                .toList();
        assertEquals(List.of(), heavy, "what a first call should not need: the regex engine, resource URLs and the"
                + " runtime image reader, the process environment, the stream collectors, and the preprocessor, which"
                + " only the built-in header needs, not a prototype naming size_t");
        assertEquals(List.of(), loaded.stream()
                .filter(line -> line.contains(" epsilon.foreign.callback.internal.UpcallState ")).toList(),
                "a call that could call back, in a program that made no callback, needs no upcall state");
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" epsilon.foreign.internal.DynamicFunction ")),
                "the log lists the classes the calls loaded");
    }
}
