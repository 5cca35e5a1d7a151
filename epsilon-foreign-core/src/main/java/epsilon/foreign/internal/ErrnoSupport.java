package epsilon.foreign.internal;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.ForeignError;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** Reading the captured {@code errno}, recognising C's failure values, and {@code strerror}. */
final class ErrnoSupport {
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code strerror}, linked on first use only. */
    private static final class Strerror {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(1024,
                        ValueLayout.JAVA_BYTE)), ValueLayout.JAVA_INT));
    }

    private ErrnoSupport() {}

    static int errno(MemorySegment captured) {
        return (int) ERRNO.get(captured, 0L);
    }

    static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "errno " + errno : text.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** Whether THROW can tell failure from success for this return type; refuses it at declaration if not. */
    static void checkThrowable(String function, CType returnType) {
        if (!hasFailureValue(returnType)) {
            throw new ForeignError("errno policy THROW needs a return type with a failure value (a signed integer,"
                    + " which fails as -1, or a pointer, which fails as NULL); " + function + " returns "
                    + returnType.name() + ": use ErrnoPolicy.RETURN", function);
        }
    }

    private static boolean hasFailureValue(CType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, POINTER, STRING -> true;
            default -> false;
        };
    }

    /** True when the raw carrier result is C's failure value for its type. */
    static boolean isFailure(Object carrier) {
        return switch (carrier) {
            case Integer i -> i == -1;
            case Long l -> l == -1L;
            case Short s -> s == -1;
            case Byte b -> b == -1;
            case MemorySegment m -> m.address() == 0;
            case null, default -> false;
        };
    }

    static ErrnoError error(String function, int errno) {
        return new ErrnoError(function, errno, describe(errno));
    }
}
