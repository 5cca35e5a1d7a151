package epsilon.benchmarks.soak;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.NativeType;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.zip.CRC32;

/**
 * The ways a user calls C, one {@link CallLevel} each, every call checked against what Java computes for the same
 * input. Only the library's public API is used, as a user would write it.
 */
final class CallLevels {
    /** The levels the soak runs by default, in order. */
    static final List<String> NAMES = List.of("call-by-name", "shared-call-prototype", "defshared", "bound-interface",
            "callback-qsort", "string-strlen", "struct-by-value-div", "out-parameter-frexp");
    /** A level that leaks on purpose, for {@code --control}: the soak must fail on it. */
    static final String CONTROL_LEAK = "control-leak";

    static final String CRC32_PROTOTYPE =
            "unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len)";
    static final String INT_COMPARATOR = "int (*)(const int *, const int *)";
    private static final List<CType> ONE_STRING = List.of(CType.STRING);
    /** Over the 64 KiB per-thread frame that a call's temporaries come from, so the overflow path runs too. */
    private static final int LONG_STRING_LENGTH = 100_000;
    private static final int CONTROL_LEAK_BYTES = 4096;
    private static final long CONTROL_LEAK_CAP = 64L << 20;

    private CallLevels() {}

    /** One way of calling C, called over and over by the soak. */
    interface CallLevel extends AutoCloseable {
        String name();

        /** What the user writes, for the report. */
        String entryPoint();

        /** Makes call number {@code i}: {@code null} when C's answer is right, otherwise what was wrong. */
        String call(long i);

        /** Called once, when the warm-up is over and the measured calls begin. */
        default void measuring() {}

        @Override
        default void close() {}
    }

    /** A level whose calls need nothing to be set up or torn down. */
    private record Plain(String name, String entryPoint, LongFunction<String> body) implements CallLevel {
        @Override
        public String call(long i) {
            return body.apply(i);
        }
    }

    /** The functions of libm the bound-interface level calls, declared as a user would. */
    public interface Libm {
        double ldexp(double x, int exponent);
    }

    /** A fresh instance of the level called {@code name}. */
    static CallLevel create(String name) {
        return switch (name) {
            case "call-by-name" -> new Plain(name, "Foreign.call(\"labs\", long)", CallLevels::labs);
            case "shared-call-prototype" -> new Plain(name, "Foreign.sharedCall(\"double sqrt(double x)\", \"m\", x)",
                    CallLevels::sqrt);
            case "defshared" -> new Plain(name, "Foreign.defshared(\"unsigned long crc32(...)\", \"z\").invoke(0L,"
                    + " byte[], len)", CallLevels::crc32);
            case "bound-interface" -> new Plain(name, "Foreign.bind(Libm.class, \"m\").ldexp(x, e)",
                    CallLevels::ldexp);
            case "callback-qsort" -> new QsortLevel();
            case "string-strlen" -> new Plain(name, "Foreign.sharedCall(\"strlen\", \"c\", SIZE_T, [STRING], String)",
                    CallLevels::strlen);
            case "struct-by-value-div" -> new Plain(name, "(StructView) Foreign.call(\"div\", int, int)",
                    CallLevels::div);
            case "out-parameter-frexp" -> new Plain(name, "Foreign.call(\"frexp\", x, ByReference.empty(Integer.class))",
                    CallLevels::frexp);
            case CONTROL_LEAK -> new LeakLevel();
            default -> throw new IllegalArgumentException("unknown level '" + name + "'");
        };
    }

    private static String labs(long i) {
        long x = (i & 1) == 0 ? -31 * i : 31 * i;
        long result = (long) Foreign.call("labs", x);
        return result == Math.abs(x) ? null : "labs(" + x + ") returned " + result;
    }

    private static String sqrt(long i) {
        double x = i * 0.5 + 0.25;
        double result = (double) Foreign.sharedCall("double sqrt(double x)", "m", x);
        return Double.compare(result, Math.sqrt(x)) == 0 ? null : "sqrt(" + x + ") returned " + result;
    }

    /** Holders, so that a level's setup happens when the level is first used, not when the class loads. */
    private static final class Crc {
        static final ForeignFunction CRC32 = Foreign.defshared(CRC32_PROTOTYPE, "z");
        static final byte[][] BUFFERS = new byte[32][];
        static final long[] EXPECTED = new long[BUFFERS.length];

        static {
            Random random = new Random(12);
            for (int k = 0; k < BUFFERS.length; k++) {
                BUFFERS[k] = new byte[1 + (k * 37) % 512];
                random.nextBytes(BUFFERS[k]);
                CRC32 crc = new CRC32();
                crc.update(BUFFERS[k]);
                EXPECTED[k] = crc.getValue();
            }
        }
    }

    private static String crc32(long i) {
        int k = (int) (i % Crc.BUFFERS.length);
        byte[] buffer = Crc.BUFFERS[k];
        long result = (long) Crc.CRC32.invoke(0L, buffer, buffer.length);
        return result == Crc.EXPECTED[k] ? null : "crc32 of buffer " + k + " returned " + result + ", Java says "
                + Crc.EXPECTED[k];
    }

    private static final class Bound {
        static final Libm LIBM = Foreign.bind(Libm.class, "m");
    }

