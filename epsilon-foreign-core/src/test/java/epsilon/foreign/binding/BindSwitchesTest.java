package epsilon.foreign.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.NativeType;
import epsilon.foreign.internal.LibraryRegistry;
import epsilon.foreign.internal.binding.InterfaceBinder;
import epsilon.foreign.marshalling.ForeignError;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
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

    @Test
    void shouldReportADumpDirectoryThatCannotBeWritten(@TempDir Path directory) throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("plain-file"), "x");
        ForeignError error = assertThrows(ForeignError.class, () -> with("epsilon.bind.dump", notADirectory.toString(),
                () -> with("epsilon.bind.mode", "generated", BindSwitchesTest::bindSmall)));
        assertTrue(error.getMessage().contains("cannot dump the class bound to Small$Bound"), error.getMessage());
        assertTrue(error.getMessage().contains("epsilon.bind.dump"), error.getMessage());
    }

    /** Loads classes from bytes, invisible to the application class loader that loaded Epsilon Foreign. */
    private static final class IsolatedLoader extends ClassLoader {
        IsolatedLoader() {
            super(BindSwitchesTest.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    @Test
    void shouldFallBackToAProxyForAnInterfaceThisModuleCannotSee() throws ReflectiveOperationException {
        String name = "epsilon.foreign.binding.isolated.Abs";
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), type -> type
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT)
                .withMethod("abs", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT, method -> { }));
        Class<?> isolated = new IsolatedLoader().define(name, bytes);
        Object bound = with("epsilon.bind.mode", "generated",
                () -> InterfaceBinder.bind(isolated, LibraryRegistry.global().open("c")));
        assertTrue(Proxy.isProxyClass(bound.getClass()), "a hidden class here could not name the interface");
        assertEquals(9, isolated.getMethod("abs", int.class).invoke(bound, -9));
    }
}
