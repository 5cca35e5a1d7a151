package epsilon.foreign.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The calls that would crash the JVM if a check of {@link Libc} were missing, run in a child JVM so that a crash
 * fails this test instead of killing the test run. Each segment ends exactly where a page the process may not
 * touch begins (or lies in a page it may only read), so that one byte read or written past it is a SIGSEGV in C,
 * not a silent overrun: the child must refuse every call with the expected message and exit normally.
 */
class LibcCrashGuardTest {

    /** What the child prints for each call, in order, after {@code refused <case>: }. */
    private static final List<String> EXPECTED = List.of(
            "strlen of 8 letters before a guard page: strlen: no NUL terminator within the 8 bytes of segment s",
            "strcmp of two equal unterminated texts before guard pages: strcmp: no NUL terminator within the 8 bytes"
                    + " of segment a, and the other matches them all: comparing on would read past its end (a: 8 bytes,"
                    + " b: 8 bytes)",
            "strncmp(a, b, 1 MiB) of the same: strncmp: n=1048576 is past the end of a, and a and b match on all its 8"
                    + " bytes with no NUL terminator: comparing on would read past it (a: 8 bytes, b: 8 bytes)",
            "memcmp 1 MiB: memcmp: n=1048576 is past the end of a (8 bytes)",
            "memchr 1 MiB: memchr: n=1048576 is past the end of s (8 bytes)",
            "memcpy 1 MiB into 8 bytes: memcpy: n=1048576 is past the end of dst (8 bytes)",
            "memset 1 MiB: memset: n=1048576 is past the end of s (8 bytes)",
            "memset a read-only page: memset: s is a read-only segment (4096 bytes), and C would write into it",
            "memcpy into a read-only page: memcpy: dst is a read-only segment (4096 bytes), and C would write into it",
            "memmove into a read-only page: memmove: dst is a read-only segment (4096 bytes), and C would write into"
                    + " it",
            "strlen(NULL): strlen: s is NULL",
            "memcpy(NULL, src, 8): memcpy: dst is NULL",
            "strcmp(a, NULL): strcmp: b is NULL",
            "strnlen(new byte[0], 1 GiB): strnlen: maxlen=1073741824 is past the end of s (0 bytes)",
            "memcmp(new byte[0], new byte[0], 1 GiB): memcmp: n=1073741824 is past the end of a (0 bytes)",
            "free(a heap segment): free: ptr is a heap segment (16 bytes), and C takes native memory only");

    @Test
    void shouldRefuseEveryCrashingCallInAChildJvmThatThenExitsNormally() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // a crash report goes to the temporary directory, not into the work tree, and no core is dumped
        String crashReport = System.getProperty("java.io.tmpdir") + "/epsilon-inline-crash-guard-%p.log";
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-XX:ErrorFile=" + crashReport, "-XX:-CreateCoredumpOnCrash",
                "-cp", System.getProperty("java.class.path"), Cases.class.getName())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                child.getInputStream().transferTo(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        reader.join(10_000);
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(finished, "the child hung: " + printed);
        assertEquals(0, child.exitValue(), "the child did not exit normally:\n" + printed);
        StringBuilder expected = new StringBuilder();
        for (String line : EXPECTED) {
            expected.append("refused ").append(line).append('\n');
        }
        expected.append("all ").append(EXPECTED.size()).append(" refused\n");
        assertEquals(expected.toString(), printed);
    }

    /** The child: each call must throw InlineCallException; anything else exits with status 1. */
    public static final class Cases {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final int PROT_NONE = 0;
        private static final int PROT_READ = 1;
        private static final int PROT_WRITE = 2;
        private static final int MAP_PRIVATE = 0x02;
        private static final int MAP_ANONYMOUS = 0x20;
        private static final long PAGE = 4096;
        private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        private static final MethodHandle MPROTECT = LINKER.downcallHandle(
                LINKER.defaultLookup().find("mprotect").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT));
        private static int refused;

        private Cases() {}

        /** {@code pages} fresh pages, readable and writable, straight from the kernel. */
        private static MemorySegment map(long pages) throws Throwable {
            MemorySegment at = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, pages * PAGE,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            if (at.address() == -1L) {
                throw new IllegalStateException("mmap failed");
            }
            return at.reinterpret(pages * PAGE);
        }

        private static void protect(MemorySegment pages, int protection) throws Throwable {
            if ((int) MPROTECT.invokeExact(pages, pages.byteSize(), protection) != 0) {
                throw new IllegalStateException("mprotect failed");
            }
        }

        /** {@code text} as the last bytes before a page that may not be touched, without a NUL. */
        private static MemorySegment beforeGuard(String text) throws Throwable {
            MemorySegment pages = map(2);
            protect(pages.asSlice(PAGE, PAGE), PROT_NONE);
            MemorySegment segment = pages.asSlice(PAGE - text.length(), text.length());
            MemorySegment.copy(text.getBytes(StandardCharsets.US_ASCII), 0, segment, ValueLayout.JAVA_BYTE, 0,
                    text.length());
            return segment;
        }

        private static void refuse(String name, Runnable call) {
            try {
                call.run();
            } catch (InlineCallException expected) {
                System.out.println("refused " + name + ": " + expected.getMessage());
                refused++;
                return;
            }
            System.out.println("NOT refused: " + name);
            System.exit(1);
        }

        public static void main(String[] args) throws Throwable {
            MemorySegment a = beforeGuard("abcdefgh");
            MemorySegment b = beforeGuard("abcdefgh");
            long mib = 1 << 20;
            refuse("strlen of 8 letters before a guard page", () -> Libc.strlen(a));
            refuse("strcmp of two equal unterminated texts before guard pages", () -> Libc.strcmp(a, b));
            refuse("strncmp(a, b, 1 MiB) of the same", () -> Libc.strncmp(a, b, mib));
            refuse("memcmp 1 MiB", () -> Libc.memcmp(a, b, mib));
            refuse("memchr 1 MiB", () -> Libc.memchr(a, 'z', mib));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment large = arena.allocate(mib);
                refuse("memcpy 1 MiB into 8 bytes", () -> Libc.memcpy(a, large, mib));
                refuse("memset 1 MiB", () -> Libc.memset(a, 0, mib));
                MemorySegment page = map(1);
                page.setString(0, "read only");
                protect(page, PROT_READ);
                MemorySegment readOnly = page.asReadOnly();
                refuse("memset a read-only page", () -> Libc.memset(readOnly, 0, 16));
                refuse("memcpy into a read-only page", () -> Libc.memcpy(readOnly, large, 16));
                refuse("memmove into a read-only page", () -> Libc.memmove(readOnly, large, 16));
                refuse("strlen(NULL)", () -> Libc.strlen(MemorySegment.NULL));
                refuse("memcpy(NULL, src, 8)", () -> Libc.memcpy(MemorySegment.NULL, large, 8));
                refuse("strcmp(a, NULL)", () -> Libc.strcmp(a, MemorySegment.NULL));
            }
            refuse("strnlen(new byte[0], 1 GiB)", () -> Libc.strnlen(new byte[0], 1 << 30));
            refuse("memcmp(new byte[0], new byte[0], 1 GiB)", () -> Libc.memcmp(new byte[0], new byte[0], 1 << 30));
            refuse("free(a heap segment)", () -> Libc.free(MemorySegment.ofArray(new byte[16])));
            System.out.println("all " + refused + " refused");
        }
    }
}
