package epsilon.foreign;

import java.lang.foreign.Linker;

/**
 * How a C function is called, beyond its types: given to {@link Foreign#with(CallOption...)} or
 * {@link Foreign#defshared(String, String, CallOption...)}.
 *
 * {@snippet :
 * // errno: open() returns -1 and sets errno; THROW turns that into an ErrnoError with errno and strerror text
 * ForeignFunction open = Foreign.defshared("int open(const char *path, int flags, ...)", "c",
 *         CallOption.errno(ErrnoPolicy.THROW));
 *
 * // critical: a short leaf function that never calls back into Java nor blocks; Java arrays go to C zero-copy
 * ForeignFunction memset = Foreign.defshared("void *memset(void *s, int c, size_t n)", "c",
 *         CallOption.zeroCopyArrays());
 * byte[] bytes = new byte[16];
 * memset.invoke(bytes, 0x2a, 16L);             // C wrote straight into the Java array
 *
 * // a string C allocated for the caller to free: decoded, then freed with the library's own function
 * ForeignFunction mprintf = Foreign.defshared("char *sqlite3_mprintf(const char *format, ...)", "sqlite3",
 *         CallOption.freedWith("sqlite3_free"));
 * String quoted = (String) mprintf.invoke("%Q", "it's");   // "'it''s'"
 * }
 */
public sealed interface CallOption permits CallOption.Critical, CallOption.CaptureErrno, CallOption.FreeResult {

    /**
     * {@link Linker.Option#critical(boolean)}: the call skips the thread-state transition that lets the garbage
     * collector run meanwhile, which saves a few nanoseconds per call. Only for functions that return quickly,
     * never block, and never call back into Java.
     *
     * @param heapAccess whether Java arrays ({@code int[]}, {@code byte[]}, {@code long[]}, {@code double[]},
     *                   ...) pass to C as they are, without a copy; without it they are copied into native memory
     *                   and copied back after the call, so C's writes are visible either way
     */
    record Critical(boolean heapAccess) implements CallOption {}

    /**
     * Capture {@code errno} right after the call ({@link Linker.Option#captureCallState(String...)}), before the
     * JVM itself can change it, and act on it as {@code policy} says.
     *
     * @param policy throw on C's failure value, or return the value with {@code errno}
     */
    record CaptureErrno(ErrnoPolicy policy) implements CallOption {
        /**
         * Checks the policy is given.
         *
         * @param policy throw on C's failure value, or return the value with {@code errno}
         * @throws NullPointerException when {@code policy} is null
         */
        public CaptureErrno {
            java.util.Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * The function returns a {@code char *} C allocated for the caller to free ({@code sqlite3_mprintf},
     * {@code strdup}): the call decodes it to a {@code String} and then frees it with {@code function}, a
     * {@code void f(void *)} of the same library (or of the C library, for {@code free}). Refused, when the
     * function is made, for a function that does not return a {@code char *}.
     *
     * @param function the C name of the freeing function, such as {@code "sqlite3_free"} or {@code "free"}
     */
    record FreeResult(String function) implements CallOption {
        /**
         * Checks the name is given; whether a library has it is checked when the function is made.
         *
         * @param function the C name of the freeing function
         * @throws NullPointerException     when {@code function} is null
         * @throws IllegalArgumentException when it is blank
         */
        public FreeResult {
            java.util.Objects.requireNonNull(function, "function");
            if (function.isBlank()) {
                throw new IllegalArgumentException("FreeResult needs the name of the function that frees the result");
            }
        }
    }

    /**
     * A critical call without heap access.
     *
     * @return {@code new Critical(false)}: Java arrays are still copied in and out
     */
    static CallOption critical() {
        return new Critical(false);
    }

    /**
     * A critical call that passes Java arrays zero-copy.
     *
     * @return {@code new Critical(true)}: C reads and writes the Java arrays themselves
     */
    static CallOption zeroCopyArrays() {
        return new Critical(true);
    }

    /**
     * Capture {@code errno} with the given policy.
     *
     * @param policy what to do with the captured value
     * @return {@code new CaptureErrno(policy)}; with {@link ErrnoPolicy#THROW}, making a function whose return type
     *         has no failure value (-1 or {@code NULL}) is refused with a {@code ForeignError}
     */
    static CallOption errno(ErrnoPolicy policy) {
        return new CaptureErrno(policy);
    }

    /**
     * Decode the {@code char *} result, then free it with {@code function}: see {@link FreeResult}.
     *
     * @param function the C name of the freeing function, looked up in the called function's library, then in the C
     *                 library
     * @return {@code new FreeResult(function)}
     * @throws IllegalArgumentException when {@code function} is blank
     */
    static CallOption freedWith(String function) {
        return new FreeResult(function);
    }
}
