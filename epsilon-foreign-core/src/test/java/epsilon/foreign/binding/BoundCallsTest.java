package epsilon.foreign.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CFunction;
import epsilon.foreign.Critical;
import epsilon.foreign.Encoding;
import epsilon.foreign.Foreign;
import epsilon.foreign.NativeType;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.Variadic;
import epsilon.foreign.internal.LibraryRegistry;
import epsilon.foreign.internal.binding.InterfaceBinder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Bound interfaces calling the real C and math libraries; run once per binding mode (see the core pom). */
class BoundCallsTest {

    /** The C library functions the tests call, declared the way a user would. */
    public interface Libc {
        @NativeType("size_t")
        long strlen(String text);

        @CFunction("strlen")
        @NativeType("size_t")
        long strlenOf(@NativeType("const char *") MemorySegment text);

        @NativeType("long")
        long labs(@NativeType("long") long value);

        int abs(int value);

        @NativeType("pid_t")
        int getpid();

        int toupper(int c);

        @NativeType("long")
        long strtol(String text, @NativeType("char **") MemorySegment end, int base);

        String getenv(String name);

        String setlocale(int category, String locale);

        @NativeType("uint16_t")
        int htons(@NativeType("uint16_t") int value);

        @CFunction("htons")
        char htonsOfChar(char value);

        @CFunction("htons")
        short htonsBits(@NativeType("unsigned short") short value);

        @NativeType("size_t")
        long wcslen(@Encoding("UTF-32LE") String text);

        @CFunction("wcslen")
        @NativeType("size_t")
        long wcslenOfWideString(@NativeType("const wchar_t *") String text);

        @Variadic(fixed = 3)
        int snprintf(MemorySegment buffer, @NativeType("size_t") long size, String format, int number, String text,
                     float fraction);

        @CFunction("snprintf")
        @Variadic(fixed = 3)
        int snprintfChars(MemorySegment buffer, @NativeType("size_t") long size, String format, byte signed,
                          @NativeType("unsigned char") byte unsigned, char character);

        @CFunction("strerror")
        String strerror(int errno);

        /** A default method: left to the interface, and free to call the bound ones. */
        default String shout(String text) {
            StringBuilder upper = new StringBuilder();
            text.chars().forEach(c -> upper.append((char) toupper(c)));
            return upper.toString();
        }
    }

    /** Functions that write into Java arrays. */
    public interface Arrays {
        @CFunction("time")
        long timeInto(@NativeType("time_t *") long[] out);

        @Critical(heapAccess = true)
        MemorySegment memset(byte[] bytes, int value, @NativeType("size_t") long count);

        @Critical(heapAccess = true)
        @CFunction("memcpy")
        MemorySegment memcpyInPlace(int[] destination, @NativeType("const void *") MemorySegment source,
                                    @NativeType("size_t") long count);

        @CFunction("memcpy")
        MemorySegment memcpyCopied(int[] destination, @NativeType("const int *") int[] source,
                                   @NativeType("size_t") long count);

        @Critical
        @CFunction("memcpy")
        MemorySegment memcpyCriticalCopied(double[] destination, @NativeType("const double *") double[] source,
                                           @NativeType("size_t") long count);

        @CFunction("memset")
        MemorySegment memsetConstCopy(@NativeType("const char *") byte[] bytes, int value,
                                      @NativeType("size_t") long count);
    }

    /** The math library, bound separately. */
    public interface Libm {
        double cos(double x);

        float fabsf(float x);
    }

    /** An interface inheriting the same method from two superinterfaces. */
    public interface Lengths extends Counting, MoreCounting {
    }

    /** One parent of {@link Lengths}. */
    public interface Counting {
        @NativeType("size_t")
        long strlen(String text);
    }

    /** The other parent of {@link Lengths}. */
    public interface MoreCounting {
        @NativeType("size_t")
        long strlen(String text);
    }

    private static final Libc LIBC = Foreign.bind(Libc.class, "c");
    private static final Libm LIBM = Foreign.bind(Libm.class, "m");

    @Test
    void shouldCallStrlenWithAJavaString() {
        assertEquals(5, LIBC.strlen("hello"));
        assertEquals(0, LIBC.strlen(""));
        assertEquals(6, LIBC.strlen("héllo"), "UTF-8 by default: é is two bytes");
    }

