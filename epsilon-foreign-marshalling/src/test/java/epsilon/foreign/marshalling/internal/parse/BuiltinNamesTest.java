package epsilon.foreign.marshalling.internal.parse;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The typedef names a prototype may use without the built-in header being preprocessed and parsed must stand for
 * exactly what the parsed header gives them, the same constant object.
 */
class BuiltinNamesTest {
    private static final List<String> NAMES = List.of("int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t",
            "uint32_t", "int64_t", "uint64_t", "size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "wchar_t",
            "time_t", "clock_t", "pid_t", "uid_t", "gid_t", "mode_t", "off_t");

    @Test
    void shouldGiveWithoutParsingWhatTheParsedBuiltInsGive() {
        Assumptions.assumeTrue(NativeLayouts.SYSV_X86_64
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "the names are known without parsing on Linux x86-64 only");
        for (String name : NAMES) {
            CType known = BuiltinNames.knownWithoutParsing(name);
            assertNotNull(known, name);
            assertSame(FrontEnd.builtins().typedef(name), known, name);
        }
    }

    @Test
    void shouldLeaveEveryOtherNameToTheParsedBuiltIns() {
        assertNull(BuiltinNames.knownWithoutParsing("ino_t"));
        assertNull(BuiltinNames.knownWithoutParsing("struct tm"));
        assertNull(BuiltinNames.knownWithoutParsing("labs"));
        assertNotNull(FrontEnd.builtins().typedef("ino_t"));
        assertSame(CType.SIZE_T, CPrototype.parse("size_t f(size_t n)").returnType());
    }
}
