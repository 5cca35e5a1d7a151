package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PlatformMacrosTest {
    private static Map<String, String> byName(List<String> definitions) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String d : definitions) {
            Macro macro = DefineParser.parseText(d, SourcePosition.BUILT_IN, true);
            m.put(macro.name(), macro.functionLike() ? macro.definition() : macro.replacementText());
        }
        return m;
    }

    @Test
    void hostSizesComeFromTheLinker() {
        Map<String, String> m = byName(PlatformMacros.host());
        Map<String, MemoryLayout> layouts = Linker.nativeLinker().canonicalLayouts();
        assertEquals(String.valueOf(layouts.get("int").byteSize()), m.get("__SIZEOF_INT__"));
        assertEquals(String.valueOf(layouts.get("long").byteSize()), m.get("__SIZEOF_LONG__"));
        assertEquals(String.valueOf(layouts.get("void*").byteSize()), m.get("__SIZEOF_POINTER__"));
        assertEquals(String.valueOf(layouts.get("wchar_t").byteSize()), m.get("__SIZEOF_WCHAR_T__"));
        assertEquals(String.valueOf(layouts.get("size_t").byteSize()), m.get("__SIZEOF_SIZE_T__"));
        assertEquals("4", m.get("__GNUC__"));
        assertEquals("201710L", m.get("__STDC_VERSION__"));
        assertNull(m.get("__OPTIMIZE__"));
        assertEquals("1", m.get("__NO_INLINE__"));
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "__ORDER_LITTLE_ENDIAN__"
                : "__ORDER_BIG_ENDIAN__", m.get("__BYTE_ORDER__"));
        assertNull(m.get("linux"));
        assertNull(m.get("unix"));
    }

    /** Where gcc is installed, every macro we both predefine has gcc's value, except the version we claim. */
    @Test
    void hostMacrosMatchGccExceptTheClaimedVersion() throws Exception {
        assumeTrue(ExternalPreprocessor.isAvailable("gcc"), "gcc is not installed");
        Process p = new ProcessBuilder("gcc", "-std=c17", "-dM", "-E", "-x", "c", "-")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Map<String, String> gcc = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("#define ")) {
                gcc.putAll(byName(List.of(line.substring(8))));
            }
        }
        assumeTrue("x86_64".equals(System.getProperty("os.arch")) || "amd64".equals(System.getProperty("os.arch"))
                ? gcc.containsKey("__x86_64__") : true, "gcc targets another machine");
        Set<String> claimed = Set.of("__GNUC__", "__GNUC_MINOR__", "__GNUC_PATCHLEVEL__", "__VERSION__");
        int compared = 0;
        for (Map.Entry<String, String> e : byName(PlatformMacros.host()).entrySet()) {
            String theirs = gcc.get(e.getKey());
            if (theirs == null || claimed.contains(e.getKey())) {
                continue;
            }
            assertEquals(theirs, e.getValue(), e.getKey());
            compared++;
        }
        assertTrue(compared > 200, compared + " compared");
    }

    private static Map<String, MemoryLayout> layouts(int longSize, int wcharSize) {
        Map<String, MemoryLayout> m = new HashMap<>();
        m.put("char", ValueLayout.JAVA_BYTE);
        m.put("short", ValueLayout.JAVA_SHORT);
        m.put("int", ValueLayout.JAVA_INT);
        m.put("long", longSize == 8 ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT);
        m.put("long long", ValueLayout.JAVA_LONG);
        m.put("void*", ValueLayout.ADDRESS);
        m.put("size_t", ValueLayout.JAVA_LONG);
        m.put("wchar_t", wcharSize == 2 ? ValueLayout.JAVA_CHAR : ValueLayout.JAVA_INT);
        m.put("float", ValueLayout.JAVA_FLOAT);
        m.put("double", ValueLayout.JAVA_DOUBLE);
        return m;
    }

    @Test
    void windowsIsLlp64() {
        Map<String, String> m = byName(PlatformMacros.definitions("Windows 11", "amd64", layouts(4, 2),
                ByteOrder.LITTLE_ENDIAN));
        assertEquals("long long unsigned int", m.get("__SIZE_TYPE__"));
        assertEquals("long long int", m.get("__INT64_TYPE__"));
        assertEquals("short unsigned int", m.get("__WCHAR_TYPE__"));
        assertEquals("0x7fffffffL", m.get("__LONG_MAX__"));
        assertEquals("__INT64_C(c) c ## LL", m.get("__INT64_C"));
        assertEquals("1", m.get("_WIN64"));
        assertEquals("8", m.get("__SIZEOF_LONG_DOUBLE__"));
        assertEquals("53", m.get("__LDBL_MANT_DIG__"));
        assertNull(m.get("__LP64__"));
        assertNull(m.get("__linux__"));
        assertNull(m.get("__SIZEOF_INT128__"));
        assertEquals(List.of(), PlatformMacros.systemDirectories("Windows 11", "amd64", p -> true));
    }

    @Test
    void linuxOnArmHasUnsignedCharAndQuadLongDouble() {
        Map<String, String> m = byName(PlatformMacros.definitions("Linux", "aarch64", layouts(8, 4),
                ByteOrder.LITTLE_ENDIAN));
        assertEquals("1", m.get("__CHAR_UNSIGNED__"));
        assertEquals("1", m.get("__aarch64__"));
        assertEquals("113", m.get("__LDBL_MANT_DIG__"));
        assertEquals("1.18973149535723176508575932662800702e+4932L", m.get("__LDBL_MAX__"));
        assertEquals("16", m.get("__SIZEOF_INT128__"));
        assertEquals("unsigned int", m.get("__WCHAR_TYPE__"));
        assertEquals("0U", m.get("__WCHAR_MIN__"));
        assertEquals(List.of(Path.of("/usr/local/include"), Path.of("/usr/include/aarch64-linux-gnu"),
                Path.of("/usr/include")), PlatformMacros.systemDirectories("Linux", "aarch64", p -> true));
        // char signedness reaches #if: '\377' is 255 there
        Preprocessor pp = new Preprocessor(PreprocessorConfig.builder().predefinedMacros(
                PlatformMacros.definitions("Linux", "aarch64", layouts(8, 4), ByteOrder.LITTLE_ENDIAN)).build());
        assertEquals("T", Pp.print(pp.preprocessText("t.c", "#if '\\377' == 255 && L'\\xffffffff' > 0\nT\n#endif",
                null).tokens()));
    }

    @Test
    void macosOnArm() {
        Map<String, String> m = byName(PlatformMacros.definitions("Mac OS X", "aarch64", layouts(8, 4),
                ByteOrder.LITTLE_ENDIAN));
        assertEquals("_", m.get("__USER_LABEL_PREFIX__"));
        assertEquals("1", m.get("__APPLE__"));
        assertEquals("1", m.get("__MACH__"));
        assertEquals("long long int", m.get("__INT64_TYPE__"));
        assertEquals("53", m.get("__LDBL_MANT_DIG__"));
        assertFalse(m.containsKey("__CHAR_UNSIGNED__"));
        assertFalse(m.containsKey("__SIZEOF_INT128__"));
        assertEquals(1, PlatformMacros.systemDirectories("Mac OS X", "aarch64", p -> true).size());
    }
}
