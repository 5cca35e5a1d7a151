package epsilon.foreign.marshalling;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A database of C prototypes by function name (Lisp {@code infer-function-signature}, the basis of
 * {@code defshared-auto}): over 300 functions of the C library and libm ({@code string.h}, {@code stdlib.h},
 * {@code stdio.h}, {@code ctype.h}, {@code math.h}, {@code time.h}, {@code unistd.h}, {@code fcntl.h}, ...), so
 * that a function can be called by name alone with its arguments checked.
 *
 * {@snippet :
 * CPrototype strlen = KnownPrototypes.require("strlen");   // size_t strlen(const char *s)
 * boolean variadic = KnownPrototypes.require("snprintf").variadic();  // true
 * KnownPrototypes.register("int my_add(int a, int b)");   // now known by name too
 * KnownPrototypes.lookup("frobnicate");                   // Optional.empty()
 * }
 *
 * <p>The shipped prototypes are C text in this package ({@code LibcPrototypes}), one declaration per line, with
 * glibc's types on 64-bit Linux; the text's first lines say what is left out and why. The text
 * is indexed by name on first use and each prototype is parsed only when it is first looked up. Registered
 * prototypes replace shipped ones of the same name. Thread-safe.
 */
public final class KnownPrototypes {
    /** Where the shipped prototypes are, as messages name it. */
    private static final String SOURCE = "LibcPrototypes.TEXT";

    /** An entry of the database not parsed yet: a shipped prototype's text and its line in the resource. */
    private record Unparsed(String text, int line) {}

    private KnownPrototypes() {}

    /** Loads the index on first use of the database, not when this class is merely referenced. */
    private static final class Index {
        static final ConcurrentMap<String, Object> ENTRIES = load();
    }

    /**
     * The prototype of {@code name}, if it is shipped or registered.
     *
     * @param name the C function's name, exactly ({@code "strlen"})
     * @return the prototype, parsed on the first look-up of a shipped one; empty when the name is not known
     */
    public static Optional<CPrototype> lookup(String name) {
        Objects.requireNonNull(name, "name");
        Object entry = Index.ENTRIES.get(name);
        // instanceof and ifs rather than a pattern switch and lambdas: each spins a class on a program's first call
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(entry instanceof Unparsed unparsed ? parse(name, unparsed) : (CPrototype) entry);
    }

    /**
     * The prototype of {@code name}.
     *
     * @param name the C function's name, exactly
     * @return the prototype
     * @throws UnknownPrototypeError if neither shipped nor registered, saying how to declare it
     */
    public static CPrototype require(String name) {
        Optional<CPrototype> known = lookup(name);
        if (known.isEmpty()) {
            throw new UnknownPrototypeError("no known prototype for '" + name + "'; declare it with a prototype"
                    + " string such as \"int " + name + "(int x)\" or register it with KnownPrototypes.register", name);
        }
        return known.get();
    }

    /**
     * Parses a prototype and makes it known by its name, replacing any shipped or earlier registered one.
     *
     * @param prototypeText one C function declaration, as {@link CPrototype#parse} takes it
     * @return the parsed prototype
     * @throws ParseError if the text is not a valid prototype
     */
    public static CPrototype register(String prototypeText) {
        CPrototype prototype = CPrototype.parse(prototypeText);
        Index.ENTRIES.put(prototype.name(), prototype);
        return prototype;
    }

    /** {@return every known function name, shipped or registered, sorted: a snapshot, modifiable} */
    public static SortedSet<String> names() {
        return new TreeSet<>(Index.ENTRIES.keySet());
    }

    private static CPrototype parse(String name, Unparsed unparsed) {
        CPrototype prototype;
        try {
            prototype = CPrototype.parse(unparsed.text());
        } catch (ParseError e) {
            throw new IllegalStateException(SOURCE + " line " + unparsed.line() + " does not parse: " + e.getMessage(), e);
        }
        // A concurrent register() wins: replace only the entry this thread parsed.
        Index.ENTRIES.replace(name, unparsed, prototype);
        Object current = Index.ENTRIES.get(name);
        return current instanceof CPrototype registered ? registered : prototype;
    }

    private static ConcurrentMap<String, Object> load() {
        ConcurrentMap<String, Object> entries = new ConcurrentHashMap<>();
        String table = LibcPrototypes.TEXT;
        int number = 0;
        for (int start = 0; start < table.length(); ) {
            int end = table.indexOf('\n', start);
            end = end < 0 ? table.length() : end;
            String text = table.substring(start, end).strip();
            start = end + 1;
            number++;
            if (text.isEmpty() || text.startsWith("//") || text.startsWith("/*") || text.startsWith("*")) {
                continue;
            }
            String name = functionName(text);
            if (name == null) {
                throw new IllegalStateException(SOURCE + " line " + number + " has no function name: " + text);
            }
            entries.put(name, new Unparsed(text, number));
        }
        return entries;
    }

    private static final Set<String> TYPE_WORDS = Set.of("void", "char", "short", "int", "long", "float", "double",
            "signed", "unsigned", "const", "struct", "union", "enum", "extern", "static", "inline");

    /**
     * The first identifier directly followed by '(' that is not a type word: {@code strlen} in
     * {@code size_t strlen(...)}, {@code signal} in {@code void (*signal(int, ...))(int)}. A cheap scan, so that
     * indexing does not parse; the test suite checks it agrees with the parser on every line.
     */
    static String functionName(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i);
                int next = i;
                while (next < text.length() && text.charAt(next) == ' ') {
                    next++;
                }
                if (next < text.length() && text.charAt(next) == '(' && !TYPE_WORDS.contains(word)) {
                    return word;
                }
            } else {
                i++;
            }
        }
        return null;
    }
}
