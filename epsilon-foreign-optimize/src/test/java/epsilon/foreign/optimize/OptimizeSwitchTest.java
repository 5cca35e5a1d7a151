package epsilon.foreign.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.ForeignError;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run-time switch: the system property, the API that overrides it, and the refusals of Optimize.bind. */
class OptimizeSwitchTest {
    /** A public interface of this test's class loader, bound by a class generated into another directory. */
    public interface Labs {
        long labs(long value);
    }

    @AfterEach
    void forgetOverride() {
        Optimize.clearOverride();
        System.clearProperty(Optimize.PROPERTY);
    }

    @Test
    void shouldFollowThePropertyUnlessOverridden() {
        System.setProperty(Optimize.PROPERTY, "false");
        assertFalse(Optimize.isEnabled());
        Optimize.setEnabled(true);
        assertTrue(Optimize.isEnabled());
        Optimize.clearOverride();
        System.setProperty(Optimize.PROPERTY, "TRUE");
        assertTrue(Optimize.isEnabled());
    }

    @Test
    void shouldRefuseAPropertyThatIsNeitherTrueNorFalse() {
        System.setProperty(Optimize.PROPERTY, "maybe");
        ForeignError error = assertThrows(ForeignError.class, Optimize::isEnabled);
        assertEquals("system property epsilon.optimize is 'maybe'; it must be 'true' or 'false'", error.getMessage());
    }

    @Test
    void shouldReturnTheGeneratedClassOrForeignBindsByTheSwitch() {
        Compilation compilation = Compilation.of(Map.of("switched/Switched.java", """
                package switched;
                @epsilon.foreign.optimize.NativeLibrary("c")
                public interface Switched {
                    long labs(long value);
                }
                """));
        assertTrue(compilation.success(), compilation::report);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {compilation.output().toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("switched.Switched");
            Optimize.setEnabled(true);
            Object generated = Optimize.bind(type);
            assertEquals("switched.SwitchedNative", generated.getClass().getName());
            Optimize.setEnabled(false);
            Object dynamic = Optimize.bind(type);
            assertNotEquals("switched.SwitchedNative", dynamic.getClass().getName());
            for (Object binding : new Object[] {generated, dynamic}) {
                assertEquals(5L, type.getMethod("labs", long.class).invoke(binding, -5L));
            }
        } catch (java.io.IOException | ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldBindAPackagePrivateNestedInterfaceBothWays() throws Exception {
        // Not public: the generated class is package-private too, and its fallback passes its own lookup to
        // Foreign.bind, which then defines the hidden class in the interface's package.
        Compilation compilation = Compilation.of(Map.of("hidden/Outer.java", """
                package hidden;
                public final class Outer {
                    private Outer() {}
                    @epsilon.foreign.optimize.NativeLibrary("c")
                    interface Inner {
                        long labs(long value);
                    }
                    public static long call(long value) {
                        return Outer_InnerNative.bind().labs(value);
                    }
                    public static String implementation() {
                        return Outer_InnerNative.bind().getClass().getName();
                    }
                }
                """));
        assertTrue(compilation.success(), compilation::report);
        assertTrue(compilation.generated().get("hidden/Outer_InnerNative.java")
                .contains("\nfinal class Outer_InnerNative implements Outer.Inner {"), compilation::report);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {compilation.output().toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> outer = loader.loadClass("hidden.Outer");
            for (boolean enabled : new boolean[] {true, false}) {
                Optimize.setEnabled(enabled);
                assertEquals(9L, outer.getMethod("call", long.class).invoke(null, -9L));
                assertEquals(enabled, outer.getMethod("implementation").invoke(null)
                        .equals("hidden.Outer_InnerNative"));
            }
        }
    }

    @Test
    void shouldRefuseAnInterfaceWithoutNativeLibrary() {
        ForeignError error = assertThrows(ForeignError.class, () -> Optimize.bind(Labs.class));
        assertEquals("cannot bind epsilon.foreign.optimize.OptimizeSwitchTest$Labs at compile time: it is not"
                + " annotated @NativeLibrary; annotate it, or use Foreign.bind(type, library)", error.getMessage());
    }

    /** Annotated, but compiled without the processor: no generated class. */
    @NativeLibrary("c")
    public interface NotGenerated {
        long labs(long value);
    }

    @Test
    void shouldSayWhenNoClassWasGenerated() {
        ForeignError error = assertThrows(ForeignError.class, () -> Optimize.bind(NotGenerated.class));
        assertEquals("cannot bind epsilon.foreign.optimize.OptimizeSwitchTest$NotGenerated: no class"
                + " epsilon.foreign.optimize.OptimizeSwitchTest_NotGeneratedNative was generated; put"
                + " epsilon-foreign-optimize on the annotation processor path of the build that compiles it",
                error.getMessage());
    }
}
