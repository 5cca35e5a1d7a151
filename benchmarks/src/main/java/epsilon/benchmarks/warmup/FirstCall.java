package epsilon.benchmarks.warmup;

/**
 * The child process of {@code FirstCallBenchmark}: in a fresh JVM, makes one level ready and calls
 * {@code labs(-7)} once, then prints {@code first <level> <result> <nanos>} where nanos is the time from
 * {@code main} to the result (the part of the first call that is the library's, without the JVM's own start).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar epsilon.benchmarks.warmup.FirstCall epsilonBound
 * </pre>
 */
public final class FirstCall {
    private FirstCall() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FirstCall LEVEL; levels: " + LabsCall.LEVELS);
        }
        long start = System.nanoTime();
        long result = LabsCall.forLevel(args[0]).labs(-7);
        long nanos = System.nanoTime() - start;
        System.out.println("first " + args[0] + " " + result + " " + nanos);
        System.out.flush();
    }
}
