package epsilon.foreign.optimize.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import epsilon.foreign.optimize.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The GraalVM metadata the processor writes, read back with a small JSON reader: the shape of the published schema
 * (reachability-metadata-schema v1.2.0, {@code foreign} section: no property the schema does not allow, types as
 * canonical layout names, options of the right types), and exactly the bound functions' descriptors. native-image
 * itself is not run here (not installed), so that a native image links these calls is not verified.
 */
class NativeImageMetadataTest {
    private static final Set<String> TOP = Set.of("comment", "reflection", "jni", "serialization", "resources",
            "bundles", "foreign");
    private static final Set<String> FOREIGN = Set.of("downcalls", "upcalls", "directUpcalls");
    private static final Set<String> ENTRY = Set.of("reason", "condition", "returnType", "parameterTypes", "options");
    private static final Set<String> DOWNCALL_OPTIONS = Set.of("captureCallState", "critical", "firstVariadicArg");
    private static final Set<String> CANONICAL = Set.of("void", "bool", "char", "short", "int", "long", "long long",
            "float", "double", "void*", "size_t", "wchar_t");

    private static final String SOURCE = """
            package meta;

            import epsilon.foreign.*;
            import epsilon.foreign.callback.Callback;
            import epsilon.foreign.optimize.NativeLibrary;
            import java.lang.foreign.MemorySegment;

            @NativeLibrary("c")
            public interface Meta {
                long labs(long value);
                @Errno int open(String path, int flags);
                @Critical(heapAccess = true) MemorySegment memset(byte[] buffer, int value, @NativeType("size_t") long n);
                @Variadic(fixed = 2) int snprintf(MemorySegment buffer, @NativeType("size_t") long n, String format);
                void qsort(MemorySegment base, @NativeType("size_t") long n, @NativeType("size_t") long size,
                           @NativeType("int (*)(const void *, const void *)") Callback compare);
                @FreedWith("free") String strdup(String text);
                double sqrt(double x);
                int atexit(@NativeType("void (*)(void)") Runnable hook);
            }
            """;

    @Test
    void shouldListExactlyTheBoundFunctionsInTheSchemasShape() {
        Compilation compilation = Compilation.of(Map.of("meta/Meta.java", SOURCE),
                "-Aepsilon.optimize.groupId=dev.example", "-Aepsilon.optimize.artifactId=meta-app");
        assertTrue(compilation.success(), compilation::report);
        Object json = new Json(compilation.resource(
                "META-INF/native-image/dev.example/meta-app/reachability-metadata.json")).read();
        Map<?, ?> top = (Map<?, ?>) json;
        assertTrue(TOP.containsAll(top.keySet()), top.keySet().toString());
        Map<?, ?> foreign = (Map<?, ?>) top.get("foreign");
        assertTrue(FOREIGN.containsAll(foreign.keySet()), foreign.keySet().toString());

        List<String> downcalls = new ArrayList<>();
        for (Object entry : (List<?>) foreign.get("downcalls")) {
            downcalls.add(describe((Map<?, ?>) entry, DOWNCALL_OPTIONS));
        }
        // In the order of the methods (sorted as Foreign.bind sorts them), each followed by what it also links.
        assertEquals(List.of(
                "int(void*)",                                        // atexit
                "long long(long long)",                              // labs
                "void*(void*, int, long long) {critical={allowHeapAccess=true}}",   // memset
                "int(void*, int) {captureCallState=true}",           // open
                "void*(int)",                                        // strerror, on open's failure
                "void(void*, long long, long long, void*)",          // qsort
                "int(void*, long long, void*) {firstVariadicArg=2}", // snprintf
                "double(double)",                                    // sqrt
                "void*(void*)",                                      // strdup
                "void(void*)"),                                      // free, for @FreedWith
                downcalls);
        List<String> upcalls = new ArrayList<>();
        for (Object entry : (List<?>) foreign.get("upcalls")) {
            upcalls.add(describe((Map<?, ?>) entry, Set.of()));
        }
        // atexit's functional interface, made a callback for one call, as well as qsort's Callback.
        assertEquals(List.of("void()", "int(void*, void*)"), upcalls);
    }

    @Test
    void shouldWriteNothingWhenNothingIsBound() {
        Compilation compilation = Compilation.of(Map.of("plain/Plain.java", "package plain; public interface Plain {}"));
        assertTrue(compilation.success(), compilation::report);
        assertTrue(!java.nio.file.Files.exists(compilation.output().resolve("META-INF")));
    }

    /** {@code returnType(parameterTypes) {options}}, checking every property against the schema. */
    private static String describe(Map<?, ?> entry, Set<String> allowedOptions) {
        assertTrue(ENTRY.containsAll(entry.keySet()), entry.keySet().toString());
        Map<?, ?> condition = (Map<?, ?>) entry.get("condition");
        assertEquals(Set.of("typeReached"), condition.keySet());
        assertEquals("meta.MetaNative", condition.get("typeReached"));
        String result = (String) entry.get("returnType");
        assertTrue(CANONICAL.contains(result), result);
        List<String> parameters = new ArrayList<>();
        for (Object parameter : (List<?>) entry.get("parameterTypes")) {
            assertTrue(CANONICAL.contains((String) parameter) && !parameter.equals("void"), parameter.toString());
            parameters.add((String) parameter);
        }
        String text = result + "(" + String.join(", ", parameters) + ")";
        Map<?, ?> options = (Map<?, ?>) entry.get("options");
        if (options == null) {
            return text;
        }
        assertTrue(allowedOptions.containsAll(options.keySet()), options.keySet().toString());
        if (options.containsKey("captureCallState")) {
            assertEquals(Boolean.TRUE, options.get("captureCallState"));
        }
        if (options.containsKey("critical")) {
            assertEquals(Set.of("allowHeapAccess"), ((Map<?, ?>) options.get("critical")).keySet());
        }
        if (options.containsKey("firstVariadicArg")) {
            assertTrue(options.get("firstVariadicArg") instanceof Long);
        }
        return text + " " + options;
    }

    /** Just enough JSON: objects (insertion-ordered), arrays, strings without escapes, integers, booleans. */
    private static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object read() {
            Object value = value();
            skip();
            if (at != text.length()) {
                fail("trailing text at " + at);
            }
            return value;
        }

        private Object value() {
            skip();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new java.util.LinkedHashMap<>();
                at++;
                skip();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                do {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    if (object.put(key, value()) != null) {
                        fail("duplicate key " + key);
                    }
                    skip();
                } while (text.charAt(at++) == ',');
                if (text.charAt(at - 1) != '}') {
                    fail("expected } at " + at);
                }
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                skip();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value());
                    skip();
                } while (text.charAt(at++) == ',');
                if (text.charAt(at - 1) != ']') {
                    fail("expected ] at " + at);
                }
                return array;
            }
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at) || text.startsWith("false", at)) {
                boolean value = text.startsWith("true", at);
                at += value ? 4 : 5;
                return value;
            }
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
                at++;
            }
            if (start == at) {
                fail("unexpected " + c + " at " + at);
            }
            return Long.parseLong(text.substring(start, at));
        }

        private String string() {
            expect('"');
            int end = text.indexOf('"', at);
            String value = text.substring(at, end);
            if (value.contains("\\")) {
                fail("escapes are not expected here: " + value);
            }
            at = end + 1;
            return value;
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                fail("expected " + c + " at " + at + " in " + text);
            }
            at++;
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
