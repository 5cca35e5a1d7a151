package epsilon.foreign.inline;

import epsilon.foreign.inline.internal.LibcHandles;
import java.lang.foreign.MemorySegment;

/**
 * The hot libc functions as plain static Java methods over {@code static final} downcall handles: the fastest
 * way to call them short of C itself (Lisp Epsilon's {@code %strlen}, {@code %memcpy}, {@code %getpid}).
 *
 * <p>Leaf functions (the string and memory functions, {@code getpid}, {@code abs}, {@code toupper}) are linked
 * {@link java.lang.foreign.Linker.Option#critical(boolean) critical}: they return quickly, never block and never
 * call back into Java, so the call skips the thread-state transition. The allocator functions
 * ({@code malloc}, {@code calloc}, {@code realloc}, {@code free}) are not: they may take locks and enter the
 * kernel. Each function is linked on its first use only.
 *
 * <p>Safety: C crashes on a NULL pointer and overruns a buffer given too large a length. Each method checks what
 * Java can know before the call, and throws {@link InlineCallException} instead: NULL where C dereferences, and a
 * length past the end of a segment whose size is known. A segment of size 0 is a raw pointer of unknown extent
 * (as returned by C) and is passed unchecked, as C would take it. {@code strlen} on a segment of known size never
 * reads past its end: it is computed with {@code strnlen}, and text without a terminator inside the segment is an
 * error rather than a read of whatever memory follows.
 *
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment text = arena.allocateFrom("hello");
 *     long five = Libc.strlen(text);
 *     MemorySegment copy = arena.allocate(6);
 *     Libc.memcpy(copy, text, 6);
 *     int same = Libc.memcmp(copy, text, 6);                    // 0
 * }
 * }
 *
 * <h2>Against Java's own</h2>
 * {@code MemorySegment.copy}, {@code fill} and {@code mismatch} do what {@code memcpy}, {@code memset} and
 * {@code memcmp} do without a native call, and which is faster depends on the size: the benchmarks module's
 * {@code InlineBenchmark} measures both from 16 B to 64 KiB, and its section of
 * {@code benchmarks/results/latest.md} (once a run of it is committed) says which to prefer where. For
 * {@link #strlen}, {@link #labs} and the other scalar calls there is no Java equivalent; {@code LabsBenchmark},
 * {@code StrlenBenchmark} and {@code GetpidBenchmark} compare them with a non-critical Panama call.
 */
public final class Libc {
    private Libc() {}

    // ---- strings ---------------------------------------------------------------------------------------

