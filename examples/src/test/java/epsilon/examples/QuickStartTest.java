package epsilon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.marshalling.CType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's quick start, verbatim, so the README cannot drift from what works. */
class QuickStartTest {
    @Test
    void shouldRunTheReadmeQuickStart() {
        long five = (long) Foreign.sharedCall("strlen", "c", CType.SIZE_T, List.of(CType.STRING), "hello");
        double root = (double) Foreign.sharedCall("double sqrt(double x)", "m", 2.0);
        long seven = (long) Foreign.call("labs", -7L);                     // types from the known prototype

        ForeignFunction toupper = Foreign.defshared("int toupper(int c)", "c");   // resolve once
        int upper = (int) toupper.invoke((int) 'a');                              // 'A'

        assertEquals(5L, five);
        assertEquals(Math.sqrt(2.0), root);
        assertEquals(7L, seven);
        assertEquals('A', upper);
    }

    @Test
    void shouldKeepTheReadmeSnippetIdenticalToThisTest() throws Exception {
        String readme = java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("epsilon.root", "..")).resolve("README.md"));
        for (String line : List.of(
                "long five = (long) Foreign.sharedCall(\"strlen\", \"c\", CType.SIZE_T, List.of(CType.STRING), \"hello\");",
                "double root = (double) Foreign.sharedCall(\"double sqrt(double x)\", \"m\", 2.0);",
                "ForeignFunction toupper = Foreign.defshared(\"int toupper(int c)\", \"c\");   // resolve once",
                "int upper = (int) toupper.invoke((int) 'a');                              // 'A'")) {
            org.junit.jupiter.api.Assertions.assertTrue(readme.contains(line), "README lacks: " + line);
        }
    }
}
