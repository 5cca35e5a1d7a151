package epsilon.foreign.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what a user writes for a library ({@code "libc"}, {@code "c"}, {@code "m"}, {@code "libm.so.6"},
 * {@code "/opt/x/libfoo.so"}) into the ordered list of names and paths to hand to the dynamic loader.
 *
 * <p>Short names are canonicalised by dropping a {@code lib} prefix and a platform suffix, then mapped
 * through a table of well-known sonames (Linux: {@code libc.so.6}, {@code libm.so.6}, ...; macOS: the C
 * library lives in {@code libSystem.B.dylib}; Windows: {@code ucrtbase.dll}/{@code msvcrt.dll}). After the
 * table come the conventional file names, then every {@code libNAME.so.N} found in the search directories,
 * highest version first. Unversioned {@code .so} files on Linux are often linker scripts, not libraries,
 * so versioned names are tried before them.
 */
public final class LibraryNames {
    private static final Map<String, List<String>> LINUX_SONAMES = Map.ofEntries(
            Map.entry("c", List.of("libc.so.6")),
            Map.entry("m", List.of("libm.so.6")),
            Map.entry("pthread", List.of("libpthread.so.0")),
            Map.entry("dl", List.of("libdl.so.2")),
            Map.entry("rt", List.of("librt.so.1")),
            Map.entry("z", List.of("libz.so.1")),
            Map.entry("ssl", List.of("libssl.so.3", "libssl.so.1.1")),
            Map.entry("crypto", List.of("libcrypto.so.3", "libcrypto.so.1.1")));
    private static final Map<String, List<String>> MACOS_NAMES = Map.of(
            "c", List.of("libSystem.B.dylib", "/usr/lib/libSystem.B.dylib"),
            "m", List.of("libSystem.B.dylib", "/usr/lib/libSystem.B.dylib"),
            "pthread", List.of("libSystem.B.dylib", "/usr/lib/libSystem.B.dylib"),
            "dl", List.of("libSystem.B.dylib", "/usr/lib/libSystem.B.dylib"));
    private static final Map<String, List<String>> WINDOWS_NAMES = Map.of(
            "c", List.of("ucrtbase.dll", "msvcrt.dll"),
            "m", List.of("ucrtbase.dll", "msvcrt.dll"));

    private final Platform platform;
    private final List<Path> searchDirectories;
    private final boolean withDefaults;

    /**
     * @param platform          whose naming rules apply
     * @param searchDirectories directories scanned for versioned file names, in order
     */
    public LibraryNames(Platform platform, List<Path> searchDirectories) {
        this(platform, searchDirectories, false);
    }

    private LibraryNames(Platform platform, List<Path> searchDirectories, boolean withDefaults) {
        this.platform = platform;
        this.searchDirectories = List.copyOf(searchDirectories);
        this.withDefaults = withDefaults;
    }

    /**
     * This JVM's platform, searching {@code first} and then its {@linkplain #defaultSearchDirectories default
     * directories}: those are listed (the environment read) only when a directory scan needs them, which a
     * well-known name such as {@code "c"} never does.
     */
    public static LibraryNames searching(List<Path> first) {
        return new LibraryNames(Platform.CURRENT, first, true);
    }

    /** The naming rules of this JVM's platform with its default search directories. */
    public static LibraryNames forCurrentPlatform() {
        return new LibraryNames(Platform.CURRENT, defaultSearchDirectories(Platform.CURRENT));
    }

