package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.Lexer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Generated and mutated input only ever preprocesses or fails with a ParseError, in bounded time: any other
 * throwable (a stack overflow, an index out of bounds, a hang) fails the property.
 */
class PreprocessorPropertiesTest {
    /** A header text and the directory its quote includes are found in (null for a built-in header). */
    private record Source(String text, Path directory) {}

    private static final List<Source> SOURCES = sources();

    private static List<Source> sources() {
        List<Source> s = new ArrayList<>();
        for (String name : List.of("stdint.h", "limits.h", "stddef.h", "float.h")) {
            s.add(new Source(BuiltInHeaders.text(name), null));
        }
        for (Path dir : PlatformMacros.hostSystemDirectories()) {
            for (String name : List.of("zlib.h", "zconf.h", "stdio.h", "sys/cdefs.h", "features.h")) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) {
                    try {
                        s.add(new Source(Files.readString(p), p.getParent()));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return List.copyOf(s);
    }

    private static void survives(Preprocessor pp, String text, Path directory) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                Lexer.tokenize("lexed.c", text);
            } catch (ParseError expected) {
                // the lexer alone may reject what the preprocessor accepts in a skipped group
            }
            try {
                PreprocessedUnit u = pp.preprocessText("generated.c", text, directory);
                u.expand(u.tokens());
            } catch (ParseError expected) {
                // a ParseError is a fine answer to malformed text
            }
        });
    }

    @Property(tries = 300)
    void randomText(@ForAll @StringLength(max = 300) String text) {
        survives(Pp.BARE, text, null);
    }

    private static final List<String> VOCABULARY = List.of("#define ", "#undef ", "#if ", "#ifdef ", "#ifndef ",
            "#elif ", "#else", "#endif", "#include ", "#include_next ", "#line ", "#pragma ", "#error ", "#warning ",
            "\n", "\n#", " ", "(", ")", ",", "##", "#", "...", "__VA_ARGS__", "__VA_OPT__", "defined", "a", "b", "f",
            "g", "x", "1", "0", "0x7f", "'c'", "\"s\"", "<a.h>", "\"b.h\"", "+", "-", "*", "/", "?", ":", "&&", "||",
            "<<", "!", "~", "/*", "*/", "//", "\\\n", "\\", "@", "_Pragma", "__LINE__", "__COUNTER__", "__has_include",
            "__has_attribute", "push_macro(\"a\")", "pop_macro(\"a\")", "GCC poison x", "once", "L", "u8", "'");

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.of(VOCABULARY).list().ofMaxSize(120).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void tokenSoups(@ForAll("soups") String text) {
        survives(Pp.BARE, text, null);
        survives(Pp.HOST, text, null);
    }

    /** One change to a header: what it does, where, and with what. */
    private record Mutation(int kind, int where, int what) {}

    private static final List<String> INSERTS = List.of("#if 1", "#endif", "(", "##", "#", "#else", ")",
            "#define __attribute__(x) x", "#undef __GNUC__", "#if 0");

    @Provide
    Arbitrary<String> mutatedHeaders() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0)).as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, SOURCES.size() - 1),
                mutation.list().ofMinSize(1).ofMaxSize(5)).as((index, ops) -> index + "\u0000" + apply(
                SOURCES.get(index).text(), ops));
    }

    private static String apply(String text, List<Mutation> ops) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (Mutation m : ops) {
            int n = lines.size();
            int at = m.where() % Math.max(1, n);
            switch (m.kind()) {
                case 0 -> {
                    if (n > 1) {
                        lines.remove(at);
                    }
                }
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> {
                    int other = m.what() % n;
                    String t = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, t);
                }
                case 3 -> lines.add(at, INSERTS.get(m.what() % INSERTS.size()));
                case 4 -> {
                    String line = lines.get(at);
                    int col = line.isEmpty() ? 0 : m.what() % line.length();
                    lines.set(at, line.substring(0, col) + INSERTS.get(m.what() % INSERTS.size()) + line.substring(col));
                }
                default -> {
                    String all = String.join("\n", lines);
                    int cut = all.isEmpty() ? 0 : m.where() % all.length();
                    lines = new ArrayList<>(Arrays.asList(all.substring(0, cut).split("\n", -1)));
                }
            }
        }
        return String.join("\n", lines);
    }

    @Property(tries = 120)
    void mutatedRealHeaders(@ForAll("mutatedHeaders") String indexed) {
        int split = indexed.indexOf('\u0000');
        Source source = SOURCES.get(Integer.parseInt(indexed.substring(0, split)));
        survives(Pp.HOST, indexed.substring(split + 1), source.directory());
    }
}
