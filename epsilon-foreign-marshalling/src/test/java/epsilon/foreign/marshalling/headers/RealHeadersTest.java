package epsilon.foreign.marshalling.headers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * zlib, SQLite and glibc headers read verbatim: every function they declare is a prototype the linker takes and
 * the library exports, their {@code #define} constants have the values the libraries themselves report, and the
 * attributes of glibc's declarations (nonnull, symbol renames) come through.
 */
class RealHeadersTest {
    private static final Linker LINKER = Linker.nativeLinker();
    /**
     * Functions sqlite3.h declares that a library exports only when built with a compile-time option (or on
     * Windows): Debian's libsqlite3 is built without them.
     */
    private static final Set<String> SQLITE_OPTIONAL = Set.of("sqlite3_win32_set_directory",
            "sqlite3_win32_set_directory8", "sqlite3_win32_set_directory16", "sqlite3_mutex_held",
            "sqlite3_mutex_notheld", "sqlite3_stmt_scanstatus", "sqlite3_stmt_scanstatus_reset",
            "sqlite3_snapshot_get", "sqlite3_snapshot_open", "sqlite3_snapshot_free", "sqlite3_snapshot_cmp",
            "sqlite3_snapshot_recover");

    private static SymbolLookup library(String name) {
        try {
            return SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException absent) {
            Assumptions.abort(name + " is not installed");
            return null;
        }
    }

    private static List<String> linkEvery(Map<String, CPrototype> functions, SymbolLookup library) {
        List<String> missing = new ArrayList<>();
        for (CPrototype prototype : functions.values()) {
            assertTrue(prototype.unsupported().isEmpty(), prototype + ": " + prototype.unsupported());
            LINKER.downcallHandle(prototype.descriptor()); // the linker takes every descriptor
            if (library.find(prototype.symbol()).isEmpty()) {
                missing.add(prototype.symbol());
            }
        }
        return missing;
    }

    @Test
    void shouldMakeEveryZlibFunctionACallablePrototype() throws Throwable {
        GccLayoutTest.Tools.assumeHeaders("zlib.h", "zconf.h");
        CHeader zlib = CHeader.include("zlib.h");
        Map<String, CPrototype> functions = zlib.functionsDeclaredIn("zlib.h");
        assertTrue(functions.size() >= 80, functions.keySet().toString());
        assertEquals(List.of(), linkEvery(functions, library("libz.so.1")));
        assertEquals("int deflate(z_streamp strm, int flush)", zlib.function("deflate").toString());
        assertEquals(CType.pointerTo(zlib.struct("z_stream")), zlib.type("z_streamp"));
        assertEquals("z_streamp", zlib.function("deflate").parameterTypes().getFirst().name());

        assertEquals(0, zlib.constant("Z_OK").intValue());
        assertEquals(9, zlib.constant("Z_BEST_COMPRESSION").intValue());
        assertEquals(-2, zlib.constant("Z_STREAM_ERROR").intValue());
        MethodHandle zlibVersion = LINKER.downcallHandle(library("libz.so.1").find("zlibVersion").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        String version = ((MemorySegment) zlibVersion.invokeExact()).reinterpret(64).getString(0);
        assertEquals(version, zlib.constant("ZLIB_VERSION").stringValue());
    }

    @Test
    void shouldMakeEverySqliteFunctionACallablePrototype() throws Throwable {
        GccLayoutTest.Tools.assumeHeaders("sqlite3.h");
        CHeader sqlite = CHeader.include("sqlite3.h");
        Map<String, CPrototype> functions = sqlite.functionsDeclaredIn("sqlite3.h");
        assertTrue(functions.size() >= 250, functions.keySet().toString());
        List<String> missing = linkEvery(functions, library("libsqlite3.so.0"));
        assertTrue(SQLITE_OPTIONAL.containsAll(missing), "not exported: " + missing);
        assertEquals("int sqlite3_open(char *filename, struct sqlite3 **ppDb)", sqlite.function("sqlite3_open").toString());

        assertEquals(0, sqlite.constant("SQLITE_OK").intValue());
        assertEquals(100, sqlite.constant("SQLITE_ROW").intValue());
        assertEquals(10 | (1 << 8), sqlite.constant("SQLITE_IOERR_READ").intValue());
        assertEquals(-1L, sqlite.constant("SQLITE_TRANSIENT").longValue());
        MethodHandle versionNumber = LINKER.downcallHandle(library("libsqlite3.so.0")
                .find("sqlite3_libversion_number").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
        assertEquals((int) versionNumber.invokeExact(), sqlite.constant("SQLITE_VERSION_NUMBER").intValue());
    }

    @Test
    void shouldGiveTheSameConstantsThroughTheSystemCpp() {
        Assumptions.assumeTrue(GccLayoutTest.Tools.available("cpp"), "cpp is not installed");
        GccLayoutTest.Tools.assumeHeaders("zlib.h", "sqlite3.h");
        CHeader builtIn = CHeader.include("zlib.h", "sqlite3.h");
        CHeader external = CHeader.options().externalPreprocessor("cpp").include("zlib.h", "sqlite3.h");
        for (String name : List.of("Z_OK", "Z_BEST_COMPRESSION", "ZLIB_VERSION", "SQLITE_OK", "SQLITE_ROW",
                "SQLITE_IOERR_READ", "SQLITE_VERSION")) {
            assertEquals(builtIn.constant(name), external.constant(name), name);
        }
        assertEquals(builtIn.functionsDeclaredIn("zlib.h").keySet(), external.functionsDeclaredIn("zlib.h").keySet());
    }

    @Test
    void shouldReadGlibcStructTmVerbatimWithOnlyOneBranchOfItsConditionals() {
        Path file = Path.of("/usr/include/x86_64-linux-gnu/bits/types/struct_tm.h");
        if (!Files.exists(file)) {
            file = Path.of("/usr/include/aarch64-linux-gnu/bits/types/struct_tm.h");
        }
        Assumptions.assumeTrue(Files.exists(file), "glibc's bits/types/struct_tm.h is not installed");
        StructType alone = CHeader.parseFile(file).struct("tm");
        StructType viaTimeH = CHeader.include("time.h").struct("tm"); // checked against gcc by GccLayoutTest
        assertEquals(viaTimeH.byteSize(), alone.byteSize());
        assertEquals(11, alone.fields().size());
        assertEquals(56, alone.byteSize()); // not 72: #ifdef __USE_MISC ... #else ... #endif keeps one branch
    }

    @Test
    void shouldKeepGlibcsNonnullAttributes() {
        GccLayoutTest.Tools.assumeHeaders("string.h", "stdlib.h");
        CHeader libc = CHeader.include("string.h", "stdlib.h");
        assertArrayEquals(new int[] {0}, libc.function("strlen").nonnullParameters());
        assertArrayEquals(new int[] {0, 1}, libc.function("strcmp").nonnullParameters());
        assertArrayEquals(new int[] {0, 1}, libc.function("memcpy").nonnullParameters());
        assertArrayEquals(new int[] {0}, libc.function("getenv").nonnullParameters());
        assertArrayEquals(new int[0], libc.function("free").nonnullParameters());
        assertArrayEquals(new int[] {0}, libc.function("strtol").nonnullParameters());
    }

    @Test
    void shouldFollowGlibcsSymbolRenames() {
        GccLayoutTest.Tools.assumeHeaders("stdio.h");
        assertEquals("fopen", CHeader.include("stdio.h").function("fopen").symbol());
        CHeader largeFiles = CHeader.options().define("_FILE_OFFSET_BITS", "64").include("stdio.h");
        assertEquals("fopen64", largeFiles.function("fopen").symbol());
        assertEquals("fopen", largeFiles.function("fopen").name());
    }
}
