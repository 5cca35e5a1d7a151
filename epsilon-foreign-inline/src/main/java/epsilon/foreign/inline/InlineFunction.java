package epsilon.foreign.inline;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Objects;

/**
 * A native function linked once into a downcall handle meant to live in a {@code static final} field, where the
 * JIT treats it as a constant and inlines the call down to the native stub (Lisp Epsilon's
 * {@code definline-foreign}). No dependency on the rest of Epsilon Foreign.
 *
 * {@snippet :
 * final class MyMath {
 *     // linked when MyMath is first used; a constant to the JIT from then on
 *     private static final MethodHandle COS = InlineFunction.define("libm.so.6", "cos",
 *             FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE), InlineFunction.LEAF).handle();
 *
 *     static double cos(double x) {
 *         try {
 *             return (double) COS.invokeExact(x);
 *         } catch (Throwable t) {
 *             throw InlineFunction.rethrow(t);
 *         }
 *     }
 * }
 * }
 *
 * <p>{@link #LEAF} ({@link Linker.Option#critical(boolean) critical(false)}) suits functions that return quickly,
 * never block and never call back into Java: the call skips the thread-state transition that lets the garbage
 * collector run meanwhile. Libraries loaded here stay loaded for the life of the JVM.
 *
 * @param name       the C symbol
 * @param descriptor the C signature
 * @param options    the linker options it was linked with
 * @param handle     {@code (args...) -> ret}, exact carrier types: call it with {@code invokeExact}
 */
public record InlineFunction(String name, FunctionDescriptor descriptor, List<Linker.Option> options,
                             MethodHandle handle) {

    /** The option for leaf functions: {@code critical(false)}. */
    public static final Linker.Option LEAF = Linker.Option.critical(false);
    /** The option for leaf functions that may take Java arrays in place: {@code critical(true)}. */
    public static final Linker.Option LEAF_WITH_HEAP_ACCESS = Linker.Option.critical(true);

    private static final Linker LINKER = Linker.nativeLinker();

    private static Linker.Option[] requireOptions(Linker.Option[] options) {
        Objects.requireNonNull(options, "options");
        for (int i = 0; i < options.length; i++) {
            int index = i;
            Objects.requireNonNull(options[i], () -> "options[" + index + "]");
        }
        return options;
    }

    /**
     * Checks the components and copies the options.
     *
     * @param name       the C symbol
     * @param descriptor the C signature
     * @param options    the linker options it was linked with
     * @param handle     the downcall handle
     * @throws NullPointerException when a component or one of the options is null, naming it
     */
    public InlineFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
        options = List.of(requireOptions(Objects.requireNonNull(options, "options").toArray(Linker.Option[]::new)));
        Objects.requireNonNull(handle, "handle");
    }

    /**
     * Links {@code name} from the C library and the libraries the JVM has loaded (the linker's default lookup).
     *
     * @param name       the C symbol
     * @param descriptor the C signature
     * @param options    linker options, such as {@link #LEAF}
     * @return the linked function; keep its {@link #handle()} in a {@code static final} field
     * @throws NullPointerException when {@code name}, {@code descriptor}, {@code options} or one of the options is
     *                              null, naming it
     * @throws InlineLinkException  when no such symbol is exported
     * @throws IllegalArgumentException from the linker, when {@code descriptor} or {@code options} are not
     *                              supported on this platform
     */
    public static InlineFunction define(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
        requireOptions(options);
        MemorySegment address = LINKER.defaultLookup().find(name).orElseThrow(() -> new InlineLinkException(
                "symbol '" + name + "' not found in the C library or the libraries the JVM has loaded", null));
        return new InlineFunction(name, descriptor, List.of(options), LINKER.downcallHandle(address, descriptor, options));
    }

    /**
     * Links {@code name} from {@code library}, a file name the dynamic loader finds ({@code "libm.so.6"}) or a
     * path. The library is loaded into the global arena and never unloaded.
     *
     * @param library    the library's file name or path
     * @param name       the C symbol
     * @param descriptor the C signature
     * @param options    linker options, such as {@link #LEAF}
     * @return the linked function; keep its {@link #handle()} in a {@code static final} field
     * @throws NullPointerException when {@code library}, {@code name}, {@code descriptor}, {@code options} or one
     *                              of the options is null, naming it
     * @throws InlineLinkException  when the library cannot be loaded or does not export {@code name}
     * @throws IllegalArgumentException from the linker, when {@code descriptor} or {@code options} are not
     *                              supported on this platform
     */
    public static InlineFunction define(String library, String name, FunctionDescriptor descriptor,
                                        Linker.Option... options) {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
        requireOptions(options);
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException notLoadable) {
            throw new InlineLinkException("library '" + library + "' cannot be loaded: " + notLoadable.getMessage(),
                    notLoadable);
        }
        MemorySegment address = lookup.find(name).orElseThrow(() -> new InlineLinkException(
                "symbol '" + name + "' not found in library '" + library + "'", null));
        return new InlineFunction(name, descriptor, List.of(options), LINKER.downcallHandle(address, descriptor, options));
    }

    /**
     * A one-off call with boxed arguments (Lisp {@code inline-foreign-call}): convenient, but it pays
     * {@code invokeWithArguments}; keep the {@link #handle()} in a {@code static final} field for speed.
     *
     * @param arguments the C arguments, boxed to the descriptor's carrier types
     * @return the boxed result, or {@code null} for {@code void}
     * @throws NullPointerException when {@code arguments} is null
     * @throws java.lang.invoke.WrongMethodTypeException when their number does not match the descriptor
     * @throws ClassCastException   when one cannot be converted to its carrier type
     */
    public Object call(Object... arguments) {
        Objects.requireNonNull(arguments, "arguments");
        try {
            return handle.invokeWithArguments(arguments);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * For {@code catch (Throwable t) { throw InlineFunction.rethrow(t); }} around {@code invokeExact}: returns an
     * unchecked exception as it is and wraps anything else, which a downcall never actually throws.
     *
     * @param t what {@code invokeExact} threw
     * @return the exception to throw; an {@link Error} is thrown here instead
     * @throws NullPointerException when {@code t} is null
     */
    public static RuntimeException rethrow(Throwable t) {
        Objects.requireNonNull(t, "t");
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("native call failed: " + t, t);
    }
}
