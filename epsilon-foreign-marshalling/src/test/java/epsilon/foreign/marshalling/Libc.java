package epsilon.foreign.marshalling;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Real libc functions for the tests, linked from the marshalling module's own prototypes and descriptors. */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();

    private Libc() {}

    static MethodHandle handle(String prototype) {
        CPrototype p = CPrototype.parse(prototype);
        return handle(p.name(), p.descriptor());
    }

    static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment address = LINKER.defaultLookup().find(name).orElseThrow(() -> new AssertionError("no " + name));
        return LINKER.downcallHandle(address, descriptor);
    }

    /** Invokes with boxed arguments: the generic path, fine for tests. */
    static Object call(MethodHandle handle, Object... arguments) {
        try {
            return handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
