package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.UnknownLibraryError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryTest {

    @Test
    void shouldOpenTheMathLibraryByItsShortNames() {
        Library libm = Foreign.libOpen("m");
        assertTrue(libm.loadedAs().contains("libm"), libm.loadedAs());
        assertTrue(libm.isOpen());
    }

    @Test
    void shouldOpenALibraryByFullPath() {
        Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(libm), "not a Debian x86-64 layout: " + libm);
        try (Library byPath = Foreign.libOpen(libm.toString())) {
            assertEquals(libm.toString(), byPath.loadedAs());
            assertFalse(byPath.function("cos").equals(java.lang.foreign.MemorySegment.NULL));
        }
    }

    @Test
    void shouldGiveTheSameAddressForTheSameSymbol() {
        Library libc = Foreign.libOpen("c");
        assertEquals(Foreign.libFunction(libc, "strlen").address(), libc.function("strlen").address());
    }

    @Test
    void shouldRejectAnUnknownSymbolInALibrary() {
        Library libc = Foreign.libOpen("c");
        UnknownSymbolError e = assertThrows(UnknownSymbolError.class, () -> libc.function("epsilon_nope"));
        assertTrue(e.getMessage().startsWith("symbol 'epsilon_nope' not found in library 'c'"), e.getMessage());
    }

    @Test
    void shouldRejectABlankLibraryName() {
        UnknownLibraryError e = assertThrows(UnknownLibraryError.class, () -> Foreign.libOpen(" "));
        assertTrue(e.getMessage().startsWith("library name is blank"), e.getMessage());
    }

    @Test
    void shouldRefuseCallsIntoAClosedLibraryInsteadOfCrashing() {
        Library libz = Foreign.libOpen("z");
        ForeignFunction zlibVersion = Foreign.defshared("const char *zlibVersion(void)", "z");
        assertTrue(((String) zlibVersion.invoke()).startsWith("1."));
        Foreign.libClose(libz);
        assertFalse(libz.isOpen());
        ClosedLibraryError e = assertThrows(ClosedLibraryError.class, zlibVersion::invoke);
        assertEquals("call to 'zlibVersion' in library 'z', which has been closed", e.getMessage());
        ClosedLibraryError lookup = assertThrows(ClosedLibraryError.class, () -> libz.function("zlibVersion"));
        assertEquals("lookup of 'zlibVersion' in library 'z', which has been closed", lookup.getMessage());
    }

    @Test
    void shouldRefuseExactCallsIntoAClosedLibraryInsteadOfCrashing() {
        // int(void) takes the generated exact path; a library the JVM does not keep is unmapped on close
        InstalledLibraries.assumeInstalled("sqlite3");
        Library sqlite = Foreign.libOpen("sqlite3");
        ForeignFunction version = Foreign.defshared("int sqlite3_libversion_number(void)", "sqlite3");
        assertTrue((Integer) version.invoke() >= 3_000_000);
        sqlite.close();
        ClosedLibraryError e = assertThrows(ClosedLibraryError.class, version::invoke);
        assertEquals("call to 'sqlite3_libversion_number' in library 'sqlite3', which has been closed",
                e.getMessage());
    }

    @Test
    void shouldReopenALibraryByNameAfterItWasClosed() {
        Library first = Foreign.libOpen("libz.so.1");
        first.close();
        first.close(); // closing twice is harmless
        Library second = Foreign.libOpen("libz.so.1");
        assertNotSame(first, second);
        assertTrue(second.isOpen());
        // A call by name means "the library by that name now": it resolves afresh.
        assertTrue(((String) Foreign.sharedCall("zlibVersion", "libz.so.1", CType.STRING, List.of())).startsWith("1."));
    }

    @Test
    void shouldRefuseCallsIntoAClosedLibraryTheJvmKeepsLoaded() {
        // libc is also the JVM's own: calls go through the JVM's address, guarded by an explicit open check.
        Library libc = Foreign.libOpen("libc.so.6");
        ForeignFunction labs = Foreign.defshared("long labs(long j)", "libc.so.6");
        assertEquals(4L, labs.invoke(-4L));
        libc.close();
        ClosedLibraryError e = assertThrows(ClosedLibraryError.class, () -> labs.invoke(-4L));
        assertEquals("call to 'labs' in library 'libc.so.6', which has been closed", e.getMessage());
    }

    @Test
    void shouldResolveAfreshInSharedCallFastAfterClose() {
        List<CType> oneLong = List.of(CType.LONG);
        assertEquals(6L, Foreign.sharedCallFast("labs", "libc.so.6", CType.LONG, oneLong, -6L));
        Foreign.libOpen("libc.so.6").close();
        assertEquals(6L, Foreign.sharedCallFast("labs", "libc.so.6", CType.LONG, oneLong, -6L));
    }
}
