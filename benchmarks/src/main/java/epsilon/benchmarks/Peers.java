package epsilon.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The same libc functions as our users' other options declare them: JNA interface mapping, JNA direct mapping,
 * and JNR-FFI. Declared once here so every benchmark measures the same bindings.
 */
final class Peers {
    private Peers() {}

    /** JNA interface mapping: a proxy that converts through reflection on each call. */
    public interface JnaLibc extends Library {
        long labs(long value);

        int getpid();

        long strlen(String text);

        long strlen(com.sun.jna.Pointer text);
    }

    /** JNA direct mapping: native methods registered with {@link Native#register}. */
    public static final class JnaDirect {
        static {
            Native.register("c");
        }

        private JnaDirect() {}

        public static native long labs(long value);

        public static native int getpid();

        public static native long strlen(String text);

        public static native long strlen(com.sun.jna.Pointer text);
    }

    /** JNR-FFI: a generated implementation over jffi. */
    public interface JnrLibc {
        long labs(long value);

        int getpid();

        long strlen(String text);

        long strlen(jnr.ffi.Pointer text);
    }

    static final JnaLibc JNA = Native.load("c", JnaLibc.class);
    static final JnrLibc JNR = jnr.ffi.LibraryLoader.create(JnrLibc.class).load("c");
}
