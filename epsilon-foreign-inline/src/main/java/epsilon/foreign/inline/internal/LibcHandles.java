package epsilon.foreign.inline.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One holder class per libc function, so that using {@code strlen} links {@code strlen} alone (jextract's
 * pattern): each {@code HANDLE} is a {@code static final} constant, linked when its holder is first touched.
 * Handles are adapted to Java {@code long} for C {@code long} and {@code size_t} with
 * {@code explicitCastArguments}, the identity on LP64 platforms.
 */
public final class LibcHandles {
    private LibcHandles() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");
    private static final MemoryLayout LONG = LINKER.canonicalLayouts().get("long");
    private static final MemoryLayout LONG_LONG = LINKER.canonicalLayouts().get("long long");
    private static final Linker.Option LEAF = Linker.Option.critical(false);
    private static final Linker.Option LEAF_HEAP = Linker.Option.critical(true);

    /** Links {@code name} and casts its {@code long}/{@code size_t} carriers to Java {@code long}. */
    static MethodHandle link(String name, MethodType javaType, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc does not export " + name));
        return MethodHandles.explicitCastArguments(LINKER.downcallHandle(address, descriptor, options), javaType);
    }

    private static MethodType type(Class<?> ret, Class<?>... params) {
        return MethodType.methodType(ret, params);
    }

    private static final Class<?> SEG = MemorySegment.class;

    public static final class Strlen {
        public static final MethodHandle HANDLE = link("strlen", type(long.class, SEG),
                FunctionDescriptor.of(SIZE_T, ADDRESS), LEAF);
    }

    public static final class Strnlen {
        public static final MethodHandle HANDLE = link("strnlen", type(long.class, SEG, long.class),
                FunctionDescriptor.of(SIZE_T, ADDRESS, SIZE_T), LEAF);
        /** On a Java array in place: critical with heap access. */
        public static final MethodHandle HEAP = link("strnlen", type(long.class, SEG, long.class),
                FunctionDescriptor.of(SIZE_T, ADDRESS, SIZE_T), LEAF_HEAP);
    }

    public static final class Memcpy {
        public static final MethodHandle HANDLE = link("memcpy", type(SEG, SEG, SEG, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T), LEAF);
    }

    public static final class Memmove {
        public static final MethodHandle HANDLE = link("memmove", type(SEG, SEG, SEG, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T), LEAF);
    }

    public static final class Memset {
        public static final MethodHandle HANDLE = link("memset", type(SEG, SEG, int.class, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, SIZE_T), LEAF);
    }

    public static final class Memcmp {
        public static final MethodHandle HANDLE = link("memcmp", type(int.class, SEG, SEG, long.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T), LEAF);
        public static final MethodHandle HEAP = link("memcmp", type(int.class, SEG, SEG, long.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T), LEAF_HEAP);
    }

    public static final class Strcmp {
        public static final MethodHandle HANDLE = link("strcmp", type(int.class, SEG, SEG),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), LEAF);
    }

    public static final class Strncmp {
        public static final MethodHandle HANDLE = link("strncmp", type(int.class, SEG, SEG, long.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T), LEAF);
    }

    public static final class Memchr {
        public static final MethodHandle HANDLE = link("memchr", type(SEG, SEG, int.class, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, SIZE_T), LEAF);
    }

    public static final class Getpid {
        public static final MethodHandle HANDLE = link("getpid", type(int.class),
                FunctionDescriptor.of(JAVA_INT), LEAF);
    }

    public static final class Abs {
        public static final MethodHandle HANDLE = link("abs", type(int.class, int.class),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), LEAF);
    }

    public static final class Labs {
        public static final MethodHandle HANDLE = link("labs", type(long.class, long.class),
                FunctionDescriptor.of(LONG, LONG), LEAF);
    }

    public static final class Llabs {
        public static final MethodHandle HANDLE = link("llabs", type(long.class, long.class),
                FunctionDescriptor.of(LONG_LONG, LONG_LONG), LEAF);
    }

    public static final class Toupper {
        public static final MethodHandle HANDLE = link("toupper", type(int.class, int.class),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), LEAF);
    }

    public static final class Tolower {
        public static final MethodHandle HANDLE = link("tolower", type(int.class, int.class),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), LEAF);
    }

    // The allocator may take locks and enter the kernel (brk, mmap): never critical.

    public static final class Malloc {
        public static final MethodHandle HANDLE = link("malloc", type(SEG, long.class),
                FunctionDescriptor.of(ADDRESS, SIZE_T));
    }

    public static final class Calloc {
        public static final MethodHandle HANDLE = link("calloc", type(SEG, long.class, long.class),
                FunctionDescriptor.of(ADDRESS, SIZE_T, SIZE_T));
    }

    public static final class Realloc {
        public static final MethodHandle HANDLE = link("realloc", type(SEG, SEG, long.class),
                FunctionDescriptor.of(ADDRESS, ADDRESS, SIZE_T));
    }

    public static final class Free {
        public static final MethodHandle HANDLE = link("free", type(void.class, SEG),
                FunctionDescriptor.ofVoid(ADDRESS));
    }
}
