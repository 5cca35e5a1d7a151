package epsilon.foreign.trampoline;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The compiled invoker of one call shape (a {@link FunctionDescriptor} plus linker options), shared by every
 * native function of that shape: {@code labs} and {@code llabs} share one on LP64 platforms. Obtained from {@link Trampolines#of(FunctionDescriptor, Linker.Option...)}; implemented only by this module.
 *
 * {@snippet :
 * Trampoline longToLong = Trampolines.of(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
 * BoundTrampoline labs = longToLong.bind(Linker.nativeLinker().defaultLookup().find("labs").orElseThrow());
 * long seven = (long) labs.invoke(-7L);
 * }
 */
public interface Trampoline {

    /**
     * {@return the descriptor of the shape, with layout names stripped} Two descriptors differing only in names
     * share a trampoline.
     */
    FunctionDescriptor descriptor();

    /** {@return the linker options of the shape, in the order given} */
    List<Linker.Option> options();

    /**
     * {@return the linker's downcall handle for the shape: {@code (MemorySegment address, params...) -> ret}
     * with exact carrier types} Following the linker's conventions, a {@code SegmentAllocator} parameter follows the address
     * when the return is a struct by value, and a {@code MemorySegment} for the captured call state follows that
     * when {@link Linker.Option#captureCallState(String...)} is among the options.
     */
    MethodHandle handle();

    /**
     * A boxed dynamic call: {@code arguments} are the downcall handle's parameters after the address, boxed
     * ({@code Integer} for {@code int}, {@code Long} for {@code long}, a {@code MemorySegment} for a pointer or a
     * struct, ...).
     *
     * @param address   the native function to call
     * @param arguments the parameters after the address, boxed
     * @return the boxed result, or {@code null} for {@code void}
     * @throws TrampolineArgumentException on a wrong argument count or a boxed value of the wrong type, before
     *                                     any native code runs
     * @throws IllegalStateException       from the JDK when {@code address} or an argument segment is no longer
     *                                     alive (its arena was closed)
     */
    Object invoke(MemorySegment address, Object... arguments);

    /**
     * {@return this shape bound to one address} For callers that resolve once and call many times.
     *
     * @param address the native function every call of the result goes to
     */
    BoundTrampoline bind(MemorySegment address);
}
