package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The executable tour jar as a user runs it: {@code java --illegal-native-access=deny -jar examples-*-tour.jar},
 * no {@code --enable-native-access} flag. Its manifest's {@code Enable-Native-Access: ALL-UNNAMED} is what lets
 * the Tour call C; the same classes on the class path with the same {@code deny} are refused, which shows the
 * flag is in force and the manifest makes the difference.
 */
class TourJarIT {
    private static final Path JAR = Path.of(System.getProperty("epsilon.tour.jar", "target/missing-tour.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Run(int exit, List<String> lines, String text) {}

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the tour did not finish: " + String.join(" ", command));
        String text = new String(output, StandardCharsets.UTF_8);
        return new Run(process.exitValue(), text.lines().toList(), text);
    }

    /** The Tour run in this JVM (which has native access from the build's argLine): the lines a full run prints. */
    private static List<String> tourInProcess() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Tour.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void shouldDeclareTheTourAndNativeAccessInTheManifest() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "no tour jar at " + JAR + ": does package build it?");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            assertEquals("epsilon.examples.Tour", attributes.getValue("Main-Class"));
            assertEquals("ALL-UNNAMED", attributes.getValue("Enable-Native-Access"));
            assertTrue(jar.getEntry("epsilon/foreign/Foreign.class") != null, "the library is not inside the jar");
        }
    }

    @Test
    void shouldRunTheTourToTheEndWithIllegalNativeAccessDenied() throws Exception {
        Run run = run(JAVA, "--illegal-native-access=deny", "-jar", JAR.toString());
        assertEquals(0, run.exit(), run.text());
        List<String> expected = tourInProcess();
        assertTrue(run.lines().getFirst().startsWith("Epsilon Foreign tour on Java"), run.text());
        assertEquals(expected.size(), run.lines().size(), run.text());
        assertEquals(expected.getLast(), run.lines().getLast(), run.text());
        assertFalse(run.text().contains("WARNING: A restricted method"), run.text());
    }

    @Test
    void shouldBeRefusedOnTheClassPathWithoutTheManifestAttribute() throws Exception {
        Run run = run(JAVA, "--illegal-native-access=deny", "-cp", JAR.toString(), "epsilon.examples.Tour");
        assertNotEquals(0, run.exit(), run.text());
        assertTrue(run.text().contains("IllegalCallerException"), run.text());
    }
}
