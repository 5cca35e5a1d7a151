package epsilon.foreign.stress;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.Library;
import epsilon.foreign.NativeType;
import epsilon.foreign.marshalling.ClosedLibraryError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls into zlib from eight threads, by name, through resolved functions and through a bound interface, or looks
 * its symbols up, while another thread opens and closes the library over and over. Every call must give the right
 * result or a {@link ClosedLibraryError}; anything else (another exception, a wrong result) is printed and the
 * program exits with 1; a crash kills the JVM, which the test that forks it sees. Prints the counts on success.
 *
 * <p>Run by {@code LibraryCloseRaceTest} in a child JVM; the argument is the duration in milliseconds.
 */
public final class LibraryCloseStress {
    private LibraryCloseStress() {}

    /** zlib bound as an interface: a string result pointing into the library, and a plain number. */
    public interface Zlib {
        String zlibVersion();

        @NativeType("unsigned long")
        long compressBound(@NativeType("unsigned long") long sourceLength);
    }

    public static void main(String[] args) throws Exception {
        long duration = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        String version = Foreign.defshared("const char *zlibVersion(void)", "z").invoke().toString();
        long expectedBound = (long) Foreign.defshared("unsigned long compressBound(unsigned long n)", "z").invoke(1000L);
        long deadline = System.nanoTime() + duration * 1_000_000;
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int kind = i % 4;
            threads.add(Thread.ofPlatform().name("caller-" + i).start(() -> {
                ForeignFunction resolved = null;
                Zlib bound = null;
                while (System.nanoTime() < deadline && failures.isEmpty()) {
                    try {
                        Object result;
                        Object expected;
                        switch (kind) {
                            case 0 -> {
                                result = Foreign.sharedCall("const char *zlibVersion(void)", "z");
                                expected = version;
                            }
                            case 1 -> {
                                if (resolved == null) {
                                    resolved = Foreign.defshared("const char *zlibVersion(void)", "z");
                                }
                                result = resolved.invoke();
                                expected = version;
                            }
                            case 3 -> { // a symbol lookup, which dlsym answers on a library just reopened
                                String symbol = SYMBOLS[(int) (FLIP.incrementAndGet() % SYMBOLS.length)];
                                result = Foreign.libOpen("z").find(symbol).isPresent();
                                expected = Boolean.TRUE;
                            }
                            default -> {
                                if (bound == null) {
                                    bound = Foreign.bind(Zlib.class, "z");
                                }
                                boolean text = (FLIP.incrementAndGet() & 1) == 0;
                                result = text ? bound.zlibVersion() : bound.compressBound(1000L);
                                expected = text ? version : expectedBound;
                            }
                        }
                        if (!expected.equals(result)) {
                            failures.add(new AssertionError("expected " + expected + " but got " + result));
                        }
                        counts.computeIfAbsent("right", k -> new AtomicLong()).incrementAndGet();
                    } catch (ClosedLibraryError closed) {
                        counts.computeIfAbsent("closed", k -> new AtomicLong()).incrementAndGet();
                        resolved = null; // as a program would: resolve again after the library comes back
                        bound = null;
                    } catch (Throwable unexpected) {
                        failures.add(unexpected);
                    }
                }
            }));
        }
        Thread closer = Thread.ofPlatform().name("closer").start(() -> {
            while (System.nanoTime() < deadline && failures.isEmpty()) {
                try {
                    Library zlib = Foreign.libOpen("z");
                    Thread.sleep(0, 200_000);
                    zlib.close();
                    counts.computeIfAbsent("closes", k -> new AtomicLong()).incrementAndGet();
                } catch (Throwable unexpected) {
                    failures.add(unexpected);
                }
            }
        });
        for (Thread thread : threads) {
            thread.join();
        }
        closer.join();
        if (!failures.isEmpty()) {
            System.out.println("FAILED with " + failures.size() + " unexpected outcomes; the first:");
            failures.getFirst().printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("OK " + new java.util.TreeMap<>(counts));
    }

    private static final AtomicLong FLIP = new AtomicLong();
    private static final String[] SYMBOLS = {"zlibVersion", "compressBound", "crc32", "adler32", "deflate",
        "inflate", "deflateEnd", "inflateEnd", "compress", "uncompress"};
}
