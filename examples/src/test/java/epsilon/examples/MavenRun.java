package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Maven that runs this build, offline, in a child process: on the JVM that runs this build's Maven
 * (not the test's JDK 25), with this build's local repository, a home directory of the test's choosing (so no
 * ~/.m2/settings.xml or toolchains.xml of the machine is read) and no JAVA*_HOME variable but JAVA_HOME.
 */
record MavenRun(int exit, String output) {

    static MavenRun in(Path directory, Path home, String... arguments) throws IOException, InterruptedException {
        return in(directory, home, Path.of(required("epsilon.maven.repo.local")), arguments);
    }

    static MavenRun in(Path directory, Path home, Path repository, String... arguments)
            throws IOException, InterruptedException {
        Path mavenHome = Path.of(required("epsilon.maven.home"));
        Path mvn = mavenHome.resolve("bin").resolve(isWindows() ? "mvn.cmd" : "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-o",
                "-Dmaven.repo.local=" + repository, "-Duser.home=" + home));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("JAVA") && key.endsWith("_HOME") || key.startsWith("MAVEN_"));
        env.put("JAVA_HOME", mavenJavaHome().toString());
        env.put("HOME", home.toString());
        env.put("MAVEN_SKIP_RC", "true");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "Maven did not finish: " + command);
        return new MavenRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The JDK this build's Maven runs on (README: any, 17 is fine). */
    static Path mavenJavaHome() {
        return Path.of(required("epsilon.maven.java.home"));
    }

    /** The feature version in a JDK home's {@code release} file, or -1. */
    static int featureOf(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return -1;
        }
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                if (version.startsWith("1.")) {
                    version = version.substring(2);
                }
                return Integer.parseInt(version.split("[^0-9]", 2)[0]);
            }
        }
        return -1;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("system property " + property + " is not set: run this test through"
                    + " Maven (examples/pom.xml passes it)");
        }
        return value;
    }
}
