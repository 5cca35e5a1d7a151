package epsilon.foreign.memorypool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The misuses that would free a block twice or write into freed memory if a check of the pool were missing
 * (glibc aborts the process on a double free; the JDK cannot stop C's free), run in a child JVM so that a crash
 * fails this test instead of killing the test run. The child must answer each as documented and exit normally.
 */
class MemoryPoolCrashGuardTest {

    private static final List<String> EXPECTED = List.of(
            "refused release of an unpooled lease twice: lease 100000 B at 0x... of pool 'guard' released twice",
            "refused release of an unpooled lease after a reset: cannot release lease 100000 B at 0x...: pool 'guard'"
                    + " was reset after it was acquired",
            "refused write through an unpooled segment kept past its release: Already closed",
            "refused write through an unpooled segment kept past a reset: Already closed",
            "refused release in debug mode after close (the poison would go into freed memory): cannot release lease"
                    + " 64 B at 0x...: pool 'debug' is closed",
            "refused release of an unpooled lease after close: cannot release lease 200000 B at 0x...: pool 'guard'"
                    + " is closed",
            "refused write through a pooled segment kept past close: Already closed",
            "refused segment() of a lease after close: cannot use lease 200000 B at 0x...: pool 'guard' is closed",
            "survived close of a pooled arena holding an unpooled segment, after its pool's close",
            "survived close of a closed pool",
            "refused acquire from a closed pool: pool 'guard' is closed: cannot acquire 16 B");

    @Test
    void shouldAnswerEveryMisuseThatCouldFreeTwiceInAChildJvmThatThenExitsNormally() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String crashReport = System.getProperty("java.io.tmpdir") + "/epsilon-pool-crash-guard-%p.log";
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-XX:ErrorFile=" + crashReport, "-XX:-CreateCoredumpOnCrash",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                "-cp", System.getProperty("java.class.path"), Cases.class.getName())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                child.getInputStream().transferTo(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        reader.join(10_000);
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(finished, "the child hung: " + printed);
        assertEquals(0, child.exitValue(), "the child did not exit normally:\n" + printed);
        assertEquals(String.join("\n", EXPECTED) + "\nall " + EXPECTED.size() + " answered\n", printed);
    }

    /** The child: anything but the documented answer exits with status 1. */
    public static final class Cases {
        private static int answered;

        private Cases() {}

        private interface Call {
            void run() throws Exception;
        }

        private static void refuse(String name, Class<? extends RuntimeException> type, Call call) throws Exception {
            try {
                call.run();
            } catch (RuntimeException e) {
                if (e.getClass() == type) {
                    System.out.println("refused " + name + ": " + e.getMessage().replaceAll("0x[0-9a-f]+", "0x..."));
                    answered++;
                    return;
                }
                throw e;
            }
            System.out.println("NOT refused: " + name);
            System.exit(1);
        }

        private static void survive(String name, Call call) throws Exception {
            call.run();
            System.out.println("survived " + name);
            answered++;
        }

        public static void main(String[] args) throws Exception {
            MemoryPool pool = MemoryPool.create("guard");
            Lease twice = pool.acquire(100_000);
            MemorySegment releasedSegment = twice.segment();
            twice.close();
            refuse("release of an unpooled lease twice", PoolMisuseException.class, twice::close);
            Lease beforeReset = pool.acquire(100_000);
            MemorySegment resetSegment = beforeReset.segment();
            pool.reset();
            refuse("release of an unpooled lease after a reset", PoolMisuseException.class, beforeReset::close);
            refuse("write through an unpooled segment kept past its release", IllegalStateException.class,
                    () -> releasedSegment.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
            refuse("write through an unpooled segment kept past a reset", IllegalStateException.class,
                    () -> resetSegment.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));

            MemoryPool debug = MemoryPool.create("debug", PoolConfig.defaults().withDebug(true));
            Lease poisoned = debug.acquire(64);
            debug.close();
            refuse("release in debug mode after close (the poison would go into freed memory)",
                    PoolMisuseException.class, poisoned::close);

            Lease unpooled = pool.acquire(200_000);
            Lease pooled = pool.acquire(64);
            MemorySegment kept = pooled.segment();
            PooledArena arena = pool.newArena();
            arena.allocate(300_000);
            pool.close();
            refuse("release of an unpooled lease after close", PoolMisuseException.class, unpooled::close);
            refuse("write through a pooled segment kept past close", IllegalStateException.class,
                    () -> kept.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
            refuse("segment() of a lease after close", PoolMisuseException.class, unpooled::segment);
            survive("close of a pooled arena holding an unpooled segment, after its pool's close", arena::close);
            survive("close of a closed pool", pool::close);
            refuse("acquire from a closed pool", PoolMisuseException.class, () -> pool.acquire(16));
            System.out.println("all " + answered + " answered");
        }
    }
}
