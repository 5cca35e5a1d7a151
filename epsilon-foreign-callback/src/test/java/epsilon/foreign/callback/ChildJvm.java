package epsilon.foreign.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the tests in a JVM of its own: this JVM's {@code java}, class path and callback guard mode,
 * a fixed 1 MiB stack, no core dump, and a time limit. For what may kill a JVM.
 */
final class ChildJvm {
    static final long TIME_LIMIT_SECONDS = 60;

    private ChildJvm() {}

    /**
     * The lines the child printed, stdout and stderr together.
     *
     * @param directory where the output (and an {@code hs_err} file, if the child crashes) goes
     * @throws org.opentest4j.AssertionFailedError if it ran out of time (it is then killed) or did not exit with 0
     */
    static List<String> run(Path directory, Class<?> main, String... options) throws IOException,
            InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path output = directory.resolve("child.out");
        List<String> command = new ArrayList<>(List.of(java, "-Xss1m", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + directory.resolve("hs_err_pid%p.log"), "--enable-native-access=ALL-UNNAMED",
                "-Depsilon.callback.guard=" + System.getProperty("epsilon.callback.guard", "generated")));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail(main.getSimpleName() + " did not finish within " + TIME_LIMIT_SECONDS + " s:\n"
                    + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertEquals(0, child.exitValue(), main.getSimpleName() + " exited abnormally:\n" + printed);
        return printed.lines().toList();
    }
}
