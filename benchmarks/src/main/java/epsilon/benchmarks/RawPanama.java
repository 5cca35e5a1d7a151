package epsilon.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** The baseline every ratio is against: static-final downcall handles called with {@code invokeExact}. */
final class RawPanama {
    private RawPanama() {}

    private static final Linker LINKER = Linker.nativeLinker();

    static MemorySegment libc(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow();
    }

    static final FunctionDescriptor LONG_LONG = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG);
    static final FunctionDescriptor INT_VOID = FunctionDescriptor.of(JAVA_INT);
    static final FunctionDescriptor LONG_POINTER = FunctionDescriptor.of(JAVA_LONG, ADDRESS);

    static final MethodHandle LABS = LINKER.downcallHandle(libc("labs"), LONG_LONG);
    static final MethodHandle LABS_CRITICAL = LINKER.downcallHandle(libc("labs"), LONG_LONG,
            Linker.Option.critical(false));
    static final MethodHandle GETPID = LINKER.downcallHandle(libc("getpid"), INT_VOID);
    static final MethodHandle GETPID_CRITICAL = LINKER.downcallHandle(libc("getpid"), INT_VOID,
            Linker.Option.critical(false));
    static final MethodHandle STRLEN = LINKER.downcallHandle(libc("strlen"), LONG_POINTER);
    static final MethodHandle STRLEN_CRITICAL = LINKER.downcallHandle(libc("strlen"), LONG_POINTER,
            Linker.Option.critical(false));
}
