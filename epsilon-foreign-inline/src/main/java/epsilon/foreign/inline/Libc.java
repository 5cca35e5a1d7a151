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
 * <h2>What is checked</h2>
 * C crashes on a NULL pointer, overruns a buffer given too large a length and writes wherever it is told. Each
 * method checks in Java, before the call, what Java can know, and throws {@link InlineCallException} naming the
 * function, the argument and the values instead:
 * <ul>
 *   <li>NULL where C dereferences it: {@link MemorySegment#NULL}, or Java {@code null}, which every segment
 *       and array argument takes as C's NULL ({@link #free} and {@link #realloc} accept it, as C does);</li>
 *   <li>a heap segment ({@code MemorySegment.ofArray}): C takes native memory only here, and the {@code byte[]}
 *       overloads pass arrays in place;</li>
 *   <li>a read-only segment where C writes: the destination of {@link #memcpy}, {@link #memmove} and
 *       {@link #memset}, and the block given to {@link #free} or {@link #realloc};</li>
 *   <li>a negative length, or one past the end of a segment of known size;</li>
 *   <li>overlapping regions for {@link #memcpy} (C may copy them wrongly; {@link #memmove} is for that);</li>
 *   <li>text read past the end of a segment of known size: {@link #strlen} runs as {@code strnlen} bounded by
 *       the segment, {@link #strcmp} and {@link #strncmp} as {@code strncmp} bounded by the smaller known size,
 *       and text without a NUL terminator where the answer would depend on the bytes after it is an error
 *       rather than a read of whatever memory follows.</li>
 * </ul>
 * So on a segment of known size every function stays within the segment, as {@code MemorySegment}'s own
 * accessors do. The JDK checks the rest as it does for any access, also before C runs: a segment whose arena
 * is closed throws {@link IllegalStateException}, and a confined segment used from another thread
 * {@link WrongThreadException}.
 *
 * <p><b>Zero-length segments are not bounded.</b> A segment of size 0 is taken as a raw pointer of unknown
 * extent, as C returns them ({@code MemorySegment.ofAddress}, or an address read from memory): C reads and
 * writes through it as far as its arguments say, exactly as in C. NULL, heap and read-only segments of size 0
 * are still refused, and a length is still checked against the other segment of a call when that one's size
 * is known; but a length past the real end of the memory behind a zero-length segment, or text without a
 * terminator in it, is not detected and can crash the JVM or corrupt memory. Give such a pointer its size with
 * {@link MemorySegment#reinterpret(long)} to have it checked. The same holds for a block freed twice or one
 * that C's allocator did not hand out ({@link #free}).
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
     * @throws InlineCallException when {@code s} is NULL or a heap segment, or has a known size and no NUL within
     *                             it
     */
    public static long strlen(MemorySegment s) {
        requireNative("strlen", "s", s);
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
     * @throws InlineCallException when {@code s} is null or holds no NUL
     */
    public static long strlen(byte[] s) {
        requireArray("strlen", "s", s);
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
     * @throws InlineCallException when {@code s} is NULL or a heap segment, or {@code maxlen} is negative or past
     *                             its end
     */
    public static long strnlen(MemorySegment s, long maxlen) {
        requireNative("strnlen", "s", s);
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
     * @throws InlineCallException when {@code s} is null, or {@code maxlen} is negative or past the end of the
     *                             array
     */
    public static long strnlen(byte[] s, long maxlen) {
        requireArray("strnlen", "s", s);
        requireWithinArray("strnlen", "maxlen", maxlen, "s", s);
        MemorySegment heap = MemorySegment.ofArray(s);
        try {
            return (long) LibcHandles.Strnlen.HEAP.invokeExact(heap, maxlen);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int strcmp(const char *a, const char *b)}, never reading past the end of a segment of known size.
     *
     * <p>When either size is known, the call is C's {@code strncmp} bounded by the smaller known size: a
     * difference or a common NUL terminator within it is the answer, and text that matches the other all the way
     * to the end of a segment without a NUL is refused rather than compared on into whatever memory follows.
     *
     * @param a NUL-terminated text; a segment of size 0 is read as C would, up to its NUL
     * @param b NUL-terminated text; a segment of size 0 is read as C would, up to its NUL
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b} (unsigned bytes);
     *         only the sign is meaningful
     * @throws InlineCallException when either is NULL or a heap segment, or the comparison would run past the end
     *                             of a segment of known size
     */
    public static int strcmp(MemorySegment a, MemorySegment b) {
        requireNative("strcmp", "a", a);
        requireNative("strcmp", "b", b);
        long bound = knownBound(Long.MAX_VALUE, a, b);
        try {
            if (bound == Long.MAX_VALUE) { // two raw pointers: C's own strcmp, unbounded as in C
                return (int) LibcHandles.Strcmp.HANDLE.invokeExact(a, b);
            }
            int order = (int) LibcHandles.Strncmp.HANDLE.invokeExact(a, b, bound);
            if (order != 0 || terminatedWithin(a, bound)) {
                return order;
            }
            String shorter = a.byteSize() == bound ? "a" : "b";
            throw new InlineCallException("strcmp: no NUL terminator within the " + bound + " bytes of segment "
                    + shorter + ", and the other matches them all: comparing on would read past its end ("
                    + sizes(a, b) + ")");
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code int strncmp(const char *a, const char *b, size_t n)}, never reading past the end of a segment of
     * known size.
     *
     * <p>{@code n} may exceed a segment's size, as C allows for text terminated within it: the call is bounded by
     * the smaller known size, and is refused only when the text matches all the way to the end of a segment
     * without a NUL, where C would compare on into whatever memory follows.
     *
     * @param a text
     * @param b text
     * @param n the most bytes to compare
     * @return negative, zero or positive as the first {@code n} bytes of {@code a} sort before, with or after
     *         those of {@code b} (unsigned bytes, up to a NUL); only the sign is meaningful
     * @throws InlineCallException when either is NULL or a heap segment, {@code n} is negative, or the comparison
     *                             would run past the end of a segment of known size
     */
    public static int strncmp(MemorySegment a, MemorySegment b, long n) {
        requireNative("strncmp", "a", a);
        requireNative("strncmp", "b", b);
        requireNonNegative("strncmp", "n", n);
        long bound = knownBound(n, a, b);
        try {
            int order = (int) LibcHandles.Strncmp.HANDLE.invokeExact(a, b, bound);
            if (order != 0 || bound == n || terminatedWithin(a, bound)) {
                return order;
            }
            String shorter = a.byteSize() == bound ? "a" : "b";
            throw new InlineCallException("strncmp: n=" + n + " is past the end of " + shorter + ", and a and b match"
                    + " on all its " + bound + " bytes with no NUL terminator: comparing on would read past it ("
                    + sizes(a, b) + ")");
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
     * @throws InlineCallException when either is NULL or a heap segment, {@code dst} is read-only, {@code n} is
     *                             negative or past the end of either, or the two regions of {@code n} bytes
     *                             overlap (where C's {@code memcpy} may copy wrongly)
     */
    public static MemorySegment memcpy(MemorySegment dst, MemorySegment src, long n) {
        checkCopy("memcpy", dst, src, n);
        requireApart(dst, src, n);
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
     * @throws InlineCallException when either is NULL or a heap segment, {@code dst} is read-only, or {@code n} is
     *                             negative or past the end of either
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
     * @throws InlineCallException when {@code s} is NULL, a heap segment or read-only, or {@code n} is negative or
     *                             past its end
     */
    public static MemorySegment memset(MemorySegment s, int c, long n) {
        requireNative("memset", "s", s);
        requireWritable("memset", "s", s);
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
     * @throws InlineCallException when either is NULL or a heap segment, or {@code n} is negative or past the end
     *                             of either
     */
    public static int memcmp(MemorySegment a, MemorySegment b, long n) {
        requireNative("memcmp", "a", a);
        requireNative("memcmp", "b", b);
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
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b} (unsigned bytes);
     *         only the sign is meaningful
     * @throws InlineCallException when either is null, or {@code n} is negative or past the end of either array
     */
    public static int memcmp(byte[] a, byte[] b, long n) {
        requireArray("memcmp", "a", a);
        requireArray("memcmp", "b", b);
        requireWithinArray("memcmp", "n", n, "a", a);
        requireWithinArray("memcmp", "n", n, "b", b);
        MemorySegment left = MemorySegment.ofArray(a);
        MemorySegment right = MemorySegment.ofArray(b);
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
     * @return the address of the first byte {@code c} (a segment of size 0), or {@link MemorySegment#NULL} when
     *         there is none
     * @throws InlineCallException when {@code s} is NULL or a heap segment, or {@code n} is negative or past its
     *                             end
     */
    public static MemorySegment memchr(MemorySegment s, int c, long n) {
        requireNative("memchr", "s", s);
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
     *         {@link #free}), or {@link MemorySegment#NULL} when the system has no memory; for a size of 0, C's
     *         unique pointer as a segment of size 0, which this class takes as a raw pointer of unknown extent:
     *         nothing may be read or written through it
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
     *         {@link MemorySegment#NULL} when the system has no memory, or the product overflows (as C's
     *         {@code calloc} answers it, without being called)
     * @throws InlineCallException when either is negative
     */
    public static MemorySegment calloc(long count, long size) {
        requireNonNegative("calloc", "count", count);
        requireNonNegative("calloc", "size", size);
        long total = count * size;
        if (Math.multiplyHigh(count, size) != 0 || total < 0) {
            return MemorySegment.NULL;
        }
        try {
            MemorySegment block = (MemorySegment) LibcHandles.Calloc.HANDLE.invokeExact(count, size);
            return block.address() == 0 ? MemorySegment.NULL : block.reinterpret(total);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void *realloc(void *ptr, size_t size)}.
     *
     * @param ptr  a block from {@link #malloc}, {@link #calloc} or {@code realloc}, or NULL (Java {@code null}
     *             too), when it is {@code malloc(size)}
     * @param size the new size in bytes; 0 only with a NULL {@code ptr}
     * @return the block, perhaps moved, as a segment of {@code size} bytes; {@link MemorySegment#NULL} on
     *         failure, when {@code ptr} stays valid
     * @throws InlineCallException when {@code size} is negative, or 0 with a block ({@code realloc(ptr, 0)}
     *                             frees it in glibc and is undefined in C23, so a NULL result could not say
     *                             whether {@code ptr} is still valid: call {@link #free} instead), or {@code ptr}
     *                             is a heap segment or read-only
     */
    public static MemorySegment realloc(MemorySegment ptr, long size) {
        requireNonNegative("realloc", "size", size);
        MemorySegment block = ptr == null ? MemorySegment.NULL : ptr;
        requireFreeable("realloc", block);
        if (size == 0 && block.address() != 0) {
            throw new InlineCallException("realloc: size=0 with a non-NULL ptr frees it in glibc and is undefined in"
                    + " C23; call free(ptr) instead");
        }
        try {
            MemorySegment moved = (MemorySegment) LibcHandles.Realloc.HANDLE.invokeExact(block, size);
            return moved.address() == 0 ? MemorySegment.NULL : moved.reinterpret(size);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    /**
     * {@code void free(void *ptr)}; NULL (Java {@code null} too) is allowed, as in C. Freeing a block twice, or one malloc did not
     * return, is undefined in C and cannot be detected here: Epsilon's own allocators
     * ({@code Foreign.foreignAlloc}, the memory pool) detect it.
     *
     * @param ptr a block from {@link #malloc}, {@link #calloc} or {@link #realloc}, or NULL
     * @throws InlineCallException when {@code ptr} is a heap segment (never C's to free) or read-only (C's free
     *                             writes its bookkeeping into the block)
     */
    public static void free(MemorySegment ptr) {
        MemorySegment block = ptr == null ? MemorySegment.NULL : ptr;
        requireFreeable("free", block);
        try {
            LibcHandles.Free.HANDLE.invokeExact(block);
        } catch (Throwable t) {
            throw InlineFunction.rethrow(t);
        }
    }

    // ---- checks ------------------------------------------------------------------------------------------
    // Each is a compare and a branch or two on the call's path; the messages are built only when they throw.

    /** A segment C dereferences: not null, not NULL, and native (C cannot take the Java heap's moving arrays). */
    private static void requireNative(String function, String parameter, MemorySegment segment) {
        if (segment == null || !segment.isNative() || segment.address() == 0) {
            throw refused(function, parameter, segment);
        }
    }

    private static InlineCallException refused(String function, String parameter, MemorySegment segment) {
        if (segment != null && !segment.isNative()) {
            return new InlineCallException(function + ": " + parameter + " is a heap segment (" + segment.byteSize()
                    + " bytes), and C takes native memory only");
        }
        return new InlineCallException(function + ": " + parameter + " is NULL");
    }

    /** An array C reads in place: Java null is C's NULL there. */
    private static void requireArray(String function, String parameter, byte[] array) {
        if (array == null) {
            throw new InlineCallException(function + ": " + parameter + " is NULL");
        }
    }

    /** A segment C writes into. */
    private static void requireWritable(String function, String parameter, MemorySegment segment) {
        if (segment.isReadOnly()) {
            throw new InlineCallException(function + ": " + parameter + " is a read-only segment ("
                    + describeSize(segment) + "), and C would write into it");
        }
    }

    /** A block for free or realloc: NULL, or native and writable (free writes its bookkeeping into the block). */
    private static void requireFreeable(String function, MemorySegment block) {
        if (!block.isNative()) {
            throw refused(function, "ptr", block);
        }
        requireWritable(function, "ptr", block);
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

    /** A length within an array, whose size is always known: an empty array bounds it to 0. */
    private static void requireWithinArray(String function, String lengthName, long length, String arrayName,
                                           byte[] array) {
        requireNonNegative(function, lengthName, length);
        if (length > array.length) {
            throw new InlineCallException(function + ": " + lengthName + "=" + length + " is past the end of "
                    + arrayName + " (" + array.length + " bytes)");
        }
    }

    private static void checkCopy(String function, MemorySegment dst, MemorySegment src, long n) {
        requireNative(function, "dst", dst);
        requireNative(function, "src", src);
        requireWritable(function, "dst", dst);
        requireWithin(function, "n", n, "dst", dst);
        requireWithin(function, "n", n, "src", src);
    }

    /**
     * memcpy's regions must not overlap: the distance between their starts (unsigned) must be at least n. Freed
     * regions are left to the call, whose refusal of a closed segment names the real mistake.
     */
    private static void requireApart(MemorySegment dst, MemorySegment src, long n) {
        long to = dst.address();
        long from = src.address();
        long distance = Long.compareUnsigned(to, from) >= 0 ? to - from : from - to;
        if (Long.compareUnsigned(distance, n) < 0 && dst.scope().isAlive() && src.scope().isAlive()) {
            throw new InlineCallException("memcpy: the " + n + " bytes at dst (0x" + Long.toHexString(to)
                    + ") and src (0x" + Long.toHexString(from) + ") overlap; use memmove");
        }
    }

    /** {@code limit} lowered to the size of each segment whose size is known. */
    private static long knownBound(long limit, MemorySegment a, MemorySegment b) {
        long bound = limit;
        if (a.byteSize() != 0 && a.byteSize() < bound) {
            bound = a.byteSize();
        }
        if (b.byteSize() != 0 && b.byteSize() < bound) {
            bound = b.byteSize();
        }
        return bound;
    }

    /** Whether the first {@code length} bytes of {@code s} hold a NUL. */
    private static boolean terminatedWithin(MemorySegment s, long length) throws Throwable {
        return (long) LibcHandles.Strnlen.HANDLE.invokeExact(s, length) < length;
    }

    private static String sizes(MemorySegment a, MemorySegment b) {
        return "a: " + describeSize(a) + ", b: " + describeSize(b);
    }

    private static String describeSize(MemorySegment segment) {
        return segment.byteSize() == 0 ? "size unknown" : segment.byteSize() + " bytes";
    }
}
