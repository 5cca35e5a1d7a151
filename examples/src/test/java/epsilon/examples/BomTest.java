package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * epsilon-foreign-bom: exactly the library modules of the reactor at the project's version, without the build's
 * parent, and importable: a consumer project that imports it (from a local repository holding only the BOM) may
 * leave every library dependency's version out, and Maven rejects one the BOM does not manage.
 */
class BomTest {
    private static final Path ROOT = Path.of(System.getProperty("epsilon.root", "..")).toAbsolutePath().normalize();

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    /** The direct children of {@code parent} named {@code name}. */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "<" + name + "> under <" + parent.getTagName() + ">");
        return found.getFirst();
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    /** The library modules: the reactor's modules whose own pom is a jar of group dev.epsilon's parent. */
    private static List<String> libraryModules() throws Exception {
        List<String> out = new ArrayList<>();
        for (Element module : children(child(pom(ROOT.resolve("pom.xml")), "modules"), "module")) {
            String name = module.getTextContent().strip();
            Element pom = pom(ROOT.resolve(name).resolve("pom.xml"));
            boolean published = !Files.readString(ROOT.resolve(name).resolve("pom.xml"))
                    .contains("<maven.deploy.skip>true</maven.deploy.skip>");
            if (!children(pom, "parent").isEmpty() && children(pom, "packaging").isEmpty() && published) {
                assertEquals(name, text(pom, "artifactId"), "module directory and artifactId differ");
                out.add(name);
            }
        }
        return out;
    }

    private static List<Element> managed(Element bom) {
        return children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency");
    }

    @Test
    void shouldListExactlyTheLibraryModulesAtTheProjectVersion() throws Exception {
        Element bom = pom(ROOT.resolve("epsilon-foreign-bom/pom.xml"));
        List<String> libraries = libraryModules();
        assertEquals(List.of("epsilon-foreign-trampoline", "epsilon-foreign-marshalling", "epsilon-foreign-struct",
                "epsilon-foreign-callback", "epsilon-foreign-inline", "epsilon-foreign-memorypool",
                "epsilon-foreign-core", "epsilon-foreign-batch", "epsilon-foreign-optimize"), libraries);
        assertEquals(libraries, managed(bom).stream().map(d -> text(d, "artifactId")).collect(Collectors.toList()));
        for (Element dependency : managed(bom)) {
            assertEquals("dev.epsilon", text(dependency, "groupId"));
            assertEquals("${project.version}", text(dependency, "version"));
            assertTrue(children(dependency, "scope").isEmpty() && children(dependency, "type").isEmpty());
        }
    }

    @Test
    void shouldStandAloneWithItsOwnCoordinatesAndMetadata() throws Exception {
        Element root = pom(ROOT.resolve("pom.xml"));
        Element bom = pom(ROOT.resolve("epsilon-foreign-bom/pom.xml"));
        assertTrue(children(bom, "parent").isEmpty(), "the BOM must not inherit the build's parent");
        assertEquals(List.of(), children(bom, "properties"), "a BOM property would only confuse");
        assertEquals(List.of(), children(bom, "build"));
        assertEquals(List.of(), children(bom, "dependencies"));
        assertEquals("pom", text(bom, "packaging"));
        assertEquals(text(root, "groupId"), text(bom, "groupId"));
        assertEquals(text(root, "version"), text(bom, "version"));
        for (String required : List.of("name", "description", "url")) {
            assertFalse(text(bom, required).isEmpty(), required);
        }
        assertEquals("Apache-2.0", text(child(child(bom, "licenses"), "license"), "name"));
        assertFalse(text(child(child(bom, "developers"), "developer"), "name").isEmpty());
        Element scm = child(bom, "scm");
        assertTrue(text(scm, "connection").startsWith("scm:git:"));
        assertTrue(text(scm, "url").startsWith("https://"));
        // The same address as the parent's, which builds url and scm from one property.
        String repository = text(child(root, "properties"), "epsilon.repository");
        assertEquals(repository, text(bom, "url"));
        assertEquals("scm:git:" + repository + ".git", text(scm, "connection"));
    }

    @Test
    void shouldLetAConsumerLeaveOutEveryLibraryVersion(@TempDir Path work) throws Exception {
        Element bom = pom(ROOT.resolve("epsilon-foreign-bom/pom.xml"));
        String version = text(bom, "version");
        Path repository = work.resolve("repository/dev/epsilon/epsilon-foreign-bom").resolve(version);
        Files.createDirectories(repository);
        Files.copy(ROOT.resolve("epsilon-foreign-bom/pom.xml"),
                repository.resolve("epsilon-foreign-bom-" + version + ".pom"));

        Path consumer = Files.createDirectories(work.resolve("consumer"));
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(version, libraryModules()));
        Path home = Files.createDirectories(work.resolve("home"));
        MavenRun imported = MavenRun.in(consumer, home, work.resolve("repository"), "-q", "validate");
        assertEquals(0, imported.exit(), imported.output());

        List<String> withStranger = new ArrayList<>(libraryModules());
        withStranger.add("epsilon-foreign-not-in-the-bom");
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(version, withStranger));
        MavenRun rejected = MavenRun.in(consumer, home, work.resolve("repository"), "-q", "validate");
        assertNotEquals(0, rejected.exit(), rejected.output());
        assertTrue(rejected.output().contains("dev.epsilon:epsilon-foreign-not-in-the-bom:jar is missing"),
                rejected.output());
    }

    private static String consumerPom(String bomVersion, List<String> artifacts) {
        String dependencies = artifacts.stream()
                .map(a -> "    <dependency><groupId>dev.epsilon</groupId><artifactId>" + a
                        + "</artifactId></dependency>")
                .collect(Collectors.joining("\n"));
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>dev.epsilon</groupId>
                        <artifactId>epsilon-foreign-bom</artifactId>
                        <version>%s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                %s
                  </dependencies>
                </project>
                """.formatted(bomVersion, dependencies);
    }
}
