package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Lexer;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The main proof: for real system and library headers, our token sequence and final object-like macros equal
 * gcc's {@code cpp} given the same predefined macros, search path and built-in headers. cpp's own {@code __has_*}
 * operators are replaced (in the {@code -imacros} file) by macros answering as ours do, since they describe gcc,
 * not our front end.
 */
class CppCrossCheckTest {
    @TempDir
    static Path work;

    private static boolean cpp;
    private static Path predefined;
    private static Path builtIn;

    @BeforeAll
    static void setUp() throws Exception {
        cpp = ExternalPreprocessor.isAvailable("cpp");
        if (!cpp) {
            return;
        }
        builtIn = Files.createDirectories(work.resolve("built-in"));
        for (String name : BuiltInHeaders.NAMES) {
            Files.writeString(builtIn.resolve(name), BuiltInHeaders.text(name));
        }
        Map<String, String> theirs = objectLikeMacros(run(List.of("cpp", "-undef", "-nostdinc", "-dM", "-"), ""));
        StringBuilder b = new StringBuilder();
        for (String d : PlatformMacros.host()) {
            Macro m = DefineParser.parseText(d, epsilon.foreign.marshalling.internal.source.SourcePosition.BUILT_IN,
                    true);
            if (!m.functionLike() && m.replacementText().equals(theirs.get(m.name()))) {
                continue;
            }
            b.append("#define ").append(d).append('\n');
        }
        // gcc's __has_* answer for gcc; these answer for our front end, as BuiltinOperators does
        b.append("#undef __has_attribute\n#define __has_attribute(x) __EPSILON_HA_##x\n");
        for (String a : BuiltinOperators.ATTRIBUTES) {
            b.append("#define __EPSILON_HA_").append(a).append(" 1\n");
            b.append("#define __EPSILON_HA___").append(a).append("__ 1\n");
        }
        b.append("#undef __has_builtin\n#define __has_builtin(x) __EPSILON_HB_##x\n");
        for (String name : BuiltinOperators.BUILTINS) {
            b.append("#define __EPSILON_HB_").append(name).append(" 1\n");
        }
        b.append("#define __has_feature(x) 0\n#define __has_extension(x) 0\n");
        b.append("#undef __has_c_attribute\n#define __has_c_attribute(x) 0\n");
        b.append("#undef __has_cpp_attribute\n#define __has_cpp_attribute(x) 0\n");
        predefined = work.resolve("predefined.h");
        Files.writeString(predefined, b);
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path in = Files.createTempFile(work, "in", ".c");
        Files.writeString(in, stdin);
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cpp did not finish");
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + Files.readString(err));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static List<String> cppCommand(String... extra) {
        List<String> cmd = new ArrayList<>(List.of("cpp", "-undef", "-nostdinc", "-P", "-imacros",
                predefined.toString()));
        for (Path dir : PlatformMacros.hostSystemDirectories()) {
            cmd.add("-isystem");
            cmd.add(dir.toString());
        }
        cmd.add("-isystem");
        cmd.add(builtIn.toString());
        cmd.addAll(List.of(extra));
        cmd.add("-");
        return cmd;
    }

    /** The object-like macros of {@code cpp -dM} output, by name, with their replacement text. */
    private static Map<String, String> objectLikeMacros(String dm) {
        Map<String, String> macros = new LinkedHashMap<>();
        for (String line : dm.split("\n")) {
            if (!line.startsWith("#define ")) {
                continue;
            }
            Macro m = DefineParser.parseText(line.substring(8),
                    epsilon.foreign.marshalling.internal.source.SourcePosition.BUILT_IN, true);
            if (!m.functionLike()) {
                macros.put(m.name(), m.replacementText());
            }
        }
        return macros;
    }

    /** cpp's output as token texts, a {@code #pragma} line as one item. */
    private static List<String> tokens(String output) {
        List<String> texts = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("#pragma")) {
                List<Token> p = new ArrayList<>(Lexer.tokenize("cpp", line.substring(7)));
                p.removeLast();
                texts.add("#pragma " + Pragmas.text(p));
                continue;
            }
            for (Token t : Lexer.tokenize("cpp", line)) {
                if (t.kind() != TokenKind.END) {
                    texts.add(t.text());
                }
            }
        }
        return texts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio.h", "stdlib.h", "string.h", "time.h", "sys/stat.h", "netinet/in.h",
            "sys/utsname.h", "sys/resource.h", "pthread.h", "math.h", "signal.h", "unistd.h", "fcntl.h", "errno.h",
            "stdint.h", "limits.h", "stddef.h", "stdarg.h", "zlib.h", "sqlite3.h", "openssl/evp.h"})
    void sameTokensAndMacrosAsCpp(String header) throws Exception {
        assumeTrue(cpp, "cpp is not installed");
        boolean present = BuiltInHeaders.NAMES.contains(header) || PlatformMacros.hostSystemDirectories().stream()
                .anyMatch(d -> Files.isRegularFile(d.resolve(header)));
        assumeTrue(present, header + " is not installed");
        String text = "#include <" + header + ">\n";

        PreprocessedUnit ours = Pp.HOST.preprocessText("main.c", text, null);
        List<String> mine = new ArrayList<>();
        for (Token t : ours.tokens()) {
            if (t.kind() != TokenKind.END) {
                mine.add(t.kind() == TokenKind.PRAGMA ? "#pragma " + t.text() : t.text());
            }
        }
        List<String> theirs = tokens(run(cppCommand(), text));
        int same = 0;
        while (same < mine.size() && same < theirs.size() && mine.get(same).equals(theirs.get(same))) {
            same++;
        }
        if (same < mine.size() || same < theirs.size()) {
            fail(header + ": token " + same + " differs (ours " + mine.size() + " tokens, cpp's " + theirs.size()
                    + "):\n ours: " + String.join(" ", mine.subList(Math.max(0, same - 8), Math.min(mine.size(),
                    same + 8))) + "\n cpp:  " + String.join(" ", theirs.subList(Math.max(0, same - 8),
                    Math.min(theirs.size(), same + 8))));
        }

        Map<String, String> cppMacros = objectLikeMacros(run(cppCommand("-dM"), text));
        int compared = 0;
        for (Macro m : ours.macros().values()) {
            String other = cppMacros.get(m.name());
            if (m.functionLike() || other == null) {
                continue;
            }
            assertEquals(other, m.replacementText(), header + ": macro " + m.name());
            compared++;
        }
        long onlyCpp = cppMacros.keySet().stream().filter(n -> !ours.macros().containsKey(n)
                && !n.startsWith("__EPSILON_") && !n.startsWith("__has_")).count();
        assertTrue(compared > 100, header + ": only " + compared + " macros compared");
        assertEquals(0, onlyCpp, () -> header + ": cpp defines macros we do not: " + cppMacros.keySet().stream()
                .filter(n -> !ours.macros().containsKey(n) && !n.startsWith("__EPSILON_") && !n.startsWith("__has_"))
                .toList());
    }
}
