package epsilon.foreign.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.NativeType;
import epsilon.foreign.internal.LibraryRegistry;
import epsilon.foreign.internal.binding.InterfaceBinder;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system properties that choose, dump and verify the implementation of a bound interface. */
class BindSwitchesTest {

    public interface Small {
        @NativeType("size_t")
        long strlen(String text);

        int abs(int value);

        default int absPlusOne(int value) {
            return abs(value) + 1;
        }
    }

    private static <T> T with(String property, String value, Supplier<T> action) {
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    private static Small bindSmall() {
        return InterfaceBinder.bind(Small.class, LibraryRegistry.global().open("c"));
    }

    @Test
    void shouldGenerateAHiddenClassInGeneratedMode() {
        Small small = with("epsilon.bind.mode", "generated", BindSwitchesTest::bindSmall);
        assertTrue(small.getClass().isHidden(), small.getClass().getName());
        assertTrue(small.toString().endsWith(", generated"), small.toString());
        assertEquals(4, small.absPlusOne(-3));
    }

    @Test
    void shouldBuildAProxyInProxyMode() {
        Small small = with("epsilon.bind.mode", "proxy", BindSwitchesTest::bindSmall);
        assertTrue(Proxy.isProxyClass(small.getClass()));
        assertTrue(small.toString().endsWith(", proxy"), small.toString());
        assertEquals(3, small.strlen("abc"));
        assertEquals(4, small.absPlusOne(-3), "default methods run through InvocationHandler.invokeDefault");
        assertFalse(small.equals(bindSmall()));
    }

    @Test
    void shouldDumpGeneratedClasses(@TempDir Path directory) throws IOException {
        Small small = with("epsilon.bind.dump", directory.toString(),
                () -> with("epsilon.bind.mode", "generated", BindSwitchesTest::bindSmall));
        assertEquals(2, small.abs(-2));
        List<Path> dumped;
        try (Stream<Path> files = Files.walk(directory)) {
            dumped = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        assertEquals(1, dumped.size(), dumped.toString());
        Path file = dumped.getFirst();
        assertTrue(directory.relativize(file).toString().startsWith("epsilon/foreign/internal/binding/Small$Bound"),
                file.toString());
        ClassModel model = ClassFile.of().parse(file);
        List<String> methods = model.methods().stream().map(method -> method.methodName().stringValue()).toList();
        assertTrue(methods.containsAll(List.of("<init>", "abs", "strlen", "toString")), methods.toString());
        assertFalse(methods.contains("absPlusOne"), "default methods are inherited, not generated");
        MethodModel strlen = model.methods().stream()
                .filter(method -> method.methodName().equalsString("strlen")).findFirst().orElseThrow();
        String code = strlen.code().orElseThrow().elementStream().map(Object::toString).toList().toString();
        assertTrue(code.contains("invokeExact"), code);
        assertTrue(code.contains("classDataAt"), "the handle is a class-data constant: " + code);
    }

    @Test
    void shouldVerifyGeneratedClassesWhenAsked() {
        Small small = with("epsilon.bind.verify", "true",
                () -> with("epsilon.bind.mode", "generated", BindSwitchesTest::bindSmall));
        assertEquals(5, small.strlen("hello"));
        assertTrue(small.getClass().isHidden());
    }
}
