package epsilon.foreign.marshalling.internal.pp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IfExpressionTest {
    private static boolean truth(String expression) {
        String out = Pp.out("#if " + expression + "\nT\n#else\nF\n#endif\n");
        return switch (out) {
            case "T" -> true;
            case "F" -> false;
            default -> throw new AssertionError(out);
        };
    }

    private static boolean hostTruth(String expression) {
        return Pp.print(Pp.HOST.preprocessText("t.c", "#if " + expression + "\nT\n#else\nF\n#endif\n", null).tokens())
                .equals("T");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1 + 2 == 3", "7 / 2 == 3", "-7 / 2 == -3", "-7 % 2 == -1", "(1 << 62) > 0",
            "~0 == -1", "!0", "1 ? 2 : 0", "0 ? 0 : 3", "(0, 1)", "1, 0, 1", "3 > 2 > 0", "2 >= 2 && 2 <= 2",
            "(5 & 3) == 1", "(5 | 3) == 7", "(5 ^ 3) == 6", "0x10 == 16", "010 == 8", "0b101 == 5", "10UL == 10",
            "-1 > 0u", "-1 == 0xffffffffffffffff", "0xffffffffffffffff > 0", "18446744073709551615u == -1",
            "(-1 >> 1) == -1", "(1 << 64) == 0", "(1 >> -1) == 2", "'a' == 97", "'\\n' == 10", "'\\x41' == 65",
            "'\\377' < 0", "'ab' == 24930", "L'a' == 97", "u'\\xffff' == 65535", "U'\\U0001F600' == 0x1F600",
            "'\\0' == 0", "'é' == 50089", "'\\377\\377' == 65535", "'abcde' == 0x62636465", "true", "!false", "undefined_name == 0", "defined(__FILE__)",
            "1 ? 1 : (1/0)", "!(0 && 1/0)", "1 || 1/0", "0 ? 1/0 : 1", "(2 || 0) == 1", "-9223372036854775807 - 1 < 0",
            "0 ? 1 : -1 < 0", "(0 ? 1u : -1) > 0", "- - 1 == 1", "+1 == 1", "1 ? 2 ? 3 : 4 : 5", "0 ? 0 : 0 ? 0 : 1"})
    void trueExpressions(String expression) {
        assertEquals(true, truth(expression), expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1 < 0u", "1 == 2", "0 && 1", "undefined_name", "!1", "1 - 1", "false",
            "defined NOT_DEFINED", "'\\0'"})
    void falseExpressions(String expression) {
        assertEquals(false, truth(expression), expression);
    }

    @Test
    void hasOperators() {
        assertEquals(true, hostTruth("__has_attribute(packed) && __has_attribute(__aligned__)"));
        assertEquals(true, hostTruth("__has_attribute(gnu::nonnull)"));
        assertEquals(false, hostTruth("__has_attribute(alloc_align)"));
        assertEquals(true, hostTruth("__has_builtin(__builtin_expect) && !__has_builtin(__builtin_trap)"));
        assertEquals(false, hostTruth("__has_feature(c_atomic) || __has_extension(x) || __has_c_attribute(nodiscard)"
                + " || __has_cpp_attribute(x)"));
        assertEquals(true, hostTruth("defined __has_include && defined(__has_attribute)"));
        assertEquals(true, hostTruth("__has_include(<stddef.h>) && __has_include(\"stddef.h\")"));
        assertEquals(false, hostTruth("__has_include(<no/such/header.h>)"));
        assertEquals(true, hostTruth("__has_include_next(<stddef.h>)"));
        assertEquals(true, Pp.out("#define H(x) __has_attribute(x)\n#if H(__packed__)\nT\n#endif").equals("T"));
        Pp.fails("__has_include(<stdio.h>)", 1, 1, "\"__has_include\" used outside of a preprocessing directive");
        Pp.fails("#if __has_attribute\n#endif", 1, 5, "missing '(' after \"__has_attribute\"");
        Pp.fails("#if __has_attribute(1)\n#endif", 1, 5, "requires an identifier");
    }

    @Test
    void errorsWithTheirPositions() {
        Pp.fails("#if 1 / 0\n#endif", 1, 7, "division by zero in #if");
        Pp.fails("#if 1 % (2 - 2)\n#endif", 1, 7, "division by zero in #if");
        Pp.fails("#if 1 +\n#endif", 1, 7, "operator '+' has no right operand");
        Pp.fails("#if (1\n#endif", 1, 5, "missing ')' in expression");
        Pp.fails("#if 1)\n#endif", 1, 6, "missing '(' in expression");
        Pp.fails("#if 1 2\n#endif", 1, 7, "missing binary operator before token '2'");
        Pp.fails("#if ()\n#endif", 1, 6, "missing expression between '(' and ')'");
        Pp.fails("#if * 2\n#endif", 1, 5, "operator '*' has no left operand");
        Pp.fails("#if 1 : 2\n#endif", 1, 7, "':' without preceding '?'");
        Pp.fails("#if 1 ? 2\n#endif", 1, 7, "'?' without following ':'");
        Pp.fails("#if 1.0\n#endif", 1, 5, "floating constant");
        Pp.fails("#if 1 = 1\n#endif", 1, 7, "token \"=\" is not valid");
        Pp.fails("#if \"s\"\n#endif", 1, 5, "is not valid in preprocessor expressions");
        Pp.fails("#if 08\n#endif", 1, 5, "invalid digit \"8\" in octal constant");
        Pp.fails("#if 1x\n#endif", 1, 5, "invalid digit \"x\"");
        Pp.fails("#if 1lul\n#endif", 1, 5, "invalid integer constant");
        Pp.fails("#if 99999999999999999999\n#endif", 1, 5, "too large");
        Pp.fails("#if ''\n#endif", 1, 5, "empty character constant");
        Pp.fails("#if defined\n#endif", 1, 5, "operator \"defined\" requires an identifier");
        Pp.fails("#if defined(X\n#endif", 1, 5, "missing ')' after \"defined\"");
    }

    @Test
    void nestingIsBoundedWithoutStackOverflow() {
        assertEquals(true, truth("(".repeat(1000) + "1" + ")".repeat(1000)));
        assertEquals(true, truth("- ".repeat(100_000) + "1"));
        Pp.fails("#if " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n#endif", 1, 4 + 4097,
                "too deeply nested", "4096", "maxExpressionDepth");
    }
}
