package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.NativeStrings;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * C's {@code errno} contract, one rule for every call path (dynamic calls, bound interfaces, generated bindings,
 * batches): a signed integer result of -1 or a {@code NULL} pointer means failure, the errno the linker captured
 * right after the call ({@code Linker.Option.captureCallState("errno")}) says why, and {@code strerror} words it.
 * Everything but the failure test runs only on failure.
 */
public final class CapturedErrno {
    /** The layout of the segment the linker captures the call state into. */
    public static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private CapturedErrno() {}

    /** {@code strerror}, linked on the first failure only. */
    private static final class Strerror {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    /**
     * The errno captured in a call's state.
     *
     * @param state a segment of {@link #CAPTURE_LAYOUT} the linker wrote after the call
     * @return the errno it holds
     */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * Whether a C type has a failure value.
     *
     * @param type a function's return type
     * @return true for a signed integer (which fails as -1) and a pointer (which fails as {@code NULL})
     */
    public static boolean hasFailureValue(CType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, POINTER, STRING -> true;
            default -> false;
        };
    }

    /**
     * Whether a raw result is C's failure value for its type.
     *
     * @param carrier the call's result as the linker returned it (a box or a segment), or {@code null}
     * @return true for -1 of a signed integer and for a {@code NULL} pointer
     */
    public static boolean isFailure(Object carrier) {
        return switch (carrier) {
            case Integer i -> i == -1;
            case Long l -> l == -1L;
            case Short s -> s == -1;
            case Byte b -> b == -1;
            case MemorySegment m -> m.address() == 0;
            case null, default -> false;
        };
    }

    /**
     * The error of a failed call, its errno read from the call's state.
     *
     * @param function the C function, named in the message
     * @param state    a segment of {@link #CAPTURE_LAYOUT} the linker wrote after the call
     * @return the error, with the errno and its {@code strerror} text
     */
    public static ErrnoError error(String function, MemorySegment state) {
        return error(function, errno(state));
    }

    /**
     * The error of a failed call.
     *
     * @param function the C function, named in the message
     * @param errno    the errno the call left
     * @return the error, with the errno and its {@code strerror} text
     */
    public static ErrnoError error(String function, int errno) {
        return new ErrnoError(function, errno, describe(errno));
    }

    /**
     * {@code strerror(errno)}: glibc and the other C libraries we run on return text that stays valid.
     *
     * @param errno an errno value
     * @return its text, or {@code "unknown error N"} should {@code strerror} return {@code NULL}
     */
    public static String describe(int errno) {
        MemorySegment text;
        try {
            text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable impossible) {
            throw new IllegalStateException("strerror threw a checked exception", impossible);
        }
        String description = NativeStrings.fromNative(text);
        return description == null ? "unknown error " + errno : description;
    }
}
