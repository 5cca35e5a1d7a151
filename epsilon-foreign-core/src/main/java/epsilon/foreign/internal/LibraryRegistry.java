package epsilon.foreign.internal;

import epsilon.foreign.Library;
import epsilon.foreign.marshalling.UnknownLibraryError;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The open libraries, one per canonical name ({@code "libm"}, {@code "m"} and {@code "libm.so"} share one),
 * plus user-added search directories. Loading happens under the per-name lock of the map, so two threads
 * opening the same library load it once.
 */
public final class LibraryRegistry {
    private static final LibraryRegistry GLOBAL = new LibraryRegistry();

    private final ConcurrentHashMap<String, NativeLibrary> open = new ConcurrentHashMap<>();
    private final List<Path> userDirectories = new CopyOnWriteArrayList<>();

    /** The registry behind {@code Foreign.libOpen}. */
    public static LibraryRegistry global() {
        return GLOBAL;
    }

    /** Adds a directory searched before the platform's defaults (Lisp {@code lib-open :paths}). */
    public void addSearchDirectory(Path directory) {
        if (!userDirectories.contains(directory)) {
            userDirectories.add(0, directory);
        }
    }

    /** The open library for a reference, loading it on first use. */
    public Library open(String reference) {
        return open(reference, List.of());
    }

    /** As {@link #open(String)}, searching {@code extraDirectories} first. */
    public Library open(String reference, List<Path> extraDirectories) {
        if (reference == null || reference.isBlank()) {
            throw new UnknownLibraryError("library name is " + (reference == null ? "null" : "blank")
                    + ": give a name such as \"c\" or \"m\", a file name such as \"libm.so.6\", or a path", null);
        }
        LibraryNames names = namesWith(extraDirectories);
        String key = names.canonical(reference);
        NativeLibrary library = open.get(key);
        if (library != null && library.isOpen()) {
            return library;
        }
        synchronized (open) { // one loader at a time; a lock rather than compute's lambda, spun on a first call
            library = open.get(key);
            if (library == null || !library.isOpen()) {
                library = load(reference, names);
                open.put(key, library);
            }
            return library;
        }
    }

    private LibraryNames namesWith(List<Path> extraDirectories) {
        List<Path> dirs = new ArrayList<>(extraDirectories);
        dirs.addAll(userDirectories);
        return LibraryNames.searching(dirs);
    }

    private NativeLibrary load(String reference, LibraryNames names) {
        List<String> failures = new ArrayList<>();
        for (String candidate : names.wellKnownCandidates(reference)) {
            NativeLibrary loaded = tryLoad(reference, candidate, names, failures);
            if (loaded != null) {
                return loaded;
            }
        }
        // Only now the full list, which scans the search directories for versioned file names.
        for (String candidate : names.candidates(reference)) {
            if (!failures.contains(candidate)) {
                NativeLibrary loaded = tryLoad(reference, candidate, names, failures);
                if (loaded != null) {
                    return loaded;
                }
            }
        }
        throw new UnknownLibraryError("library '" + reference + "' not found; tried " + String.join(", ", failures),
                null);
    }

    /** The library at {@code candidate}, or null with the candidate added to {@code failures}. */
    private NativeLibrary tryLoad(String reference, String candidate, LibraryNames names, List<String> failures) {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(candidate, arena);
            String key = names.canonical(reference);
            return new NativeLibrary(reference, candidate, arena, lookup, new Forget(key));
        } catch (IllegalArgumentException | UnsatisfiedLinkError notLoadable) {
            arena.close();
            failures.add(candidate);
            return null;
        }
    }

    /** Forgets a library once closed, so the next open loads it again. */
    private final class Forget implements Consumer<NativeLibrary> {
        private final String key;

        Forget(String key) {
            this.key = key;
        }

        @Override
        public void accept(NativeLibrary closed) {
            open.remove(key, closed);
        }
    }
}
