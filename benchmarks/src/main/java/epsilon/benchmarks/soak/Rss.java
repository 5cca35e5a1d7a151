package epsilon.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident set size, as the kernel reports it in {@code /proc/self/status} (Linux only). */
final class Rss {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Rss() {}

    /** Whether this system has {@code /proc/self/status} to read. */
    static boolean available() {
        return Files.isReadable(STATUS);
    }

    /** {@return {@code VmRSS} in KiB} */
    static long kib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) { // "VmRSS:	  123456 kB"
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS, e);
        }
        throw new IllegalStateException(STATUS + " has no VmRSS line");
    }
}
