package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's first check, .mvn/find-jdk.bsh run by the enforcer: with no JDK 25 or newer anywhere it looks, the
 * build stops with the root pom's install hint. Maven runs offline on the JVM that runs this build (older than
 * 25, as README allows), in a fresh home, searching a directory of fake JDK homes (a {@code release} file each)
 * given by {@code -Depsilon.jdk.roots}; only the enforcer's execution runs.
 */
class NoJdkMessageTest {
    private static final Path ROOT = Path.of(System.getProperty("epsilon.root", "..")).toAbsolutePath().normalize();
    private static final String ENFORCE = "enforcer:enforce@require-jdk-25-or-newer";
    private static final String HINT = "Epsilon Foreign needs a JDK 25 or newer to build (it is compiled with"
            + " release 25), and none was found. Install JDK 25, for example `apt-get install temurin-25-jdk`";

    @TempDir
    Path work;

    @BeforeAll
    static void mavenRunsOnAnOlderJdk() throws IOException {
        int feature = MavenRun.featureOf(MavenRun.mavenJavaHome());
        assumeTrue(feature > 0 && feature < 25, "Maven runs on JDK " + feature + ": a JDK 25 is always found");
    }

    /** A directory that looks like a JDK home to the script: a {@code release} file naming the version. */
    private Path fakeHome(String path, String version) throws IOException {
        Path home = Files.createDirectories(work.resolve(path));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private Path fakeJdk(String directory, String version) throws IOException {
        return fakeHome("jdks/" + directory, version);
    }

    private MavenRun enforce(String... extra) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        String[] arguments = new String[extra.length + 3];
        arguments[0] = "-N";
        arguments[1] = "-Depsilon.jdk.roots=" + work.resolve("jdks");
        System.arraycopy(extra, 0, arguments, 2, extra.length);
        arguments[arguments.length - 1] = ENFORCE;
        return MavenRun.in(ROOT, home, arguments);
    }

    private void toolchainsListing(Path jdkHome) throws IOException {
        Path m2 = Files.createDirectories(work.resolve("home/.m2"));
        Files.writeString(m2.resolve("toolchains.xml"), """
                <toolchains>
                  <toolchain>
                    <type>jdk</type>
                    <provides><version>%s</version></provides>
                    <configuration><jdkHome>%s</jdkHome></configuration>
                  </toolchain>
                </toolchains>
                """.formatted(MavenRun.featureOf(jdkHome), jdkHome));
    }

    @Test
    void shouldStopWithTheInstallHintWhenOnlyOlderJdksAreInstalled() throws Exception {
        fakeJdk("jdk-21.0.5", "21.0.5");
        fakeJdk("jdk-24", "24");
        MavenRun run = enforce();
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains(HINT), run.output());
    }

    @Test
    void shouldStopWithTheInstallHintWhenToolchainsListOnlyAnOlderJdk() throws Exception {
        Files.createDirectories(work.resolve("jdks"));
        toolchainsListing(fakeHome("elsewhere/jdk-24", "24.0.2"));
        MavenRun run = enforce();
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains(HINT), run.output());
    }

    @Test
    void shouldPassWhenAJdk25IsInstalled() throws Exception {
        fakeJdk("jdk-24", "24");
        fakeJdk("temurin-25-jdk-amd64", "25.0.1");
        MavenRun run = enforce();
        assertEquals(0, run.exit(), run.output());
        assertTrue(!run.output().contains("needs a JDK 25"), run.output());
    }

    @Test
    void shouldPassWhenToolchainsListAJdk25() throws Exception {
        Files.createDirectories(work.resolve("jdks"));
        toolchainsListing(fakeHome("elsewhere/jdk-25", "25"));
        MavenRun run = enforce();
        assertEquals(0, run.exit(), run.output());
    }
}
