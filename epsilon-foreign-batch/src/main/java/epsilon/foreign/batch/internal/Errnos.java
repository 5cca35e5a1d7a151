package epsilon.foreign.batch.internal;

import epsilon.foreign.marshalling.ErrnoError;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** The errno of a step: the capture cell's layout, reading it, C's failure values, and {@code strerror} text. */
final class Errnos {
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code strerror}, linked on first use only. */
    private static final class Strerror {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(1024,
                        ValueLayout.JAVA_BYTE)), ValueLayout.JAVA_INT));
    }

    private Errnos() {}

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** Whether a raw result is C's failure value: -1 for a signed integer, NULL for a pointer. */
    static boolean isFailure(Object raw) {
        return switch (raw) {
            case Integer i -> i == -1;
            case Long l -> l == -1L;
            case Short s -> s == -1;
            case Byte b -> b == -1;
            case MemorySegment m -> m.address() == 0;
            case null, default -> false;
        };
    }

    static ErrnoError error(String function, int errno) {
        String text;
        try {
            MemorySegment message = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            text = message.address() == 0 ? "errno " + errno : message.getString(0);
        } catch (Throwable unavailable) {
            text = "errno " + errno;
        }
        return new ErrnoError(function, errno, text);
    }
}
