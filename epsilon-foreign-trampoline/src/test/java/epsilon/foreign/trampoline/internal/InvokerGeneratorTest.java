package epsilon.foreign.trampoline.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokerGeneratorTest {
    private static final Linker LINKER = Linker.nativeLinker();

    @Test
    void shouldDumpVerifiableClassesForEveryCarrier(@TempDir Path dump) throws Throwable {
        List<FunctionDescriptor> shapes = List.of(
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE, JAVA_INT),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        for (FunctionDescriptor shape : shapes) {
            InvokerGenerator.generate(LINKER.downcallHandle(shape), dump, true);
        }
        List<Path> classes;
        try (Stream<Path> files = Files.list(dump)) {
            classes = files.toList();
        }
        assertEquals(4, classes.size());
        for (Path generated : classes) {
            assertTrue(generated.getFileName().toString().startsWith("Shape"), generated.toString());
            assertEquals(List.of(), ClassFile.of().verify(Files.readAllBytes(generated)));
        }
        assertTrue(classes.stream().anyMatch(p -> p.getFileName().toString().endsWith("_J_J.class")), classes.toString());
    }

    @Test
    void shouldCallThroughAGeneratedInvoker() throws Throwable {
        Invoker labs = InvokerGenerator.generate(LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)),
                null, true);
        MemorySegment address = LINKER.defaultLookup().find("labs").orElseThrow();
        assertEquals(9L, labs.invoke(address, new Object[] {-9L}));
    }

    @Test
    void shouldReportAnUnwritableDumpDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-directory"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InvokerGenerator.generate(
                LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT)), file, false));
        assertTrue(e.getMessage().startsWith("cannot dump generated trampoline Shape"), e.getMessage());
    }

    @Test
    void shouldKeepTheCombinatorPathEquivalent() throws Throwable {
        Invoker abs = new CombinatorInvoker(LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, JAVA_INT)));
        assertEquals(4, abs.invoke(LINKER.defaultLookup().find("abs").orElseThrow(), new Object[] {-4}));
    }
}