    private static String ldexp(long i) {
        double x = 1.0 + (i % 1000) / 1000.0;
        int exponent = (int) (i % 200) - 100;
        double result = Bound.LIBM.ldexp(x, exponent);
        return Double.compare(result, Math.scalb(x, exponent)) == 0 ? null
                : "ldexp(" + x + ", " + exponent + ") returned " + result;
    }

    private static final class Strings {
        static final String[] TEXTS = new String[64];
        static final long[] BYTES = new long[TEXTS.length];
        static final String LONG_TEXT = "x".repeat(LONG_STRING_LENGTH);

        static {
            String[] pieces = {"a", "epsilon", "é", "日本", " ", "0123456789", "ß", "\uD83D\uDE00"};
            for (int k = 0; k < TEXTS.length; k++) {
                StringBuilder text = new StringBuilder();
                for (int j = 0; j < k * 3; j++) {
                    text.append(pieces[(k + j) % pieces.length]);
                }
                TEXTS[k] = text.toString();
                BYTES[k] = TEXTS[k].getBytes(StandardCharsets.UTF_8).length;
            }
        }
    }

    private static String strlen(long i) {
        boolean longOne = i % 4096 == 4095;
        int k = (int) (i % Strings.TEXTS.length);
        String text = longOne ? Strings.LONG_TEXT : Strings.TEXTS[k];
        long expected = longOne ? LONG_STRING_LENGTH : Strings.BYTES[k];
        long result = (long) Foreign.sharedCall("strlen", "c", CType.SIZE_T, ONE_STRING, text);
        return result == expected ? null : "strlen of a " + text.length() + "-char string returned " + result
                + ", its UTF-8 has " + expected + " bytes";
    }

    private static String div(long i) {
        int numerator = (int) (i * 2_654_435_761L);
        int denominator = (int) (i % 97 + 2) * ((i & 1) == 0 ? 1 : -1);
        StructView result = (StructView) Foreign.call("div", numerator, denominator);
        Object quot = result.get("quot");
        Object rem = result.get("rem");
        return quot.equals(numerator / denominator) && rem.equals(numerator % denominator) ? null
                : "div(" + numerator + ", " + denominator + ") returned " + result;
    }

    private static String frexp(long i) {
        double x = Math.scalb(1.0 + (i % 4096) / 4096.0, (int) (i % 128) - 64);
        ByReference<Integer> exponent = ByReference.empty(Integer.class);
        double mantissa = (double) Foreign.call("frexp", x, exponent);
        int expected = Math.getExponent(x) + 1;
        return exponent.get() != null && exponent.get() == expected
                && Double.compare(mantissa, Math.scalb(x, -expected)) == 0 ? null
                : "frexp(" + x + ") returned " + mantissa + " and " + exponent.get();
    }

    /** qsort of four ints through one typed callback, counting the calls C makes back. */
    private static final class QsortLevel implements CallLevel {
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment numbers = arena.allocate(ValueLayout.JAVA_INT, 4);
        private long upcalls;
        private final Callback comparator = Callbacks.of(Comparator.class, (Comparator<MemorySegment>) (a, b) -> {
            upcalls++;
            return Integer.compare(a.get(ValueLayout.JAVA_INT, 0), b.get(ValueLayout.JAVA_INT, 0));
        }, INT_COMPARATOR);

        @Override
        public String name() {
            return "callback-qsort";
        }

        @Override
        public String entryPoint() {
            return "Foreign.call(\"qsort\", int[4] segment, 4L, 4L, Callbacks.of(Comparator.class, ...))";
        }

        @Override
        public String call(long i) {
            int permutation = (int) (i % 24);
            int[] values = {0, 1, 2, 3};
            for (int k = 3; k > 0; k--) { // the permutation's factorial-base digits pick each position
                int pick = permutation % (k + 1);
                permutation /= k + 1;
                int swap = values[k];
                values[k] = values[pick];
                values[pick] = swap;
            }
            MemorySegment.copy(values, 0, numbers, ValueLayout.JAVA_INT, 0, 4);
            long before = upcalls;
            Foreign.call("qsort", numbers, 4L, 4L, comparator);
            long made = upcalls - before;
            for (int k = 0; k < 4; k++) {
                if (numbers.getAtIndex(ValueLayout.JAVA_INT, k) != k) {
                    return "qsort left " + java.util.Arrays.toString(numbers.toArray(ValueLayout.JAVA_INT));
                }
            }
            return made >= 3 ? null : "qsort of 4 ints called the comparator " + made + " times";
        }

        @Override
        public void close() {
            comparator.close();
            arena.close();
        }
    }

    /** Leaks 4 KiB per measured call (malloc, touched with memset, never freed), up to 64 MiB. */
    private static final class LeakLevel implements CallLevel {
        private boolean measuring;
        private long leaked;

        @Override
        public String name() {
            return CONTROL_LEAK;
        }

        @Override
        public String entryPoint() {
            return "Foreign.call(\"malloc\", 4096L) then memset, never freed (a planted leak)";
        }

        @Override
        public void measuring() {
            measuring = true;
        }

        @Override
        public String call(long i) {
            if (measuring && leaked < CONTROL_LEAK_CAP) {
                MemorySegment block = (MemorySegment) Foreign.call("malloc", (long) CONTROL_LEAK_BYTES);
                Foreign.call("memset", block, 0x5A, (long) CONTROL_LEAK_BYTES);
                leaked += CONTROL_LEAK_BYTES;
            }
            return null;
        }
    }
}
