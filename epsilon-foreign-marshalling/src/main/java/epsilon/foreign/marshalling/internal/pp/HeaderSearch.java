package epsilon.foreign.marshalling.internal.pp;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code #include} finds a header, as gcc searches: for {@code "x.h"} the including file's directory, then
 * the chain from the quote directories on; for {@code <x.h>} the chain from the include directories on. The chain
 * is {@code -iquote}, {@code -I}, system directories, then the built-in headers (a directory that is not on disk).
 * {@code #include_next} continues after the directory the current file was found in.
 */
final class HeaderSearch {
    /** One directory of the chain: a directory on disk, or the built-in headers (when {@code path} is null). */
    private record Directory(Path path) {
        String describe() {
            return path == null ? "<built-in>" : path.toString();
        }
    }

    private final List<Directory> chain = new ArrayList<>();
    private final int angledStart;

    HeaderSearch(PreprocessorConfig config) {
        config.quoteDirectories().forEach(p -> chain.add(new Directory(p)));
        angledStart = chain.size();
        config.includeDirectories().forEach(p -> chain.add(new Directory(p)));
        config.systemDirectories().forEach(p -> chain.add(new Directory(p)));
        if (config.builtInHeaders()) {
            chain.add(new Directory(null));
        }
    }

    /**
     * Finds {@code name}, or returns null.
     *
     * @param includer the directory of the including file (searched first for {@code "x.h"}), or null
     * @param after    for {@code #include_next}, the chain index of the directory the current file came from
     *                 (the search continues after it); -1 for a plain include
     */
    HeaderFile find(String name, boolean angled, Path includer, int after) {
        Path asPath;
        try {
            asPath = Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
        if (asPath.isAbsolute()) {
            return Files.isRegularFile(asPath) ? HeaderFile.onDisk(asPath, name, -1) : null;
        }
        int start = angled ? angledStart : 0;
        if (after >= 0) {
            start = after + 1;
        } else if (!angled && includer != null) {
            Path p = includer.resolve(name);
            if (Files.isRegularFile(p)) {
                return HeaderFile.onDisk(p, p.toString(), -1);
            }
        }
        for (int i = start; i < chain.size(); i++) {
            Path dir = chain.get(i).path();
            if (dir == null) {
                if (BuiltInHeaders.NAMES.contains(name)) {
                    return new HeaderFile(BuiltInHeaders.PREFIX + name, BuiltInHeaders.PREFIX + name, null, i);
                }
                continue;
            }
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return HeaderFile.onDisk(p, p.toString(), i);
            }
        }
        return null;
    }

    /** The directories {@link #find} looked in, for the error that says a header was not found. */
    List<String> searched(boolean angled, Path includer, int after) {
        List<String> dirs = new ArrayList<>();
        int start = angled ? angledStart : 0;
        if (after >= 0) {
            start = after + 1;
        } else if (!angled && includer != null) {
            dirs.add(includer.toString().isEmpty() ? "." : includer.toString());
        }
        for (int i = start; i < chain.size(); i++) {
            dirs.add(chain.get(i).describe());
        }
        return dirs;
    }
}
