package epsilon.foreign;

import epsilon.foreign.internal.Allocations;
import epsilon.foreign.internal.FunctionCache;
import epsilon.foreign.internal.LibraryRegistry;
import epsilon.foreign.internal.binding.InterfaceBinder;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.KnownPrototypes;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Calling C by name, with types given at run time: the entry point of Epsilon Foreign.
 *
 * <h2>The levels of convenience</h2>
 * <ul>
 *   <li>{@link #call(String, Object...)}: by name alone, the prototype taken from a table of about 200 libc
 *       and libm functions ({@link KnownPrototypes}).</li>
 *   <li>{@link #sharedCall(String, String, CType, List, Object...)} and its two other forms: types given per call
 *       as {@link CType} values, as type spellings ({@code "unsigned-long"}, {@code "const char *"}) or as a C
 *       prototype. Resolved functions are cached per (library, function, signature).</li>
 *   <li>{@link #defshared(String, String, CallOption...)}: resolve once into a {@link ForeignFunction}, call many
 *       times.</li>
 *   <li>{@link #bind(Class, String)}: an interface whose methods are C functions, as fast as raw Panama.</li>
 * </ul>
 *
 * {@snippet :
 * long n = (long) Foreign.sharedCall("strlen", "c", CType.SIZE_T, List.of(CType.STRING), "hello");     // 5
 * long m = (long) Foreign.sharedCall("strlen", "libc", "unsigned-long", new String[] {"string"}, "hi"); // 2
 * double r = (double) Foreign.sharedCall("double sqrt(double x)", "m", 2.0);                          // 1.414...
 * long k = (long) Foreign.call("labs", -7L);                                                           // 7
 * }
 *
 * <h2>Libraries</h2>
 * A library is named as a user would say it: {@code "c"} or {@code "libc"} is the C library, {@code "m"} or
 * {@code "libm"} the math library ({@code libm.so.6} on Linux, {@code libSystem.B.dylib} on macOS), a file name
 * such as {@code "libz.so.1"} or a full path is used as given.
 *
 * <h2>Failures</h2>
 * Every mistake is a {@link epsilon.foreign.marshalling.ForeignError} subclass thrown before C runs: unknown
 * library or symbol, wrong argument count or type, {@code null} for a value, freed memory, a closed library.
 */
public final class Foreign {
    private Foreign() {}

    // ---- libraries -------------------------------------------------------------------------------------

    /**
     * Opens a library, or returns the open one of that name (Lisp {@code lib-open}).
     *
     * @throws epsilon.foreign.marshalling.UnknownLibraryError listing every name and path that was tried
     */
    public static Library libOpen(String nameOrPath) {
        return LibraryRegistry.global().open(Objects.requireNonNull(nameOrPath, "nameOrPath"));
    }

    /** As {@link #libOpen(String)}, searching {@code directories} first (Lisp {@code lib-open :paths}). */
    public static Library libOpen(String name, List<Path> directories) {
        return LibraryRegistry.global().open(Objects.requireNonNull(name, "name"),
                List.copyOf(Objects.requireNonNull(directories, "directories")));
    }

    /** Adds a directory that every later {@link #libOpen(String)} searches before the platform's own. */
    public static void addLibraryPath(Path directory) {
        LibraryRegistry.global().addSearchDirectory(Objects.requireNonNull(directory, "directory"));
    }

    /** Closes a library (Lisp {@code lib-close}); the same as {@link Library#close()}. */
    public static void libClose(Library library) {
        Objects.requireNonNull(library, "library").close();
    }

    /** The address of a function in a library (Lisp {@code lib-function}). */
    public static MemorySegment libFunction(Library library, String symbol) {
        return Objects.requireNonNull(library, "library").function(Objects.requireNonNull(symbol, "symbol"));
    }

    // ---- calls -----------------------------------------------------------------------------------------

    /**
     * Calls {@code function} in {@code library} with C types given as values (Lisp {@code shared-call}).
     *
     * @return the result as the return type's Java type ({@code null} for void)
     */
    public static Object sharedCall(String function, String library, CType returnType, List<CType> argumentTypes,
                                    Object... arguments) {
        return Caller.PLAIN.sharedCall(function, library, returnType, argumentTypes, arguments);
    }

    /**
     * Calls {@code function} with types given as spellings: Lisp keywords ({@code "unsigned-long"},
     * {@code ":string"}), C ({@code "unsigned long"}, {@code "const char *"}) or constant names
     * ({@code "SIZE_T"}).
     */
    public static Object sharedCall(String function, String library, String returnType, String[] argumentTypes,
                                    Object... arguments) {
        return Caller.PLAIN.sharedCall(function, library, returnType, argumentTypes, arguments);
    }

    /**
     * Calls the function a C prototype declares, such as {@code "int snprintf(char *s, size_t n, const char *fmt, ...)"}.
     *
     * @throws epsilon.foreign.marshalling.ParseError when the prototype is not valid C, naming the position
     */
    public static Object sharedCall(String prototype, String library, Object... arguments) {
        return Caller.PLAIN.sharedCall(prototype, library, arguments);
    }

    /**
     * The same call as {@link #sharedCall(String, String, CType, List, Object...)} (Lisp {@code shared-call-fast}),
     * answered from an identity cache first: when the call passes the very same {@code function}, {@code library},
     * {@code returnType} and {@code argumentTypes} objects as before (string literals and a constant type list, as
     * in the example), finding the resolved function costs four reference comparisons instead of a lookup by
     * value. Any other call still works, at the cost of {@code sharedCall}.
     *
     * {@snippet :
     * static final List<CType> ONE_LONG = List.of(CType.LONG);
     * long seven = (long) Foreign.sharedCallFast("labs", "c", CType.LONG, ONE_LONG, -7L);
     * }
     */
    public static Object sharedCallFast(String function, String library, CType returnType, List<CType> argumentTypes,
                                        Object... arguments) {
        return FunctionCache.global().typedByIdentity(Objects.requireNonNull(function, "function"),
                Objects.requireNonNull(library, "library"), Objects.requireNonNull(returnType, "returnType"),
                Objects.requireNonNull(argumentTypes, "argumentTypes")).invokeOpen(arguments);
    }

    /**
     * Calls a C library or math library function by name alone, with the types of its known prototype
     * (Lisp {@code defshared-auto}); the argument count is checked against it.
     *
     * @throws epsilon.foreign.marshalling.ForeignError when no prototype is known for {@code function}:
     *         declare one with {@link KnownPrototypes#register(String)} or call with a prototype
     */
    public static Object call(String function, Object... arguments) {
        return Caller.PLAIN.call(function, arguments);
    }

    /** Resolves a C function once from C types given as values (Lisp {@code defshared}). */
    public static ForeignFunction defshared(String function, String library, CType returnType, CType... parameterTypes) {
        return Caller.PLAIN.defshared(function, library, returnType, parameterTypes);
    }

    /**
     * Resolves a C function once from its prototype (Lisp {@code defshared}), optionally with call options
     * (errno capture, critical).
     *
     * {@snippet :
     * static final ForeignFunction TOUPPER = Foreign.defshared("int toupper(int c)", "c");
     * int upper = (int) TOUPPER.invoke((int) 'a');             // 'A'
     * }
     */
    public static ForeignFunction defshared(String prototype, String library, CallOption... options) {
        return with(options).defshared(prototype, library);
    }

    /**
     * Resolves a prototype read from a header (Lisp {@code defshared}): its parameter names, nonnull parameters and
     * symbol come with it.
     *
     * {@snippet :
     * CHeader zlib = CHeader.include("zlib.h");
     * ForeignFunction compressBound = Foreign.defshared(zlib.function("compressBound"), "z");
     * long bound = (long) compressBound.invoke(1000L);
     * }
     */
    public static ForeignFunction defshared(CPrototype prototype, String library, CallOption... options) {
        return with(options).defshared(prototype, library);
    }

    /**
     * The calls of this class with call options: {@code Foreign.with(CallOption.errno(ErrnoPolicy.THROW))
     * .sharedCall(...)}. See {@link CallOption}.
     */
    public static Caller with(CallOption... options) {
        return Objects.requireNonNull(options, "options").length == 0 ? Caller.PLAIN : new Caller(List.of(options));
    }

    /**
     * An implementation of {@code type}, a public interface whose methods declare C functions of {@code library}
     * (Java types where they are unambiguous, {@link NativeType} where not; {@link CFunction}, {@link Encoding},
     * {@link Critical}, {@link Errno}, {@link Variadic} for the rest). Each method calls its C function through a
     * constant downcall handle of a generated hidden class, so a call costs what a raw Panama call costs. Every
     * method is checked here, at bind time: an unknown function or a type without a C mapping fails now, not at
     * the first call. Bind once and keep the instance.
     *
     * {@snippet :
     * public interface Libc {
     *     @NativeType("size_t") long strlen(String s);
     *     long labs(long j);
     *     int getpid();
     * }
     * static final Libc LIBC = Foreign.bind(Libc.class, "c");
     * long five = LIBC.strlen("hello");
     * }
     *
     * @throws epsilon.foreign.marshalling.UnknownSymbolError when the library lacks one of the functions
     * @throws epsilon.foreign.marshalling.ForeignError naming the method and the problem otherwise
     */
    public static <T> T bind(Class<T> type, String library) {
        return InterfaceBinder.bind(Objects.requireNonNull(type, "type"), libOpen(Objects.requireNonNull(library,
                "library")));
    }

    /**
     * {@link #bind(Class, String)} for an interface this module cannot see: a package-private or nested private
     * interface (in a test, say), or one in a package the caller's module does not export. The implementation is
     * defined with the caller's {@code lookup}, which must have full privilege access in the interface's package:
     * {@code MethodHandles.lookup()} called in a class of that package.
     *
     * {@snippet :
     * interface Libm { double cbrt(double x); }   // package-private
     * static final Libm LIBM = Foreign.bind(Libm.class, "m", MethodHandles.lookup());
     * }
     *
     * @throws epsilon.foreign.marshalling.ForeignError when {@code lookup} lacks the access, naming what it lacks,
     *         and as {@link #bind(Class, String)} does otherwise
     */
    public static <T> T bind(Class<T> type, String library, MethodHandles.Lookup lookup) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lookup, "lookup");
        return InterfaceBinder.bind(type, libOpen(Objects.requireNonNull(library, "library")), lookup);
    }

    // ---- memory ----------------------------------------------------------------------------------------

    /** {@code bytes} bytes of zeroed native memory (Lisp {@code foreign-alloc} with a size). */
    public static ForeignMemory foreignAlloc(long bytes) {
        return Allocations.global().allocate(CType.UINT8, bytes, null);
    }

    /** One zeroed element of {@code type}, aligned for it. */
    public static ForeignMemory foreignAlloc(CType type) {
        return Allocations.global().allocate(Objects.requireNonNull(type, "type"), 1, null);
    }

    /** {@code count} zeroed elements of {@code type}, aligned for it. */
    public static ForeignMemory foreignAlloc(CType type, long count) {
        return Allocations.global().allocate(Objects.requireNonNull(type, "type"), count, null);
    }

    /**
     * {@code count} elements of {@code type} starting as {@code initialContents}: a Java array or {@code List}
     * of at most {@code count} values (Lisp {@code :initial-contents}; the rest stay zero), or one value that
     * every element starts as (Lisp {@code :initial-element}).
     */
    public static ForeignMemory foreignAlloc(CType type, long count, Object initialContents) {
        return Allocations.global().allocate(Objects.requireNonNull(type, "type"), count, initialContents);
    }

    /**
     * Frees memory from {@link #foreignAlloc(long)} and its siblings, given its segment (Lisp {@code foreign-free}).
     *
     * @throws epsilon.foreign.marshalling.FreedMemoryError when it was already freed or did not come from foreignAlloc
     */
    public static void foreignFree(MemorySegment segment) {
        Allocations.global().free(Objects.requireNonNull(segment, "segment"));
    }

    /** Frees memory from {@link #foreignAlloc(long)} and its siblings; the same as {@link ForeignMemory#free()}. */
    public static void foreignFree(ForeignMemory memory) {
        Objects.requireNonNull(memory, "memory").free();
    }

    /** Allocates, runs {@code body}, and frees whatever happens (Lisp {@code with-foreign-memory}). */
    public static <R> R withForeignMemory(CType type, long count, Function<ForeignMemory, R> body) {
        try (ForeignMemory memory = foreignAlloc(type, count)) {
            return body.apply(memory);
        }
    }
}
