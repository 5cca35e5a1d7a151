package epsilon.foreign.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CFunction;
import epsilon.foreign.Errno;
import epsilon.foreign.Library;
import epsilon.foreign.NativeType;
import epsilon.foreign.internal.LibraryRegistry;
import epsilon.foreign.internal.binding.InterfaceBinder;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.NullArgumentError;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What a bound method throws when a call goes wrong: each error type with the words that explain it. */
class CallFailuresTest {

    /** Functions that report failure through errno, and ones given bad arguments. */
    public interface Files {
        @Errno
        int open(String path, int flags);

        @Errno
        MemorySegment fopen(String path, String mode);

        int fclose(MemorySegment file);

        @Errno
        @NativeType("ssize_t")
        long read(int fd, MemorySegment buffer, @NativeType("size_t") long count);

        @NativeType("size_t")
        long strlen(MemorySegment text);

        @CFunction("strlen")
        @NativeType("size_t")
        long strlenOfString(String text);

        @NativeType("unsigned int")
        long sleep(@NativeType("unsigned int") long seconds);

        @NativeType("uint16_t")
        int htons(@NativeType("uint16_t") int value);

        @NativeType("pid_t")
        int getpid();
    }

    /** zlib: a library that is really unloaded when closed. */
    public interface Zlib {
        String zlibVersion();
    }

    private static final Files FILES = InterfaceBinder.bind(Files.class, LibraryRegistry.global().open("c"));

    @Test
    void shouldThrowErrnoErrorWhenOpenFails() {
        ErrnoError error = assertThrows(ErrnoError.class, () -> FILES.open("/epsilon/no/such/file", 0));
        assertEquals(2, error.errno(), "ENOENT");
        assertEquals("No such file or directory", error.description());
        assertEquals("open", error.functionName().orElseThrow());
        assertTrue(error.getMessage().contains("open failed: errno 2 (No such file or directory)"), error.getMessage());
    }

    @Test
    void shouldThrowErrnoErrorWhenAPointerFunctionReturnsNull() {
        ErrnoError error = assertThrows(ErrnoError.class, () -> FILES.fopen("/epsilon/no/such/file", "r"));
        assertEquals(2, error.errno());
        assertTrue(error.getMessage().contains("fopen failed"), error.getMessage());
    }

    @Test
    void shouldReturnNormallyWhenAnErrnoFunctionSucceeds() {
        MemorySegment file = FILES.fopen("/proc/self/status", "r");
        assertEquals(0, FILES.fclose(file));
        assertEquals(0, FILES.read(0, MemorySegment.NULL, 0), "reading 0 bytes succeeds with 0");
    }

    @Test
    void shouldReportABadFileDescriptorAsEbadf() {
        ErrnoError error = assertThrows(ErrnoError.class, () -> FILES.read(-1, MemorySegment.NULL, 0));
        assertEquals(9, error.errno(), "EBADF");
        assertEquals("Bad file descriptor", error.description());
    }

    @Test
    void shouldRefuseANullSegment() {
        NullArgumentError error = assertThrows(NullArgumentError.class, () -> FILES.strlen(null));
        assertEquals("argument 0 of strlen: null for a parameter of C type void * that strlen declares nonnull (C"
                + " would dereference it)", error.getMessage()); // glibc's nonnull, from the known prototypes
        assertEquals(0, error.index());
    }

    @Test
    void shouldRefuseAFreedSegment() {
        MemorySegment text;
        try (Arena arena = Arena.ofConfined()) {
            text = arena.allocateFrom("gone");
        }
        FreedMemoryError error = assertThrows(FreedMemoryError.class, () -> FILES.strlen(text));
        assertTrue(error.getMessage().contains("parameter 0") && error.getMessage().contains("freed"),
                error.getMessage());
    }

    @Test
    void shouldRefuseAHeapSegmentForANonCriticalFunction() {
        ArgumentTypeError error = assertThrows(ArgumentTypeError.class,
                () -> FILES.strlen(MemorySegment.ofArray(new byte[] {'a', 0})));
        assertTrue(error.getMessage().contains("Files.strlen(MemorySegment): the linker refused an argument"),
                error.getMessage());
    }

    @Test
    void shouldRefuseMemoryConfinedToAnotherThread() throws InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("mine");
            AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    FILES.strlen(text);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            other.start();
            other.join();
            ForeignError error = assertInstanceOf(ForeignError.class, thrown.get());
            assertTrue(error.getMessage().contains("Files.strlen(MemorySegment): an argument is memory confined to"
                    + " another thread"), error.getMessage());
        }
    }

    @Test
    void shouldRefuseAStringWithANulCharacter() {
        ConversionError error = assertThrows(ConversionError.class, () -> FILES.strlenOfString("a\0b"));
        assertTrue(error.getMessage().contains("Files.strlenOfString(String): parameter 0 as char *"),
                error.getMessage());
        assertTrue(error.getMessage().contains("NUL character at index 1"), error.getMessage());
    }

    @Test
    void shouldRefuseAnUnsignedArgumentOutOfRange() {
        ConversionError error = assertThrows(ConversionError.class, () -> FILES.sleep(1L << 32));
        assertEquals("argument 0 of sleep: 4294967296 does not fit C type unsigned int (range 0..4294967295)",
                error.getMessage()); // the same words as every other call level
        assertEquals("sleep", error.functionName().orElseThrow());
        assertThrows(ConversionError.class, () -> FILES.sleep(-1));
        ConversionError shortError = assertThrows(ConversionError.class, () -> FILES.htons(65536));
        assertTrue(shortError.getMessage().contains("65536 does not fit C type uint16_t (range 0..65535)"),
                shortError.getMessage());
        assertEquals(0, FILES.sleep(0));
    }

    @Test
    void shouldRefuseCallsAfterTheLibraryIsClosed() {
        Library zlib = LibraryRegistry.global().open("libz.so.1");
        Zlib bound = InterfaceBinder.bind(Zlib.class, zlib);
        assertTrue(bound.zlibVersion().startsWith("1."), bound.zlibVersion());
        zlib.close();
        ClosedLibraryError error = assertThrows(ClosedLibraryError.class, bound::zlibVersion);
        assertTrue(error.getMessage().contains("Zlib.zlibVersion()"), error.getMessage());
        assertTrue(error.getMessage().contains("has been closed"), error.getMessage());
        assertEquals("zlibVersion", error.functionName().orElseThrow());
    }

    @Test
    void shouldRefuseCallsAfterTheCLibraryIsClosedToo() {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        Assumptions.assumeTrue(java.nio.file.Files.exists(libc), "not a Debian x86-64 layout: " + libc);
        // By path: its own Library, so closing it leaves the shared "c" of the other tests open.
        Library ownLibc = LibraryRegistry.global().open(libc.toString());
        Files bound = InterfaceBinder.bind(Files.class, ownLibc);
        assertEquals((int) ProcessHandle.current().pid(), bound.getpid());
        ownLibc.close();
        ClosedLibraryError error = assertThrows(ClosedLibraryError.class, bound::getpid);
        assertTrue(error.getMessage().contains("Files.getpid()") && error.getMessage().contains("closed"),
                error.getMessage());
        assertThrows(ClosedLibraryError.class, () -> bound.strlenOfString("x"));
        assertThrows(ClosedLibraryError.class, () -> bound.strlen(MemorySegment.NULL));
    }
}
