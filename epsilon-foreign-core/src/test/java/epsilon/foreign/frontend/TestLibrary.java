package epsilon.foreign.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A C library compiled by gcc for a test, from source the test gives: functions libc does not have. */
public final class TestLibrary {
    private TestLibrary() {}

    /** Compiles {@code source} into a shared library in {@code directory}; skips the test when gcc is missing. */
    public static Path compile(Path directory, String name, String source) throws Exception {
        boolean gcc;
        try {
            Process version = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            gcc = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException absent) {
            gcc = false;
        }
        Assumptions.assumeTrue(gcc, "gcc is not installed: the test library cannot be built");
        Path c = directory.resolve(name + ".c");
        Files.writeString(c, source);
        Path library = directory.resolve("lib" + name + ".so");
        Process compile = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", library.toString(), c.toString())
                .redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(compile.waitFor(120, TimeUnit.SECONDS), "gcc did not finish");
        assertEquals(0, compile.exitValue(), output);
        return library;
    }
}
