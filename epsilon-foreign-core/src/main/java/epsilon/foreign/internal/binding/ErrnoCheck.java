package epsilon.foreign.internal.binding;

import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.internal.convert.CapturedErrno;
import java.lang.foreign.MemorySegment;

/**
 * The {@code @Errno} contract: a result of -1 (integers) or {@code NULL} (pointers) means failure, and the errno
 * captured by the linker right after the call says why ({@link CapturedErrno}). Everything but the comparison
 * runs only on failure.
 */
final class ErrnoCheck {
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
        return CapturedErrno.error(symbol, state);
    }
}