    /** The directories a platform's loader conventionally searches, plus {@code LD_LIBRARY_PATH}/{@code DYLD_LIBRARY_PATH}. */
    public static List<Path> defaultSearchDirectories(Platform platform) {
        List<Path> dirs = new ArrayList<>();
        String variable = platform == Platform.MACOS ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH";
        String fromEnvironment = platform == Platform.WINDOWS ? null : System.getenv(variable);
        if (fromEnvironment != null) {
            for (String part : fromEnvironment.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
        switch (platform) {
            case LINUX, UNIX -> {
                String arch = System.getProperty("os.arch", "");
                String triple = switch (arch) {
                    case "amd64", "x86_64" -> "x86_64-linux-gnu";
                    case "aarch64", "arm64" -> "aarch64-linux-gnu";
                    default -> arch + "-linux-gnu";
                };
                addAll(dirs, "/lib/" + triple, "/usr/lib/" + triple, "/lib64", "/usr/lib64", "/lib", "/usr/lib",
                        "/usr/local/lib");
            }
            case MACOS -> addAll(dirs, "/usr/lib", "/usr/local/lib", "/opt/homebrew/lib");
            case WINDOWS -> {
                String root = System.getenv("SystemRoot");
                if (root != null) {
                    dirs.add(Path.of(root, "System32"));
                }
            }
        }
        return dirs;
    }

    /** The current platform's default directories, listed once, when first needed. */
    private static final class DefaultDirectories {
        static final List<Path> CURRENT = List.copyOf(defaultSearchDirectories(Platform.CURRENT));
    }

    /** A loop, not a stream of method references: those would spin classes on a program's first call. */
    private static void addAll(List<Path> dirs, String... paths) {
        for (String path : paths) {
            dirs.add(Path.of(path));
        }
    }

    /**
     * Canonical short name of a library reference: {@code "libm"}, {@code "m"} and {@code "libm.so"} all give
     * {@code "m"}; {@code "libc"} and {@code "c"} give {@code "c"}. A path or versioned file name is returned as is.
     */
    public String canonical(String reference) {
        if (isPathLike(reference) || isVersionedFileName(reference)) {
            return reference;
        }
        String name = reference;
        if (name.endsWith(platform.suffix())) {
            name = name.substring(0, name.length() - platform.suffix().length());
        }
        if (!platform.prefix().isEmpty() && name.startsWith(platform.prefix()) && name.length() > platform.prefix().length()) {
            name = name.substring(platform.prefix().length());
        }
        return name;
    }

    /**
     * The names to try before {@link #candidates}' full list: the reference itself when it is a path or a
     * versioned file name, else the platform's well-known names for it (possibly none). Trying these first spares
     * the common case ({@code "c"}, {@code "m"}, {@code "z"}) the scan of every search directory.
     */
    public List<String> wellKnownCandidates(String reference) {
        if (isPathLike(reference) || isVersionedFileName(reference)) {
            return List.of(reference);
        }
        return wellKnown(canonical(reference));
    }

    /** Every name or path to try, in order, for a library reference; never empty. */
    public List<String> candidates(String reference) {
        Set<String> out = new LinkedHashSet<>();
        if (isPathLike(reference) || isVersionedFileName(reference)) {
            out.add(reference);
            return List.copyOf(out);
        }
        String base = canonical(reference);
        out.addAll(wellKnown(base));
        String fileName = platform.prefix() + base + platform.suffix();
        out.addAll(versionedFilesInSearchDirectories(platform.prefix() + base));
        out.add(fileName);
        if (!reference.equals(fileName)) {
            out.add(reference);
        }
        return List.copyOf(out);
    }

    private List<String> wellKnown(String base) {
        return switch (platform) {
            case LINUX -> LINUX_SONAMES.getOrDefault(base, List.of());
            case MACOS -> MACOS_NAMES.getOrDefault(base, List.of());
            case WINDOWS -> WINDOWS_NAMES.getOrDefault(base, List.of());
            case UNIX -> List.of();
        };
    }

    /** {@code libNAME.so.N[.M]} files in the search directories, highest version first (ELF platforms only). */
    private List<String> versionedFilesInSearchDirectories(String stem) {
        if (platform != Platform.LINUX && platform != Platform.UNIX) {
            return List.of();
        }
        String prefix = stem + platform.suffix() + ".";
        List<Path> found = new ArrayList<>();
        List<Path> directories = searchDirectories;
        if (withDefaults) {
            directories = new ArrayList<>(searchDirectories);
            directories.addAll(DefaultDirectories.CURRENT);
        }
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9][0-9.]*");
                }).forEach(found::add);
            } catch (IOException | SecurityException unreadable) {
                // An unreadable directory simply contributes no candidates.
            }
        }
        found.sort(Comparator.comparing((Path p) -> versionKey(p.getFileName().toString().substring(prefix.length())))
                .reversed());
        return found.stream().map(Path::toString).toList();
    }

    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            // Zero-padded by hand: String.format would load the Formatter and locale data on a first call.
            String digits = Long.toString(part.isEmpty() ? 0 : Math.min(Long.parseLong(part), 99_999_999L));
            key.append("0".repeat(8 - digits.length())).append(digits);
        }
        return key.toString();
    }

    private static boolean isPathLike(String reference) {
        return reference.indexOf('/') >= 0 || reference.indexOf('\\') >= 0;
    }

    /** {@code libm.so.6}: a file name with a version after the suffix, handed to the loader unchanged. */
    private boolean isVersionedFileName(String reference) {
        return reference.contains(platform.suffix() + ".");
    }
}
