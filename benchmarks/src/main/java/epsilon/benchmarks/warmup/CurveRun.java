package epsilon.benchmarks.warmup;

/**
 * One warm-up curve in a fresh JVM: calls one level's {@code labs} in a loop for {@code seconds} and prints, per
 * slice of {@code sliceMillis}, the mean ns per call in that slice ({@code curve <level> <ns> <ns> ...}). The clock
 * starts after the first call, which {@code FirstCallBenchmark} measures on its own.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar epsilon.benchmarks.warmup.CurveRun LEVEL SECONDS SLICE_MS
 * </pre>
 */
public final class CurveRun {
    /** Calls between two reads of the clock: short against a slice even for a slow interpreted call. */
    private static final int BATCH = 64;

    private CurveRun() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: CurveRun LEVEL SECONDS SLICE_MS; levels: " + LabsCall.LEVELS);
        }
        LabsCall call = LabsCall.forLevel(args[0]);
        double[] slices = curve(call, Double.parseDouble(args[1]), Long.parseLong(args[2]));
        StringBuilder line = new StringBuilder("curve ").append(args[0]);
        for (double ns : slices) {
            line.append(' ').append(String.format(java.util.Locale.ROOT, "%.3f", ns));
        }
        System.out.println(line);
    }

    /** ns per call in each slice; the sum of results goes to stderr so that no call can be dropped. */
    static double[] curve(LabsCall call, double seconds, long sliceMillis) {
        long sink = call.labs(-7);
        long slice = sliceMillis * 1_000_000L;
        int count = (int) Math.round(seconds * 1000 / sliceMillis);
        double[] out = new double[count];
        long sliceStart = System.nanoTime();
        long sliceEnd = sliceStart + slice;
        long calls = 0;
        long value = -7;
        int index = 0;
        while (index < count) {
            for (int i = 0; i < BATCH; i++) {
                sink += call.labs(value);
                value ^= 1;
            }
            calls += BATCH;
            long now = System.nanoTime();
            if (now >= sliceEnd) {
                out[index++] = (double) (now - sliceStart) / calls;
                calls = 0;
                sliceStart = now;
                sliceEnd += slice;
                if (sliceEnd <= now) {
                    sliceEnd = now + slice;
                }
            }
        }
        System.err.println("sink " + sink);
        return out;
    }
}
