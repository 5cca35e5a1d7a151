package epsilon.foreign.optimize;

import epsilon.foreign.inline.Libc;
import epsilon.foreign.marshalling.AllocationError;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.optimize.internal.Allocator;
import epsilon.foreign.optimize.internal.Arguments;
import epsilon.foreign.optimize.internal.CriticalCalls;
import epsilon.foreign.optimize.internal.WordScan;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The common C memory and string functions, each choosing per call between Java's own code and libc's by size
 * (Lisp Epsilon's {@code %strlen-optimized}, {@code %memcpy-optimized}, {@code %malloc-optimized},
 * {@code %free-optimized}).
 *
 * <p>A native call costs a fixed few nanoseconds before the first byte moves; Java's
 * {@link MemorySegment#copy(MemorySegment, long, MemorySegment, long, long) copy},
 * {@link MemorySegment#fill(byte) fill} and {@link MemorySegment#mismatch(MemorySegment, long, long, MemorySegment,
 * long, long) mismatch} cost nothing to start but may move bytes more slowly than libc's vectorised code. So below
 * a crossover size each function runs in Java, and from it up calls libc through a {@code static final} handle
 * linked {@linkplain java.lang.foreign.Linker.Option#critical(boolean) critical} (made with
 * {@code epsilon.foreign.inline}), with heap access when a Java array is involved, so arrays are never copied to
 * native memory first. The crossovers are the constants below, chosen from {@code OptimizedFunctionsBenchmark} in
 * the benchmarks module, which sets each function against raw Panama, inline's {@link Libc} and Java's own at
 * 16 B to 64 KiB; its section of {@code benchmarks/results/latest.md} has the figures. Both paths give the same
 * result, so a crossover is only ever a matter of speed.
 *
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment text = arena.allocateFrom("hello");
 *     long five = Optimized.strlenOptimized(text);
 *     MemorySegment copy = arena.allocate(6);
 *     Optimized.memcpyOptimized(copy, text, 6);
 *     int same = Optimized.memcmpOptimized(copy, text, 6);       // 0
 *     byte[] bytes = new byte[6];
 *     Optimized.memcpyOptimized(MemorySegment.ofArray(bytes), text, 6); // Java arrays too
 * }
 * }
 *
 * <h2>What is checked</h2>
 * Unlike C, nothing here reads or writes outside the segments it is given, whatever the arguments. Each check is a
 * compare and a branch before the work, and a refused call has changed no memory:
 * <ul>
 *   <li>a range (offset and length) not inside its segment, or negative: {@link MemoryRangeError};</li>
 *   <li>text with no NUL terminator before the end of its segment: {@link UnterminatedStringError} (a pointer
 *       from C, a segment of size 0, must be given its size with {@link MemorySegment#reinterpret(long)}
 *       first);</li>
 *   <li>a read-only destination: {@link ArgumentTypeError};</li>
 *   <li>a segment whose arena is closed: {@link FreedMemoryError}; one confined to another thread: a
 *       {@link ForeignError} carrying the JDK's {@link WrongThreadException};</li>
 *   <li>a null segment: {@link NullPointerException} naming the parameter.</li>
 * </ul>
 * Overlapping ranges are allowed for {@link #memcpyOptimized} as for {@link #memmoveOptimized}: both copy as if
 * through a temporary buffer, which costs nothing extra since Java's copy does so anyway and the C path is C's
 * {@code memmove}.
 */
public final class Optimized {
    private Optimized() {}

    // The crossovers below were read from short smoke runs of OptimizedFunctionsBenchmark (one fork, on a shared
    // 2-core x86-64 machine, glibc, JDK 25), comparing the java* rows with the inline* (native) and critical*Heap
    // rows at sizes between the @Param values; benchmarks/results/latest.md has the figures of the official run.

    /**
     * {@code strlen} scans at most this many bytes in Java, eight at a time, then hands the rest of the segment to
     * C's {@code strnlen}: shorter text never pays for a native call. Java's scan was faster than the critical
     * call only for the shortest text; from 32 bytes on, libc's vectorised {@code strlen} won.
     */
    public static final long STRLEN_JAVA_PREFIX = 16;
    /**
     * {@code memcpy} and {@code memmove} between native segments of fewer bytes run in Java
     * ({@code MemorySegment.copy}); from this, in C. Java's copy won up to 16 KiB and was about even at 32 KiB.
     * A copy from or to a Java array runs in Java at every size: Java's copy was as fast as the critical call with
     * heap access up to 64 KiB.
     */
    public static final long COPY_C_FROM = 32768;
    /**
     * {@code memset} of fewer bytes runs in Java ({@code MemorySegment.fill}); from this, in C. Java's fill beats a
     * call to libc at 16 B and 256 B, where the call is most of the cost; at 1 KiB the critical call wins (the
     * {@code size=256} and {@code size=1024} rows of {@code OptimizedFunctionsBenchmark} in
     * {@code benchmarks/results/latest.md}).
     */
    public static final long FILL_C_FROM = 1024;
    /**
     * {@code memcmp} of fewer bytes runs in Java ({@code MemorySegment.mismatch}); from this, in C. Java's
     * mismatch won at 16 bytes, was even at 32 and lost from 64, on native memory and Java arrays alike.
     */
    public static final long COMPARE_C_FROM = 32;

    private static final String[] S = {"s"};
    private static final String[] DST_SRC = {"dst", "src"};
    private static final String[] A_B = {"a", "b"};

    // ---- strings ---------------------------------------------------------------------------------------

    /**
     * {@code size_t strlen(const char *s)} over the whole segment, never reading past its end.
     *
     * @param s NUL-terminated text, native or heap
     * @return the number of bytes before the first NUL
     * @throws NullPointerException     when {@code s} is null
     * @throws UnterminatedStringError  when {@code s} holds no NUL
     * @throws FreedMemoryError         when the arena of {@code s} is closed
     * @throws ForeignError             when {@code s} is confined to another thread
     */
    public static long strlenOptimized(MemorySegment s) {
        return strlenOptimized(s, 0);
    }

    /**
     * {@code strlen(s + offset)}, never reading past the end of {@code s}.
     *
     * @param s      text, native or heap
     * @param offset where the text starts, at most the size of {@code s}
     * @return the number of bytes from {@code offset} to the first NUL after it
     * @throws NullPointerException     when {@code s} is null
     * @throws MemoryRangeError         when {@code offset} is negative or past the end of {@code s}
     * @throws UnterminatedStringError  when {@code s} holds no NUL from {@code offset} to its end
     * @throws FreedMemoryError         when the arena of {@code s} is closed
     * @throws ForeignError             when {@code s} is confined to another thread
     */
    public static long strlenOptimized(MemorySegment s, long offset) {
        long maxlen = remaining(s, offset);
        long length = scan("strlen", s, offset, maxlen);
        if (length == maxlen) {
            throw new UnterminatedStringError("strlenOptimized: no NUL terminator in the " + maxlen + " bytes of s"
                    + " from offset=" + offset + " to its end (" + s.byteSize() + " bytes)"
                    + (s.byteSize() == 0 ? "; a pointer from C has size 0: give it its size with reinterpret" : ""),
                    "strlen");
        }
        return length;
    }

    /**
     * {@code size_t strnlen(const char *s + offset, size_t maxlen)}: text that may fill its buffer without a
     * terminator, as C's fixed-size fields do.
     *
     * @param s      text, native or heap
     * @param offset where the text starts
     * @param maxlen the most bytes to read; {@code offset + maxlen} at most the size of {@code s}
     * @return the number of bytes from {@code offset} to the first NUL, or {@code maxlen} when there is none
     *         before it
     * @throws NullPointerException when {@code s} is null
     * @throws MemoryRangeError     when {@code offset} or {@code maxlen} is negative, or their sum is past the end
     *                              of {@code s}
     * @throws FreedMemoryError     when the arena of {@code s} is closed
     * @throws ForeignError         when {@code s} is confined to another thread
     */
    public static long strnlenOptimized(MemorySegment s, long offset, long maxlen) {
        Arguments.requireRange("strnlen", "s", s, offset, maxlen);
        return scan("strnlen", s, offset, maxlen);
    }

    private static long remaining(MemorySegment s, long offset) {
        Objects.requireNonNull(s, "s");
        if (offset < 0 || offset > s.byteSize()) {
            throw new MemoryRangeError("strlenOptimized: offset=" + offset + " is not inside s ("
                    + s.byteSize() + " bytes)", "strlen");
        }
        return s.byteSize() - offset;
    }

    /** The length of the text at {@code offset}, at most {@code maxlen}: Java's scan first, then C's. */
    private static long scan(String function, MemorySegment s, long offset, long maxlen) {
        try {
            long prefix = Math.min(maxlen, STRLEN_JAVA_PREFIX);
            long zero = WordScan.indexOfZero(s, offset, offset + prefix);
            if (zero >= 0) {
                return zero - offset;
            }
            if (prefix == maxlen) {
                return maxlen;
            }
            return prefix + CriticalCalls.strnlen(s, offset + prefix, maxlen - prefix);
        } catch (IllegalStateException | WrongThreadException rejected) {
            throw Arguments.refused(function, rejected, S, s);
        }
    }

    // ---- memory ----------------------------------------------------------------------------------------

    /**
     * {@code void *memcpy(void *dst, const void *src, size_t n)}: the first {@code n} bytes of {@code src} to the
     * start of {@code dst}. The regions may overlap (see {@link #memmoveOptimized}).
     *
     * @param dst where to copy to, native or heap, writable
     * @param src where to copy from, native or heap
     * @param n   the number of bytes, within both
     * @return {@code dst}
     * @throws NullPointerException when {@code dst} or {@code src} is null
     * @throws MemoryRangeError     when {@code n} is negative or past the end of either
     * @throws ArgumentTypeError    when {@code dst} is read-only
     * @throws FreedMemoryError     when the arena of either is closed
     * @throws ForeignError         when either is confined to another thread
     */
    public static MemorySegment memcpyOptimized(MemorySegment dst, MemorySegment src, long n) {
        return copy("memcpy", dst, 0, src, 0, n);
    }

    /**
     * {@code memcpy(dst + dstOffset, src + srcOffset, n)}. The regions may overlap (see {@link #memmoveOptimized}).
     *
     * @param dst       where to copy to, native or heap, writable
     * @param dstOffset where in {@code dst}
     * @param src       where to copy from, native or heap
     * @param srcOffset where in {@code src}
     * @param n         the number of bytes, within both from their offsets
     * @return {@code dst}
     * @throws NullPointerException when {@code dst} or {@code src} is null
     * @throws MemoryRangeError     when an offset or {@code n} is negative, or a range ends past its segment
     * @throws ArgumentTypeError    when {@code dst} is read-only
     * @throws FreedMemoryError     when the arena of either is closed
     * @throws ForeignError         when either is confined to another thread
     */
    public static MemorySegment memcpyOptimized(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset,
                                                long n) {
        return copy("memcpy", dst, dstOffset, src, srcOffset, n);
    }

    /**
     * {@code void *memmove(void *dst, const void *src, size_t n)}: as {@link #memcpyOptimized(MemorySegment,
     * MemorySegment, long)}, which also copies overlapping regions as if through a temporary buffer; the name is
     * here for code that says which it means.
     *
     * @param dst where to copy to, native or heap, writable
     * @param src where to copy from, native or heap
     * @param n   the number of bytes, within both
     * @return {@code dst}
     * @throws NullPointerException when {@code dst} or {@code src} is null
     * @throws MemoryRangeError     when {@code n} is negative or past the end of either
     * @throws ArgumentTypeError    when {@code dst} is read-only
     * @throws FreedMemoryError     when the arena of either is closed
     * @throws ForeignError         when either is confined to another thread
     */
    public static MemorySegment memmoveOptimized(MemorySegment dst, MemorySegment src, long n) {
        return copy("memmove", dst, 0, src, 0, n);
    }

    /**
     * {@code memmove(dst + dstOffset, src + srcOffset, n)}.
     *
     * @param dst       where to copy to, native or heap, writable
     * @param dstOffset where in {@code dst}
     * @param src       where to copy from, native or heap
     * @param srcOffset where in {@code src}
     * @param n         the number of bytes, within both from their offsets
     * @return {@code dst}
     * @throws NullPointerException when {@code dst} or {@code src} is null
     * @throws MemoryRangeError     when an offset or {@code n} is negative, or a range ends past its segment
     * @throws ArgumentTypeError    when {@code dst} is read-only
     * @throws FreedMemoryError     when the arena of either is closed
     * @throws ForeignError         when either is confined to another thread
     */
    public static MemorySegment memmoveOptimized(MemorySegment dst, long dstOffset, MemorySegment src,
                                                 long srcOffset, long n) {
        return copy("memmove", dst, dstOffset, src, srcOffset, n);
    }

    private static MemorySegment copy(String function, MemorySegment dst, long dstOffset, MemorySegment src,
                                      long srcOffset, long n) {
        Arguments.requireRange(function, "dst", dst, dstOffset, n);
        Arguments.requireRange(function, "src", src, srcOffset, n);
        Arguments.requireWritable(function, "dst", 0, dst);
        try {
            if (n < COPY_C_FROM || !dst.isNative() || !src.isNative()) {
                MemorySegment.copy(src, srcOffset, dst, dstOffset, n);
            } else {
                CriticalCalls.memmove(dst, dstOffset, src, srcOffset, n);
            }
        } catch (IllegalStateException | WrongThreadException rejected) {
            throw Arguments.refused(function, rejected, DST_SRC, dst, src);
        }
        return dst;
    }

    /**
     * {@code void *memset(void *s, int c, size_t n)}: the first {@code n} bytes of {@code s} set to {@code c}.
     *
     * @param s the memory to fill, native or heap, writable
     * @param c the byte value, as C takes it (only its low 8 bits count)
     * @param n the number of bytes, within {@code s}
     * @return {@code s}
     * @throws NullPointerException when {@code s} is null
     * @throws MemoryRangeError     when {@code n} is negative or past the end of {@code s}
     * @throws ArgumentTypeError    when {@code s} is read-only
     * @throws FreedMemoryError     when the arena of {@code s} is closed
     * @throws ForeignError         when {@code s} is confined to another thread
     */
    public static MemorySegment memsetOptimized(MemorySegment s, int c, long n) {
        return memsetOptimized(s, 0, c, n);
    }

    /**
     * {@code memset(s + offset, c, n)}.
     *
     * @param s      the memory to fill, native or heap, writable
     * @param offset where in {@code s} to start
     * @param c      the byte value, as C takes it (only its low 8 bits count)
     * @param n      the number of bytes, within {@code s} from {@code offset}
     * @return {@code s}
     * @throws NullPointerException when {@code s} is null
     * @throws MemoryRangeError     when {@code offset} or {@code n} is negative, or the range ends past {@code s}
     * @throws ArgumentTypeError    when {@code s} is read-only
     * @throws FreedMemoryError     when the arena of {@code s} is closed
     * @throws ForeignError         when {@code s} is confined to another thread
     */
    public static MemorySegment memsetOptimized(MemorySegment s, long offset, int c, long n) {
        Arguments.requireRange("memset", "s", s, offset, n);
        Arguments.requireWritable("memset", "s", 0, s);
        try {
            if (n < FILL_C_FROM) {
                if (n > 0) {
                    s.asSlice(offset, n).fill((byte) c);
                }
            } else {
                CriticalCalls.memset(s, offset, c, n);
            }
        } catch (IllegalStateException | WrongThreadException rejected) {
            throw Arguments.refused("memset", rejected, S, s);
        }
        return s;
    }

    /**
     * {@code int memcmp(const void *a, const void *b, size_t n)}: the first {@code n} bytes of each, compared as
     * {@code unsigned char}.
     *
     * @param a memory, native or heap
     * @param b memory, native or heap
     * @param n the number of bytes, within both
     * @return -1, 0 or 1 as the first byte that differs is smaller in {@code a} (as {@code unsigned char}), there
     *         is none, or it is larger in {@code a}: C's sign, always normalised to these three values
     * @throws NullPointerException when {@code a} or {@code b} is null
     * @throws MemoryRangeError     when {@code n} is negative or past the end of either
     * @throws FreedMemoryError     when the arena of either is closed
     * @throws ForeignError         when either is confined to another thread
     */
    public static int memcmpOptimized(MemorySegment a, MemorySegment b, long n) {
        return memcmpOptimized(a, 0, b, 0, n);
    }

    /**
     * {@code memcmp(a + aOffset, b + bOffset, n)}.
     *
     * @param a       memory, native or heap
     * @param aOffset where in {@code a}
     * @param b       memory, native or heap
     * @param bOffset where in {@code b}
     * @param n       the number of bytes, within both from their offsets
     * @return -1, 0 or 1 as in {@link #memcmpOptimized(MemorySegment, MemorySegment, long)}
     * @throws NullPointerException when {@code a} or {@code b} is null
     * @throws MemoryRangeError     when an offset or {@code n} is negative, or a range ends past its segment
     * @throws FreedMemoryError     when the arena of either is closed
     * @throws ForeignError         when either is confined to another thread
     */
    public static int memcmpOptimized(MemorySegment a, long aOffset, MemorySegment b, long bOffset, long n) {
        Arguments.requireRange("memcmp", "a", a, aOffset, n);
        Arguments.requireRange("memcmp", "b", b, bOffset, n);
        try {
            if (n >= COMPARE_C_FROM) {
                return Integer.signum(CriticalCalls.memcmp(a, aOffset, b, bOffset, n));
            }
            long at = MemorySegment.mismatch(a, aOffset, aOffset + n, b, bOffset, bOffset + n);
            if (at < 0) {
                return 0;
            }
            return Integer.compare(Byte.toUnsignedInt(a.get(ValueLayout.JAVA_BYTE, aOffset + at)),
                    Byte.toUnsignedInt(b.get(ValueLayout.JAVA_BYTE, bOffset + at)));
        } catch (IllegalStateException | WrongThreadException rejected) {
            throw Arguments.refused("memcmp", rejected, A_B, a, b);
        }
    }

    // ---- allocation --------------------------------------------------------------------------------------

    /**
     * {@code void *malloc(size_t size)} by the shortest path to C's allocator: a {@code static final} handle, with
     * no arena, cleaner or registry in between, and no restricted call per allocation (the block is a slice of one
     * all-memory segment; this module needs native access for that, granted once).
     *
     * <p>What "optimized" does not mean here. The call is not critical: {@code malloc} may take a lock or enter
     * the kernel, which a critical call must not do. It is not pooled: a pool's block must go back with the lease
     * that holds it, and finding that lease from a bare segment in {@link #freeOptimized} would cost what pooling
     * saves; for reused blocks use {@code epsilon.foreign.memorypool.MemoryPool} and keep its lease. And, as in C,
     * a block freed twice or used after {@link #freeOptimized} is not detected (the segment has the global scope):
     * {@code Foreign.foreignAlloc} detects both. {@code OptimizedFunctionsBenchmark} sets a
     * {@code mallocOptimized} + {@code freeOptimized} pair against raw Panama and a confined arena.
     *
     * @param size the number of bytes, at least 1
     * @return {@code size} uninitialised bytes of native memory; give them back with {@link #freeOptimized}
     * @throws AllocationError when {@code size} is less than 1, or the system has no block that large (C's NULL,
     *                         never returned as a segment)
     */
    public static MemorySegment mallocOptimized(long size) {
        if (size < 1) {
            throw new AllocationError("mallocOptimized: size=" + size + " B: a block has at least 1 byte", null);
        }
        MemorySegment block = Allocator.malloc(size);
        if (block.address() == 0) {
            throw new AllocationError("mallocOptimized: the system refused a block of size=" + size + " B", null);
        }
        return block;
    }

    /**
     * {@code void free(void *ptr)}: gives back a block from {@link #mallocOptimized} (or from C's {@code malloc},
     * {@code calloc} or {@code realloc}). {@link MemorySegment#NULL}, or any segment at address 0, is allowed and
     * does nothing, as in C.
     *
     * @param block the block, as {@link #mallocOptimized} returned it
     * @throws NullPointerException when {@code block} is null
     * @throws ArgumentTypeError    when {@code block} is a heap segment (never C's to free) or read-only (C's free
     *                              writes its bookkeeping into the block)
     */
    public static void freeOptimized(MemorySegment block) {
        Objects.requireNonNull(block, "block");
        if (!block.isNative()) {
            throw new ArgumentTypeError("freeOptimized: block is a heap segment (" + block.byteSize()
                    + " bytes), which C never allocated", "free", 0);
        }
        Arguments.requireWritable("free", "block", 0, block);
        if (block.address() != 0) {
            Libc.free(block);
        }
    }
}
