package epsilon.foreign.internal;

import java.util.Locale;

/** The operating system the JVM runs on, as far as library naming is concerned. */
public enum Platform {
    LINUX("lib", ".so"),
    MACOS("lib", ".dylib"),
    WINDOWS("", ".dll"),
    /** Other Unix-likes (FreeBSD, ...): ELF naming without Linux's soname table. */
    UNIX("lib", ".so");

    /** The platform of this JVM. */
    public static final Platform CURRENT = detect(System.getProperty("os.name", ""));

    private final String prefix;
    private final String suffix;

    Platform(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** The conventional file-name prefix of a shared library ({@code "lib"}, or empty on Windows). */
    public String prefix() {
        return prefix;
    }

    /** The conventional file-name suffix of a shared library ({@code ".so"}, {@code ".dylib"}, {@code ".dll"}). */
    public String suffix() {
        return suffix;
    }

    static Platform detect(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return LINUX;
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return MACOS;
        }
        if (os.contains("windows")) {
            return WINDOWS;
        }
        return UNIX;
    }
}
