package epsilon.foreign.optimize;

import epsilon.foreign.marshalling.ForeignError;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Objects;

/**
 * The run-time side of compile-time bindings: which implementation a generated factory returns, and a way to reach
 * the generated class from the interface alone.
 *
 * <p>With {@value #PROPERTY}{@code =false} (or {@link #setEnabled(boolean) setEnabled(false)}), a generated
 * factory returns {@code Foreign.bind}'s implementation of the same interface instead of the generated class: the
 * dynamic path, for tracing and debugging, with the same results. The setting is read when a binding is made, not
 * per call; a binding already made keeps its implementation.
 *
 * {@snippet :
 * Zlib zlib = Optimize.bind(Zlib.class);       // ZlibNative.bind(): generated unless -Depsilon.optimize=false
 * }
 */
public final class Optimize {
    /** The system property that switches generated bindings off: {@code -Depsilon.optimize=false}. */
    public static final String PROPERTY = "epsilon.optimize";

    /** The setting of {@link #setEnabled(boolean)}, or {@code null} to follow the system property. */
    private static volatile Boolean override;

    private Optimize() {}

    /**
     * Whether generated factories return their generated class (the default), rather than {@code Foreign.bind}'s
     * implementation.
     *
     * @return the setting of {@link #setEnabled(boolean)} if any, else the system property (default true)
     * @throws ForeignError when the system property is neither {@code true} nor {@code false}
     */
    public static boolean isEnabled() {
        Boolean set = override;
        if (set != null) {
            return set;
        }
        String value = System.getProperty(PROPERTY, "true").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ForeignError("system property " + PROPERTY + " is '" + value
                    + "'; it must be 'true' or 'false'", null);
        };
    }

    /**
     * Overrides the system property for bindings made from now on, in this JVM.
     *
     * @param enabled true for generated bindings, false for {@code Foreign.bind}'s
     */
    public static void setEnabled(boolean enabled) {
        override = enabled;
    }

    /** Forgets {@link #setEnabled(boolean)}: bindings follow the system property again. */
    public static void clearOverride() {
        override = null;
    }

    /**
     * The binding of an interface annotated {@link NativeLibrary}, through its generated factory
     * ({@code <Interface>Native.bind()}): the generated class or, when {@link #isEnabled()} is false,
     * {@code Foreign.bind}'s implementation. The generated class is found once, by name, in the interface's class
     * loader; calling the factory directly avoids even that.
     *
     * @param <T>  the interface
     * @param type the interface
     * @return its implementation
     * @throws ForeignError when the interface is not annotated {@code @NativeLibrary}, or no generated class was
     *                      compiled with it (the processor was not on the annotation processor path), or the
     *                      generated class is not accessible
     * @throws epsilon.foreign.marshalling.UnknownSymbolError when the library lacks a function
     */
    public static <T> T bind(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isAnnotationPresent(NativeLibrary.class)) {
            throw new ForeignError("cannot bind " + type.getName() + " at compile time: it is not annotated"
                    + " @NativeLibrary; annotate it, or use Foreign.bind(type, library)", null);
        }
        String name = generatedName(type);
        Class<?> generated;
        try {
            generated = Class.forName(name, true, type.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new ForeignError("cannot bind " + type.getName() + ": no class " + name + " was generated; put"
                    + " epsilon-foreign-optimize on the annotation processor path of the build that compiles it",
                    null, null, missing);
        }
        try {
            MethodHandle factory = MethodHandles.publicLookup().findStatic(generated, "bind",
                    MethodType.methodType(type));
            return type.cast(factory.invoke());
        } catch (NoSuchMethodException | IllegalAccessException inaccessible) {
            throw new ForeignError("cannot bind " + type.getName() + ": the generated " + name + ".bind() is not"
                    + " accessible (" + inaccessible.getMessage() + "); call it directly, or export its package",
                    null, null, inaccessible);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code a.b.Outer$Inner} to {@code a.b.Outer_InnerNative}: what the processor names the generated class. */
    static String generatedName(Class<?> type) {
        String packageName = type.getPackageName();
        String simple = type.getName().substring(packageName.isEmpty() ? 0 : packageName.length() + 1)
                .replace('$', '_');
        return (packageName.isEmpty() ? "" : packageName + ".") + simple + "Native";
    }
}
