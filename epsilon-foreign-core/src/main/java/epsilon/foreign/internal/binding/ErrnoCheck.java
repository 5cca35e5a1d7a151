package epsilon.foreign.internal.binding;

import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.NativeStrings;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The {@code @Errno} contract: a result of -1 (integers) or {@code NULL} (pointers) means failure, and the errno
 * captured by the linker right after the call says why. Everything but the comparison runs only on failure.
 */
final class ErrnoCheck {
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private ErrnoCheck() {}

    static int check(int result, MemorySegment state, String symbol) {
        if (result == -1) {
            throw failure(state, symbol);
        }
        return result;
    }

    static long check(long result, MemorySegment state, String symbol) {
        if (result == -1) {
            throw failure(state, symbol);
        }
        return result;
    }

    static MemorySegment check(MemorySegment result, MemorySegment state, String symbol) {
        if (result.address() == 0) {
            throw failure(state, symbol);
        }
        return result;
    }

    /** Whether a result carrier has a failure value this class recognizes. */
    static boolean canCheck(Class<?> carrier) {
        return carrier == int.class || carrier == long.class || carrier == MemorySegment.class;
    }

    private static ErrnoError failure(MemorySegment state, String symbol) {
        int errno = (int) ERRNO.get(state, 0L);
        return new ErrnoError(symbol, errno, describe(errno));
    }

    /** {@code strerror(errno)}: glibc and the other C libraries we run on return text that stays valid. */
    static String describe(int errno) {
        MemorySegment text;
        try {
            text = (MemorySegment) StrError.STRERROR.invokeExact(errno);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable impossible) {
            throw new IllegalStateException("strerror threw a checked exception", impossible);
        }
        String description = NativeStrings.fromNative(text);
        return description == null ? "unknown error " + errno : description;
    }

    /** strerror, linked on the first failure only. */
    private static final class StrError {
        static final MethodHandle STRERROR = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }
}
