package epsilon.foreign.marshalling.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real headers, read verbatim by the built-in preprocessor and parser, against the C compiler: for every complete
 * struct and union the headers declare, gcc compiles a program that prints {@code sizeof}, {@code _Alignof}, the
 * {@code offsetof} of every field and the bit position and width of every bit-field, and each must equal what
 * {@link CHeader} computed. The same headers read through the system's {@code cpp} must give the same layouts.
 */
class GccLayoutTest {
    private static final boolean GCC = Tools.available("gcc");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"time.h sys/stat.h netinet/in.h sys/utsname.h sys/resource.h", "zlib.h", "sqlite3.h",
            "stdio.h stdlib.h signal.h pthread.h fcntl.h dirent.h"})
    void shouldLayOutEveryStructAsGccDoes(String headers, @TempDir Path work) throws Exception {
        Assumptions.assumeTrue(GCC, "gcc is not installed: layouts not cross-checked");
        String[] names = headers.split(" ");
        Tools.assumeHeaders(names);
        CHeader header = CHeader.include(names);
        Map<String, StructType> structs = namedStructs(header);
        assertTrue(structs.size() >= 1, "no struct found in " + headers);
        List<String> expected = Tools.runC(work, program(names, structs));
        assertSameLines(expected, describe(structs));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"time.h sys/stat.h netinet/in.h sys/utsname.h sys/resource.h", "zlib.h", "sqlite3.h"})
    void shouldGiveTheSameLayoutsThroughTheSystemCpp(String headers) {
        Assumptions.assumeTrue(Tools.available("cpp"), "cpp is not installed: nothing to compare the built-in with");
        String[] names = headers.split(" ");
        Tools.assumeHeaders(names);
        Map<String, StructType> builtIn = namedStructs(CHeader.include(names));
        Map<String, StructType> external = namedStructs(CHeader.options().externalPreprocessor("cpp").include(names));
        Map<String, StructType> common = new LinkedHashMap<>();
        builtIn.forEach((name, struct) -> {
            if (external.containsKey(name)) {
                common.put(name, struct);
            }
        });
        Map<String, StructType> theirs = new LinkedHashMap<>();
        common.keySet().forEach(name -> theirs.put(name, external.get(name)));
        assertTrue(common.size() >= builtIn.size() * 9 / 10, "cpp's output declares only " + common.size() + " of the "
                + builtIn.size() + " structs: " + builtIn.keySet() + " vs " + external.keySet());
        assertSameLines(describe(theirs), describe(common));
    }

    /** Equal line lists, or a failure that shows only the lines that differ. */
    static void assertSameLines(List<String> expected, List<String> actual) {
        if (expected.equals(actual)) {
            return;
        }
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        org.junit.jupiter.api.Assertions.fail("expected (gcc) but not computed: " + missing.subList(0,
                Math.min(20, missing.size())) + "\ncomputed but not expected: " + extra.subList(0,
                Math.min(20, extra.size())) + "\n(" + expected.size() + " lines expected, " + actual.size() + " computed)");
    }

    /** Declarations that exercise every layout rule: each compiled by gcc as written and laid out here. */
    static final String TRICKY = """
            #include <stddef.h>
            #include <stdint.h>
            struct mixed { char c; double d; short s; char tail[3]; };
            struct packed_one { char c; int i; short s; } __attribute__((packed));
            struct packed_with_aligned { char c; int i __attribute__((aligned(8))); } __attribute__((packed));
            struct packed_member { char c; int i __attribute__((packed)); short s; };
            struct aligned_one { char c; int i __attribute__((aligned(16))); char end; };
            struct over_aligned { char c; } __attribute__((aligned(8)));
            struct alignas_member { char c; _Alignas(32) short s; };
            typedef int aligned_int __attribute__((aligned(8)));
            struct holds_aligned_typedef { char c; aligned_int i; };
            typedef struct { short a; } __attribute__((aligned(4))) aligned_anonymous;
            struct bits { unsigned int a : 3; int b : 5; unsigned int c : 30; unsigned char d : 4; long e : 40; };
            struct zero_width { char a : 3; int : 0; char b : 2; };
            struct packed_bits { unsigned char a : 7; unsigned long long b : 40; } __attribute__((packed));
            struct bool_bits { _Bool flag : 1; unsigned int rest : 7; _Bool other : 1; };
            struct unnamed_bits { char a; int : 12; char b; };
            union value { int i; double d; char bytes[12]; };
            union bit_union { unsigned int a : 5; unsigned char b; };
            struct outer {
                int kind;
                union { int i; float f; };
                struct { short x, y; } pos;
                struct { char tag; long id; };
                int grid[2][3];
            };
            struct flexible { size_t length; char data[]; };
            enum small_enum { SMALL_A = 1, SMALL_B = 2 } __attribute__((packed));
            enum big_enum { BIG_A = 0, BIG_B = 0x100000000 };
            struct holds_enums { enum small_enum s; char c; enum big_enum b; };
            struct wide { long double ld; char c; __int128 big; double _Complex z; };
            typedef int word_mode __attribute__((mode(__word__)));
            struct holds_mode { char c; word_mode w; };
            typedef float four_floats __attribute__((vector_size(16)));
            struct holds_vector { char c; four_floats v; };
            #pragma pack(push, 2)
            struct pragma_two { char c; int i; double d; };
            struct pragma_bits { char a : 3; int b : 20; short c : 9; };
            #pragma pack(pop)
            #pragma pack(1)
            struct pragma_one { char c; long l; };
            struct pragma_caps_aligned { char c; int i __attribute__((aligned(8))); };
            struct pragma_caps_alignas { char c; _Alignas(8) int i; };
            #pragma pack()
            #pragma pack(2)
            struct pragma_two_caps { char c; int i __attribute__((aligned(8))); char d __attribute__((aligned(4))); };
            struct pragma_zero_width { char c; long : 0; char d; int : 0; _Bool e : 1; };
            #pragma pack()
            #pragma pack(1)
            struct pragma_one_zero_width { char c; int : 0; char d; };
            #pragma pack()
            #pragma pack(4)
            struct pragma_packed_bits { long a : 2; float f[3]; unsigned long long : 40; } __attribute__((packed));
            struct pragma_packed_plain { char c; long l; } __attribute__((packed));
            #pragma pack()
            struct after_pragma { char c; long l; };
            struct self { struct self *next; int value; };
            struct forward;
            struct uses_forward { struct forward *later; };
            struct forward { int defined_later; };
            struct deep { struct outer o; struct bits b[2]; union value v; };
            """;

    @org.junit.jupiter.api.Test
    void shouldLayOutTrickyDeclarationsAsGccDoes(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(GCC, "gcc is not installed: layouts not cross-checked");
        Map<String, StructType> structs = namedStructs(CHeader.parse(TRICKY));
        assertTrue(structs.containsKey("struct packed_with_aligned") && structs.containsKey("aligned_anonymous"),
                structs.keySet().toString());
        Path header = work.resolve("tricky.h");
        Files.writeString(header, TRICKY);
        List<String> expected = Tools.runC(work, program(new String[0], structs)
                .replace("#include <stddef.h>", "#include \"" + header + "\"\n#include <stddef.h>"));
        assertSameLines(expected, describe(structs));
    }

    /** Every complete struct the header declares, by the name C can spell it with. */
    static Map<String, StructType> namedStructs(CHeader header) {
        Map<String, StructType> named = new LinkedHashMap<>();
        header.structs().forEach((tag, struct) -> {
            if (struct.isComplete()) {
                named.put(tag, struct);
            }
        });
        header.typedefs().forEach((name, type) -> {
            if (type instanceof StructType struct && struct.isComplete() && struct.name().equals(name)) {
                named.put(name, struct); // typedef struct { ... } name;
            }
        });
        return named;
    }

    static String program(String[] headers, Map<String, StructType> structs) {
        StringBuilder c = new StringBuilder();
        for (String header : headers) {
            c.append("#include <").append(header).append(">\n");
        }
        c.append("#include <stddef.h>\n#include <stdio.h>\n#include <string.h>\n");
        c.append("static int low(const unsigned char *p, size_t n) { for (size_t i = 0; i < n * 8; i++)"
                + " if (p[i / 8] >> (i % 8) & 1) return (int) i; return -1; }\n");
        c.append("static int ones(const unsigned char *p, size_t n) { int k = 0; for (size_t i = 0; i < n; i++)"
                + " k += __builtin_popcount(p[i]); return k; }\n");
        c.append("int main(void) {\n");
        int index = 0;
        for (Map.Entry<String, StructType> entry : structs.entrySet()) {
            String name = entry.getKey();
            c.append("  printf(\"size %s %zu %zu\\n\", \"").append(name).append("\", sizeof(").append(name)
                    .append("), _Alignof(").append(name).append("));\n");
            for (CField field : entry.getValue().fields()) {
                if (field.isBitField()) {
                    String v = "v" + index++;
                    String set = field.type().kind() == CType.Kind.BOOL ? "1" : "-1";
                    c.append("  { ").append(name).append(' ').append(v).append("; memset(&").append(v)
                            .append(", 0, sizeof ").append(v).append("); ").append(v).append('.').append(field.name())
                            .append(" = 1; int at = low((const unsigned char *) &").append(v).append(", sizeof ")
                            .append(v).append("); memset(&").append(v).append(", 0, sizeof ").append(v).append("); ")
                            .append(v).append('.').append(field.name()).append(" = ").append(set)
                            .append("; printf(\"bits %s %s %d %d\\n\", \"").append(name).append("\", \"")
                            .append(field.name()).append("\", at, ones((const unsigned char *) &").append(v)
                            .append(", sizeof ").append(v).append(")); }\n");
                } else {
                    c.append("  printf(\"offset %s %s %zu\\n\", \"").append(name).append("\", \"")
                            .append(field.name()).append("\", offsetof(").append(name).append(", ")
                            .append(field.name()).append("));\n");
                }
            }
        }
        c.append("  return 0;\n}\n");
        return c.toString();
    }

    /** What the program prints, from this library's layouts. */
    static List<String> describe(Map<String, StructType> structs) {
        List<String> lines = new ArrayList<>();
        structs.forEach((name, struct) -> {
            lines.add("size " + name + " " + struct.byteSize() + " " + struct.byteAlignment());
            for (CField field : struct.fields()) {
                lines.add(field.isBitField()
                        ? "bits " + name + " " + field.name() + " " + field.bitOffset() + " "
                                + (field.type().kind() == CType.Kind.BOOL ? 1 : field.bitWidth())
                        : "offset " + name + " " + field.name() + " " + field.offset());
            }
        });
        return lines;
    }

    /** Running the C compiler and the headers it needs. */
    static final class Tools {
        private Tools() {}

        static boolean available(String command) {
            try {
                Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (java.io.IOException | InterruptedException absent) {
                return false;
            }
        }

        static void assumeHeaders(String... headers) {
            for (String header : headers) {
                boolean found = Files.exists(Path.of("/usr/include", header))
                        || Files.exists(Path.of("/usr/include/x86_64-linux-gnu", header))
                        || Files.exists(Path.of("/usr/include/aarch64-linux-gnu", header))
                        || Files.exists(Path.of("/usr/local/include", header));
                Assumptions.assumeTrue(found, header + " is not installed");
            }
        }

        /** Compiles {@code source} with gcc into the shared library {@code lib<name>.so} in {@code work}. */
        static Path compileLibrary(Path work, String name, String source) throws Exception {
            Assumptions.assumeTrue(available("gcc"), "gcc is not installed: the test library cannot be built");
            Path file = work.resolve(name + ".c");
            Files.writeString(file, source);
            Path library = work.resolve("lib" + name + ".so");
            Process gcc = new ProcessBuilder("gcc", "-std=gnu11", "-shared", "-fPIC", "-O1", "-w", "-o",
                    library.toString(), file.toString()).redirectErrorStream(true).start();
            String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(120, TimeUnit.SECONDS), "gcc did not finish");
            assertEquals(0, gcc.exitValue(), errors);
            return library;
        }

        /** Compiles and runs {@code source} with gcc, returning what it prints. */
        static List<String> runC(Path work, String source) throws Exception {
            Path file = work.resolve("probe.c");
            Files.writeString(file, source);
            Path binary = work.resolve("probe");
            Process gcc = new ProcessBuilder("gcc", "-std=gnu11", "-w", "-o", binary.toString(), file.toString())
                    .redirectErrorStream(true).start();
            String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(120, TimeUnit.SECONDS), "gcc did not finish");
            assertEquals(0, gcc.exitValue(), errors);
            Process run = new ProcessBuilder(binary.toString()).start();
            List<String> lines = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
            assertEquals(0, run.exitValue());
            return lines;
        }
    }
}
