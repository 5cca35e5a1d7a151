package epsilon.foreign.trampoline;

import epsilon.foreign.trampoline.internal.TrampolineCache;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;

/**
 * Compiled invokers for native calls, one per call shape, cached (Lisp Epsilon's {@code make-ffi-trampoline},
 * {@code get-or-create-trampoline}, {@code clear-trampoline-cache}).
 *
 * <p>A trampoline turns a boxed dynamic call ({@code Object[]} in, {@code Object} out) into the exact-typed
 * downcall. By default each shape gets a hidden class, generated with {@code java.lang.classfile}, that unboxes
 * the arguments and calls the downcall handle as a constant, so the JIT inlines the whole path.
 * {@code -Depsilon.trampoline.mode=combinators} uses method-handle adapters instead;
 * {@code -Depsilon.trampoline.dump=DIR} writes the generated classes to DIR and
 * {@code -Depsilon.trampoline.verify=true} verifies each before it is loaded.
 *
 * {@snippet :
 * Trampoline shape = Trampolines.of(FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
 * MemorySegment labs = Linker.nativeLinker().defaultLookup().find("labs").orElseThrow();
 * long seven = (long) shape.invoke(labs, -7L);
 * assert Trampolines.of(shape.descriptor()) == shape;          // one trampoline per shape
 * }
 */
public final class Trampolines {
    private Trampolines() {}

    /**
     * {@return the shared trampoline for this shape, compiled on first request} Thread-safe.
     *
     * @param descriptor the C signature; layout names do not count
     * @param options    linker options, part of the shape ({@code critical}, {@code captureCallState}, ...)
     */
    public static Trampoline of(FunctionDescriptor descriptor, Linker.Option... options) {
        return TrampolineCache.global().get(descriptor, options);
    }

    /** {@return hits, misses and compiled shapes of the cache since start or the last {@link #clear()}} */
    public static TrampolineStatistics statistics() {
        return TrampolineCache.global().statistics();
    }

    /** Empties the cache and resets its statistics; trampolines already handed out keep working. */
    public static void clear() {
        TrampolineCache.global().clear();
    }
}