    /**
     * {@code size_t strlen(const char *s)}, never reading past the end of a segment of known size.
     *
     * @param s NUL-terminated text; a segment of size 0 is read as C would, up to its NUL
     * @return the number of bytes before the first NUL
     * @throws InlineCallException when {@code s} is NULL, or has a known size and no NUL within it
     */
    public static long strlen(MemorySegment s) {
        requireNonNull("strlen", "s", s);
        try {
            if (s.byteSize() == 0) {
                return (long) LibcHandles.Strlen.HANDLE.invokeExact(s);
            }
            long length = (long) LibcHandles.Strnlen.HANDLE.invokeExact(s, s.byteSize());
            if (length == s.byteSize()) {
                throw new InlineCallException("strlen: no NUL terminator within the " + s.byteSize()
                        + " bytes of segment s");
            }
            return length;
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code strlen} of a NUL-terminated Java byte array, in place.
     *
     * @param s the text, NUL-terminated within the array
     * @return the number of bytes before the first NUL
     * @throws InlineCallException when the array holds no NUL
     */
    public static long strlen(byte[] s) {
        long length = strnlen(s, s.length);
        if (length == s.length) {
            throw new InlineCallException("strlen: no NUL terminator within the " + s.length + " bytes of array s");
        }
        return length;
    }

    /**
     * {@code size_t strnlen(const char *s, size_t maxlen)}.
     *
     * @param s      the text
     * @param maxlen the most bytes to read; at most the segment's size when that is known
     * @return the number of bytes before the first NUL, or {@code maxlen} when there is none before it
     * @throws InlineCallException when {@code s} is NULL or {@code maxlen} is negative or past its end
     */
    public static long strnlen(MemorySegment s, long maxlen) {
        requireNonNull("strnlen", "s", s);
        requireWithin("strnlen", "maxlen", maxlen, "s", s);
        try {
            return (long) LibcHandles.Strnlen.HANDLE.invokeExact(s, maxlen);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code strnlen} on a Java byte array in place (critical with heap access).
     *
     * @param s      the text
     * @param maxlen the most bytes to read, at most {@code s.length}
     * @return the number of bytes before the first NUL, or {@code maxlen} when there is none before it
     * @throws InlineCallException when {@code maxlen} is negative or past the end of the array
     */
    public static long strnlen(byte[] s, long maxlen) {
        MemorySegment heap = MemorySegment.ofArray(s);
        requireWithin("strnlen", "maxlen", maxlen, "s", heap);
        try {
            return (long) LibcHandles.Strnlen.HEAP.invokeExact(heap, maxlen);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int strcmp(const char *a, const char *b)}.
     *
     * @param a NUL-terminated text
     * @param b NUL-terminated text
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b} (byte values)
     * @throws InlineCallException when either is NULL
     */
    public static int strcmp(MemorySegment a, MemorySegment b) {
        requireNonNull("strcmp", "a", a);
        requireNonNull("strcmp", "b", b);
        try {
            return (int) LibcHandles.Strcmp.HANDLE.invokeExact(a, b);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int strncmp(const char *a, const char *b, size_t n)}.
     *
     * @param a text
     * @param b text
     * @param n the most bytes to compare
     * @return negative, zero or positive as the first {@code n} bytes of {@code a} sort before, with or after
     *         those of {@code b}
     * @throws InlineCallException when either is NULL
     */
    public static int strncmp(MemorySegment a, MemorySegment b, long n) {
        requireNonNull("strncmp", "a", a);
        requireNonNull("strncmp", "b", b);
        try {
            return (int) LibcHandles.Strncmp.HANDLE.invokeExact(a, b, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    // ---- memory ----------------------------------------------------------------------------------------

    /**
     * {@code void *memcpy(void *dst, const void *src, size_t n)}; the regions must not overlap (use
     * {@link #memmove} when they may).
     *
     * @param dst where to copy to
     * @param src where to copy from
     * @param n   the number of bytes, within both segments where their size is known
     * @return {@code dst}, as C returns it
     * @throws InlineCallException when either is NULL or {@code n} is negative or past the end of either
     */
    public static MemorySegment memcpy(MemorySegment dst, MemorySegment src, long n) {
        checkCopy("memcpy", dst, src, n);
        try {
            return (MemorySegment) LibcHandles.Memcpy.HANDLE.invokeExact(dst, src, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void *memmove(void *dst, const void *src, size_t n)}; the regions may overlap.
     *
     * @param dst where to copy to
     * @param src where to copy from
     * @param n   the number of bytes, within both segments where their size is known
     * @return {@code dst}, as C returns it
     * @throws InlineCallException when either is NULL or {@code n} is negative or past the end of either
     */
    public static MemorySegment memmove(MemorySegment dst, MemorySegment src, long n) {
        checkCopy("memmove", dst, src, n);
        try {
            return (MemorySegment) LibcHandles.Memmove.HANDLE.invokeExact(dst, src, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void *memset(void *s, int c, size_t n)}.
     *
     * @param s the memory to fill
     * @param c the byte value, as C takes it (only its low 8 bits count)
     * @param n the number of bytes, within {@code s} where its size is known
     * @return {@code s}, as C returns it
     * @throws InlineCallException when {@code s} is NULL or {@code n} is negative or past its end
     */
    public static MemorySegment memset(MemorySegment s, int c, long n) {
        requireNonNull("memset", "s", s);
        requireWithin("memset", "n", n, "s", s);
        try {
            return (MemorySegment) LibcHandles.Memset.HANDLE.invokeExact(s, c, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int memcmp(const void *a, const void *b, size_t n)}.
     *
     * @param a memory
     * @param b memory
     * @param n the number of bytes, within both segments where their size is known
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b} (unsigned bytes);
     *         only the sign is meaningful
     * @throws InlineCallException when either is NULL or {@code n} is negative or past the end of either
     */
    public static int memcmp(MemorySegment a, MemorySegment b, long n) {
        requireNonNull("memcmp", "a", a);
        requireNonNull("memcmp", "b", b);
        requireWithin("memcmp", "n", n, "a", a);
        requireWithin("memcmp", "n", n, "b", b);
        try {
            return (int) LibcHandles.Memcmp.HANDLE.invokeExact(a, b, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code memcmp} of two Java byte arrays in place (critical with heap access).
     *
     * @param a bytes
     * @param b bytes
     * @param n the number of bytes, within both arrays
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b} (unsigned bytes)
     * @throws InlineCallException when {@code n} is negative or past the end of either array
     */
    public static int memcmp(byte[] a, byte[] b, long n) {
        MemorySegment left = MemorySegment.ofArray(a);
        MemorySegment right = MemorySegment.ofArray(b);
        requireWithin("memcmp", "n", n, "a", left);
        requireWithin("memcmp", "n", n, "b", right);
        try {
            return (int) LibcHandles.Memcmp.HEAP.invokeExact(left, right, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void *memchr(const void *s, int c, size_t n)}.
     *
     * @param s the memory to search
     * @param c the byte value to find (its low 8 bits)
     * @param n the number of bytes to search, within {@code s} where its size is known
     * @return the address of the first byte {@code c}, or {@link MemorySegment#NULL} when there is none
     * @throws InlineCallException when {@code s} is NULL or {@code n} is negative or past its end
     */
    public static MemorySegment memchr(MemorySegment s, int c, long n) {
        requireNonNull("memchr", "s", s);
        requireWithin("memchr", "n", n, "s", s);
        try {
            return (MemorySegment) LibcHandles.Memchr.HANDLE.invokeExact(s, c, n);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@link #memchr} as an index.
     *
     * @param s the memory to search
     * @param c the byte value to find (its low 8 bits)
     * @param n the number of bytes to search
     * @return the offset of the first byte {@code c} in the first {@code n} bytes of {@code s}, or -1
     * @throws InlineCallException as {@link #memchr} does
     */
    public static long indexOf(MemorySegment s, int c, long n) {
        MemorySegment found = memchr(s, c, n);
        return found.address() == 0 ? -1 : found.address() - s.address();
    }

    // ---- process and arithmetic --------------------------------------------------------------------------

    /** {@return the process id} C's {@code pid_t getpid(void)}. */
    public static int getpid() {
        try {
            return (int) LibcHandles.Getpid.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int abs(int j)}; as in C, {@code abs(Integer.MIN_VALUE)} is {@code Integer.MIN_VALUE}.
     *
     * @param j a value
     * @return its absolute value
     */
    public static int abs(int j) {
        try {
            return (int) LibcHandles.Abs.HANDLE.invokeExact(j);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code long labs(long j)}.
     *
     * @param j a value
     * @return its absolute value ({@code Long.MIN_VALUE} for itself, as in C)
     */
    public static long labs(long j) {
        try {
            return (long) LibcHandles.Labs.HANDLE.invokeExact(j);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code long long llabs(long long j)}.
     *
     * @param j a value
     * @return its absolute value ({@code Long.MIN_VALUE} for itself, as in C)
     */
    public static long llabs(long j) {
        try {
            return (long) LibcHandles.Llabs.HANDLE.invokeExact(j);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int toupper(int c)}, by the C library's current locale.
     *
     * @param c a character code ({@code unsigned char} range, or EOF)
     * @return its upper-case code, or {@code c} when it has none
     */
    public static int toupper(int c) {
        try {
            return (int) LibcHandles.Toupper.HANDLE.invokeExact(c);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int tolower(int c)}, by the C library's current locale.
     *
     * @param c a character code ({@code unsigned char} range, or EOF)
     * @return its lower-case code, or {@code c} when it has none
     */
    public static int tolower(int c) {
        try {
            return (int) LibcHandles.Tolower.HANDLE.invokeExact(c);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    // ---- allocation --------------------------------------------------------------------------------------

    /**
     * {@code void *malloc(size_t size)}.
     *
     * @param size the number of bytes
     * @return {@code size} uninitialised bytes, as a segment of that size (global scope: free it with
     *         {@link #free}), or {@link MemorySegment#NULL} when the system has no memory
     * @throws InlineCallException when {@code size} is negative
     */
    public static MemorySegment malloc(long size) {
        requireNonNegative("malloc", "size", size);
        try {
            MemorySegment block = (MemorySegment) LibcHandles.Malloc.HANDLE.invokeExact(size);
            return block.address() == 0 ? MemorySegment.NULL : block.reinterpret(size);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void *calloc(size_t count, size_t size)}.
     *
     * @param count the number of elements
     * @param size  the size of one element
     * @return {@code count * size} zeroed bytes as a segment of that size (free it with {@link #free}), or
     *         {@link MemorySegment#NULL} when the system has no memory
     * @throws InlineCallException when either is negative
     */
    public static MemorySegment calloc(long count, long size) {
        requireNonNegative("calloc", "count", count);
        requireNonNegative("calloc", "size", size);
        try {
            MemorySegment block = (MemorySegment) LibcHandles.Calloc.HANDLE.invokeExact(count, size);
            return block.address() == 0 ? MemorySegment.NULL : block.reinterpret(Math.multiplyExact(count, size));
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void *realloc(void *ptr, size_t size)}.
     *
     * @param ptr  a block from {@link #malloc}, {@link #calloc} or {@code realloc}, or NULL
     * @param size the new size in bytes
     * @return the block, perhaps moved, as a segment of {@code size} bytes; {@link MemorySegment#NULL} on
     *         failure, when {@code ptr} stays valid
     * @throws InlineCallException when {@code size} is negative
     */
    public static MemorySegment realloc(MemorySegment ptr, long size) {
        requireNonNegative("realloc", "size", size);
        try {
            MemorySegment block = (MemorySegment) LibcHandles.Realloc.HANDLE.invokeExact(ptr, size);
            return block.address() == 0 ? MemorySegment.NULL : block.reinterpret(size);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void free(void *ptr)}; NULL is allowed, as in C. Freeing a block twice, or one malloc did not
     * return, is undefined in C and cannot be detected here: Epsilon's own allocators
     * ({@code Foreign.foreignAlloc}, the memory pool) detect it.
     *
     * @param ptr a block from {@link #malloc}, {@link #calloc} or {@link #realloc}, or NULL
     */
    public static void free(MemorySegment ptr) {
        try {
            LibcHandles.Free.HANDLE.invokeExact(ptr);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    // ---- checks ------------------------------------------------------------------------------------------

    private static void requireNonNull(String function, String parameter, MemorySegment segment) {
        if (segment == null || segment.address() == 0) {
            throw new InlineCallException(function + ": " + parameter + " is NULL");
        }
    }

    private static void requireNonNegative(String function, String parameter, long value) {
        if (value < 0) {
            throw new InlineCallException(function + ": " + parameter + "=" + value + " is negative");
        }
    }

    /** A length within a segment of known size (size 0: a raw pointer of unknown extent, not checked). */
    private static void requireWithin(String function, String lengthName, long length, String segmentName,
                                      MemorySegment segment) {
        requireNonNegative(function, lengthName, length);
        if (segment.byteSize() != 0 && length > segment.byteSize()) {
            throw new InlineCallException(function + ": " + lengthName + "=" + length + " is past the end of "
                    + segmentName + " (" + segment.byteSize() + " bytes)");
        }
    }

    private static void checkCopy(String function, MemorySegment dst, MemorySegment src, long n) {
        requireNonNull(function, "dst", dst);
        requireNonNull(function, "src", src);
        requireWithin(function, "n", n, "dst", dst);
        requireWithin(function, "n", n, "src", src);
    }
}
