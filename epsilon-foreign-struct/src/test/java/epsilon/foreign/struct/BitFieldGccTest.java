package epsilon.foreign.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import epsilon.foreign.marshalling.CHeader;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bit-fields written through views against the C compiler: gcc sets the fields of each bit-field struct and prints
 * its bytes, this test sets the same values through a {@link StructView} and compares the bytes and what reads back.
 * (Sizes and offsets of every layout are the marshalling module's, checked against gcc there.)
 */
class BitFieldGccTest {
    static final String HEADER = """
            #include <stddef.h>
            struct tm {
                int tm_sec;            /* Seconds. [0-60] (1 leap second) */
                int tm_min;
                int tm_hour;
                int tm_mday;
                int tm_mon;
                int tm_year;
                int tm_wday;
                int tm_yday;
                int tm_isdst;
                long int tm_gmtoff;    /* Seconds east of UTC.  */
                const char *tm_zone;   /* Timezone abbreviation.  */
            };
            struct timeval { __time_t tv_sec; __suseconds_t tv_usec; };
            struct timespec { __time_t tv_sec; __syscall_slong_t tv_nsec; };
            struct mixed { char c; double d; short s; char tail[3]; };
            struct packed_one { char c; int i; short s; } __attribute__((packed));
            struct aligned_one { char c; int i __attribute__((aligned(16))); char end; };
            struct over_aligned { char c; } __attribute__((aligned(8)));
            struct bits { unsigned int a : 3; int b : 5; unsigned int c : 30; unsigned char d : 4; long e : 40; };
            struct zero_width { char a : 3; int : 0; char b : 2; };
            struct packed_bits { unsigned char a : 7; unsigned long long b : 40; } __attribute__((packed));
            union value { int i; double d; char bytes[12]; };
            struct outer {
                int kind;
                union { int i; float f; };
                struct { short x, y; } pos;
                struct { char tag; long id; };
                int grid[2][3];
            };
            """;

    private static Path compiled;
    private static boolean gccAvailable;

    @BeforeAll
    static void compileWithGcc(@TempDir Path dir) throws Exception {
        try {
            gccAvailable = new ProcessBuilder("gcc", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (java.io.IOException absent) {
            gccAvailable = false;
        }
        if (!gccAvailable) {
            return;
        }
        StringBuilder c = new StringBuilder(HEADER.replace("__time_t", "long").replace("__suseconds_t", "long")
                .replace("__syscall_slong_t", "long")).append("#include <stdio.h>\n#include <string.h>\n");
        c.append("static void dump(const char *name, const void *p, size_t n) { printf(\"bytes %s \", name);"
                + " for (size_t i = 0; i < n; i++) printf(\"%02x\", ((const unsigned char *) p)[i]); printf(\"\\n\"); }\n");
        c.append("int main(void) {\n");
        c.append("  { struct bits v; memset(&v, 0, sizeof v); v.a = 5; v.b = -7; v.c = 123456789; v.d = 9;"
                + " v.e = -123456789012L; dump(\"bits\", &v, sizeof v); }\n");
        c.append("  { struct zero_width v; memset(&v, 0, sizeof v); v.a = -2; v.b = 1; dump(\"zero_width\", &v,"
                + " sizeof v); }\n");
        c.append("  { struct packed_bits v; memset(&v, 0, sizeof v); v.a = 100; v.b = 0xABCDEF1234ULL;"
                + " dump(\"packed_bits\", &v, sizeof v); }\n");
        c.append("  return 0;\n}\n");
        Path source = dir.resolve("layouts.c");
        Files.writeString(source, c);
        compiled = dir.resolve("layouts");
        Process gcc = new ProcessBuilder("gcc", "-std=c11", "-o", compiled.toString(), source.toString())
                .redirectErrorStream(true).start();
        String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), errors);
    }

    private static List<String> runCompiled() throws Exception {
        Process run = new ProcessBuilder(compiled.toString()).start();
        List<String> lines = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, run.waitFor());
        return lines;
    }

    @Test
    void shouldLayBitFieldsOutAsGccDoes() throws Exception {
        Assumptions.assumeTrue(gccAvailable, "gcc not found on PATH: bit-fields not cross-checked");
        CHeader header = CHeader.parse(HEADER);
        Map<String, String> gccBytes = new LinkedHashMap<>();
        for (String line : runCompiled()) {
            if (line.startsWith("bytes ")) {
                String[] parts = line.split(" ");
                gccBytes.put(parts[1], parts[2]);
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            StructView bits = StructView.allocate(header.struct("bits"), arena)
                    .set("a", 5).set("b", -7).set("c", 123456789).set("d", 9).set("e", -123456789012L);
            assertEquals(gccBytes.get("bits"), HexFormat.of().formatHex(bits.toBytes()));
            assertEquals(-7, bits.get("b"));
            assertEquals(-123456789012L, bits.get("e"));
            assertEquals(123456789L, bits.get("c"));
            StructView zero = StructView.allocate(header.struct("zero_width"), arena).set("a", -2).set("b", 1);
            assertEquals(gccBytes.get("zero_width"), HexFormat.of().formatHex(zero.toBytes()));
            StructView packed = StructView.allocate(header.struct("packed_bits"), arena).set("a", 100).set("b", 0xABCDEF1234L);
            assertEquals(gccBytes.get("packed_bits"), HexFormat.of().formatHex(packed.toBytes()));
            assertEquals(0xABCDEF1234L, packed.get("b"));
        }
    }
}
