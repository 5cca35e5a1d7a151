package epsilon.foreign.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryNamesTest {
    private final LibraryNames linux = new LibraryNames(Platform.LINUX, List.of());

    @Test
    void shouldCanonicaliseShortNames() {
        assertEquals("m", linux.canonical("m"));
        assertEquals("m", linux.canonical("libm"));
        assertEquals("m", linux.canonical("libm.so"));
        assertEquals("c", linux.canonical("libc"));
        assertEquals("libm.so.6", linux.canonical("libm.so.6"));
        assertEquals("/opt/x/libfoo.so", linux.canonical("/opt/x/libfoo.so"));
    }

    @Test
    void shouldTryTheSonameFirstOnLinux() {
        assertEquals("libc.so.6", linux.candidates("libc").get(0));
        assertEquals("libm.so.6", linux.candidates("m").get(0));
        assertEquals("libpthread.so.0", linux.candidates("libpthread").get(0));
        assertEquals("libssl.so.3", linux.candidates("ssl").get(0));
    }

    @Test
    void shouldUseMacAndWindowsNamingRules() {
        LibraryNames mac = new LibraryNames(Platform.MACOS, List.of());
        assertEquals("libSystem.B.dylib", mac.candidates("libc").get(0));
        assertTrue(mac.candidates("foo").contains("libfoo.dylib"));
        LibraryNames windows = new LibraryNames(Platform.WINDOWS, List.of());
        assertEquals("ucrtbase.dll", windows.candidates("c").get(0));
        assertTrue(windows.candidates("foo").contains("foo.dll"));
    }

    @Test
    void shouldPreferTheHighestVersionFoundInSearchDirectories(@TempDir Path dir) throws Exception {
        for (String name : List.of("libfoo.so.1", "libfoo.so.2.1", "libfoo.so.10", "libfoo.so.x")) {
            Files.createFile(dir.resolve(name));
        }
        List<String> candidates = new LibraryNames(Platform.LINUX, List.of(dir)).candidates("foo");
        assertEquals(List.of(dir.resolve("libfoo.so.10").toString(), dir.resolve("libfoo.so.2.1").toString(),
                dir.resolve("libfoo.so.1").toString(), "libfoo.so", "foo"), candidates);
    }

    @Test
    void shouldTryTheWellKnownNamesBeforeScanningAnyDirectory(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("libc.so.7"));
        LibraryNames names = new LibraryNames(Platform.LINUX, List.of(dir));
        assertEquals(List.of("libc.so.6"), names.wellKnownCandidates("libc"));
        assertEquals(List.of(), names.wellKnownCandidates("foo"), "no well-known name: the full list decides");
        assertEquals(List.of("/x/liby.so"), names.wellKnownCandidates("/x/liby.so"));
        assertEquals(List.of("libc.so.6", dir.resolve("libc.so.7").toString(), "libc.so", "libc"),
                names.candidates("libc"));
    }

    @Test
    void shouldPassPathsAndVersionedNamesThrough() {
        assertEquals(List.of("/x/liby.so"), linux.candidates("/x/liby.so"));
        assertEquals(List.of("libz.so.1"), linux.candidates("libz.so.1"));
    }

    @Test
    void shouldDetectThePlatformFromOsName() {
        assertEquals(Platform.LINUX, Platform.detect("Linux"));
        assertEquals(Platform.MACOS, Platform.detect("Mac OS X"));
        assertEquals(Platform.WINDOWS, Platform.detect("Windows 11"));
        assertEquals(Platform.UNIX, Platform.detect("FreeBSD"));
    }
}