    @Test
    void shouldCallStrlenWithASegment() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(11, LIBC.strlenOf(arena.allocateFrom("hello world")));
        }
    }

    @Test
    void shouldCallScalarFunctions() {
        assertEquals(42L, LIBC.labs(-42L));
        assertEquals(7, LIBC.abs(-7));
        assertEquals((int) ProcessHandle.current().pid(), LIBC.getpid());
        assertEquals('A', LIBC.toupper('a'));
        assertEquals(1.0, LIBM.cos(0.0));
        assertEquals(-1.0, LIBM.cos(Math.PI), 1e-15);
        assertEquals(2.5f, LIBM.fabsf(-2.5f));
    }

    @Test
    void shouldPassAnOutPointerToStrtol() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment end = arena.allocate(ValueLayout.ADDRESS);
            assertEquals(255, LIBC.strtol("ff rest", end, 16));
            // end points into the call's temporary copy of the string, three bytes after its start: " rest"
            MemorySegment rest = end.get(ValueLayout.ADDRESS, 0).reinterpret(8);
            assertEquals(" rest", rest.getString(0));
        }
    }

    @Test
    void shouldReturnStringsAndNullForCsNull() {
        assertNotNull(LIBC.getenv("PATH"));
        assertNull(LIBC.getenv("EPSILON_NO_SUCH_VARIABLE_42"));
        int lcAll = 6;  // glibc's LC_ALL
        String locale = LIBC.setlocale(lcAll, null);    // a null String is C's NULL: setlocale only queries
        assertNotNull(locale);
        assertEquals(locale, LIBC.setlocale(lcAll, null));
        assertEquals("No such file or directory", LIBC.strerror(2));
    }

    @Test
    void shouldConvertUnsignedShortsBothWays() {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        assertEquals(little ? 0xFEFF : 0xFFFE, LIBC.htons(0xFFFE), "zero-extended, not a negative short");
        assertEquals(little ? (char) 0x3412 : (char) 0x1234, LIBC.htonsOfChar((char) 0x1234));
        assertEquals(little ? (short) 0xFEFF : (short) 0xFFFE, LIBC.htonsBits((short) 0xFFFE), "raw bits");
    }

    @Test
    void shouldEncodeWideStrings() {
        assertEquals(5, LIBC.wcslen("héllo"), "UTF-32: one wchar_t per character");
        assertEquals(2, LIBC.wcslen("\uD83D\uDE00!"), "a surrogate pair is one UTF-32 code point");
        assertEquals(5, LIBC.wcslenOfWideString("héllo"), "wchar_t * is UTF-32 text without @Encoding");
    }

    @Test
    void shouldCallAVariadicFunctionWithPromotedArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            int written = LIBC.snprintf(buffer, 64, "%d %s %.2f", 42, "apples", 1.5f);
            assertEquals("42 apples 1.50", buffer.getString(0));
            assertEquals(14, written);
            LIBC.snprintfChars(buffer, 64, "%d %d %c", (byte) -1, (byte) 0xFF, 'x');
            assertEquals("-1 255 x", buffer.getString(0), "signed bytes sign-extend, unsigned ones zero-extend");
        }
    }

    @Test
    void shouldKeepDefaultMethods() {
        assertEquals("HELLO", LIBC.shout("hello"));
    }

    @Test
    void shouldDescribeTheBinding() {
        assertTrue(LIBC.toString().startsWith("Libc bound to c (libc.so.6)"), LIBC.toString());
        assertEquals(LIBC, LIBC);
        assertEquals(System.identityHashCode(LIBC), LIBC.hashCode());
    }

    @Test
    void shouldImplementAMethodInheritedTwiceOnce() {
        Lengths lengths = InterfaceBinder.bind(Lengths.class, LibraryRegistry.global().open("c"));
        assertEquals(3, lengths.strlen("abc"));
    }

    @Test
    void shouldLetCWriteIntoAJavaArrayInPlace() {
        Arrays arrays = InterfaceBinder.bind(Arrays.class, LibraryRegistry.global().open("c"));
        byte[] bytes = new byte[6];
        arrays.memset(bytes, 'x', 4);
        assertArrayEquals(new byte[] {'x', 'x', 'x', 'x', 0, 0}, bytes);
        int[] ints = new int[3];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(ValueLayout.JAVA_INT, 7, 8, 9);
            arrays.memcpyInPlace(ints, source, source.byteSize());
        }
        assertArrayEquals(new int[] {7, 8, 9}, ints);
    }

    @Test
    void shouldCopyArraysInAndBackWithoutHeapAccess() {
        Arrays arrays = InterfaceBinder.bind(Arrays.class, LibraryRegistry.global().open("c"));
        int[] destination = new int[4];
        int[] source = {1, 2, 3, 4};
        arrays.memcpyCopied(destination, source, 3L * Integer.BYTES);
        assertArrayEquals(new int[] {1, 2, 3, 0}, destination, "C's writes are copied back");
        double[] doubles = new double[2];
        arrays.memcpyCriticalCopied(doubles, new double[] {0.5, 2.0}, 2L * Double.BYTES);
        assertArrayEquals(new double[] {0.5, 2.0}, doubles);
    }

    @Test
    void shouldNotCopyBackAConstArray() {
        Arrays arrays = InterfaceBinder.bind(Arrays.class, LibraryRegistry.global().open("c"));
        byte[] bytes = {1, 2, 3};
        arrays.memsetConstCopy(bytes, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, bytes, "declared const: C's writes to the copy stay there");
    }

    @Test
    void shouldPassANullArrayAsCsNull() {
        Arrays arrays = InterfaceBinder.bind(Arrays.class, LibraryRegistry.global().open("c"));
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(arrays.timeInto(null) - now) < 5, "time(NULL) only returns the time");
        NullArgumentError nonnull = assertThrows(NullArgumentError.class, () -> arrays.memcpyCopied(null, null, 0));
        assertEquals("argument 0 of memcpy: null for a parameter of C type void * that memcpy declares nonnull (C"
                + " would dereference it)", nonnull.getMessage());
    }
}
