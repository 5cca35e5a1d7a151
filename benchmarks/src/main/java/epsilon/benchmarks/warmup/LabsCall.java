package epsilon.benchmarks.warmup;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.sun.jna.Native;
import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.marshalling.CType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@code labs} at one level, made ready by {@link #forLevel}: each level is its own nested class, so a fresh JVM
 * that asks for one level loads and initialises that level's classes and no other's (the first-call figures
 * would otherwise include every level's set-up), and the loop that calls it sees one receiver class.
 */
public abstract class LabsCall {
    /** The levels, by the benchmark method name the report uses; {@code panamaRaw} is the baseline. */
    public static final List<String> LEVELS = List.of("panamaRaw", "jnaDirect", "jnaInterface", "jnrFfi",
            "inlineLibc", "epsilonSharedCall", "epsilonSharedCallFast", "epsilonForeignFunction", "epsilonBound",
            "epsilonCall", "epsilonGenerated");

    /** One call of {@code labs(value)}. */
    public abstract long labs(long value);

    /**
     * The level named {@code level}, with its library, symbol and signature resolved (the cost a first call pays).
     *
     * @param level one of {@link #LEVELS}
     * @return the level's call
     * @throws IllegalArgumentException for another name
     */
    public static LabsCall forLevel(String level) {
        return switch (level) {
            case "panamaRaw" -> new PanamaRaw();
            case "jnaDirect" -> new JnaDirect();
            case "jnaInterface" -> new JnaInterface();
            case "jnrFfi" -> new JnrFfi();
            case "inlineLibc" -> new InlineLibc();
            case "epsilonSharedCall" -> new SharedCall();
            case "epsilonSharedCallFast" -> new SharedCallFast();
            case "epsilonForeignFunction" -> new DefsharedPrototype();
            case "epsilonBound" -> new Bound();
            case "epsilonCall" -> new KnownPrototype();
            case "epsilonGenerated" -> new Generated();
            default -> throw new IllegalArgumentException("unknown level '" + level + "'; levels: " + LEVELS);
        };
    }

    /** labs for the annotation processor: javac writes {@code LabsCall_GeneratedLabsNative}. */
    @epsilon.foreign.optimize.NativeLibrary("c")
    public interface GeneratedLabs {
        long labs(long value);
    }

    private static final class Generated extends LabsCall {
        private static final GeneratedLabs LIBC = LabsCall_GeneratedLabsNative.bind();

        @Override
        public long labs(long value) {
            return LIBC.labs(value);
        }
    }

    /** The interface {@code bind}, JNA and JNR-FFI implement. */
    public interface Labs {
        long labs(long value);
    }

    private static final class PanamaRaw extends LabsCall {
        private static final MethodHandle LABS = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("labs").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));

        @Override
        public long labs(long value) {
            try {
                return (long) LABS.invokeExact(value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** JNA's direct mapping: the native method's name is the symbol's. */
    private static final class JnaDirectLibc {
        static {
            Native.register("c");
        }

        private JnaDirectLibc() {}

        static native long labs(long value);
    }

    private static final class JnaDirect extends LabsCall {
        @Override
        public long labs(long value) {
            return JnaDirectLibc.labs(value);
        }
    }

    /** JNA's interface mapping needs a public interface that extends its Library. */
    public interface JnaLabs extends com.sun.jna.Library {
        long labs(long value);
    }

    private static final class JnaInterface extends LabsCall {
        private static final JnaLabs LIBC = Native.load("c", JnaLabs.class);

        @Override
        public long labs(long value) {
            return LIBC.labs(value);
        }
    }

    private static final class JnrFfi extends LabsCall {
        private static final Labs LIBC = jnr.ffi.LibraryLoader.create(Labs.class).load("c");

        @Override
        public long labs(long value) {
            return LIBC.labs(value);
        }
    }

    private static final class InlineLibc extends LabsCall {
        @Override
        public long labs(long value) {
            return epsilon.foreign.inline.Libc.labs(value);
        }
    }

    private static final class SharedCall extends LabsCall {
        private static final List<CType> LONG_ARGUMENT = List.of(CType.LONG);

        @Override
        public long labs(long value) {
            return (long) Foreign.sharedCall("labs", "c", CType.LONG, LONG_ARGUMENT, value);
        }
    }

    private static final class SharedCallFast extends LabsCall {
        private static final List<CType> LONG_ARGUMENT = List.of(CType.LONG);

        @Override
        public long labs(long value) {
            return (long) Foreign.sharedCallFast("labs", "c", CType.LONG, LONG_ARGUMENT, value);
        }
    }

    private static final class DefsharedPrototype extends LabsCall {
        private static final ForeignFunction LABS = Foreign.defshared("long labs(long j)", "c");

        @Override
        public long labs(long value) {
            return (long) LABS.invoke(value);
        }
    }

    private static final class Bound extends LabsCall {
        private static final Labs LIBC = Foreign.bind(Labs.class, "c");

        @Override
        public long labs(long value) {
            return LIBC.labs(value);
        }
    }

    private static final class KnownPrototype extends LabsCall {
        @Override
        public long labs(long value) {
            return (long) Foreign.call("labs", value);
        }
    }
}
