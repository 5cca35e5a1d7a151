package epsilon.foreign.marshalling.internal.pp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's own freestanding headers, resources in this package: what a compiler ships beside the C library
 * ({@code stddef.h}, {@code stdarg.h}, {@code limits.h}, {@code float.h}, ...), written for this front end and
 * built on the predefined macros. They are searched after every other directory, so a system's own headers come
 * first and reach these through {@code #include_next}, as glibc's {@code limits.h} does.
 */
final class BuiltInHeaders {
    private BuiltInHeaders() {}

    /** How positions name a built-in header: {@code <built-in>/stddef.h}. */
    static final String PREFIX = "<built-in>/";

    /** The headers there are. */
    static final List<String> NAMES = List.of("stddef.h", "stdarg.h", "stdbool.h", "stdalign.h", "stdnoreturn.h",
            "iso646.h", "limits.h", "float.h", "stdint.h");

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    /** The text of the built-in header {@code name} (one of {@link #NAMES}). */
    static String text(String name) {
        return CACHE.computeIfAbsent(name, BuiltInHeaders::load);
    }

    private static String load(String name) {
        try (InputStream in = BuiltInHeaders.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in header " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
