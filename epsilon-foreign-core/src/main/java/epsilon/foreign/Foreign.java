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
     * Opens a library, or returns the open one of that name (Lisp {@code lib-open}). Short names that differ only
     * by the {@code lib} prefix or the platform's suffix share one: {@code "m"}, {@code "libm"} and
     * {@code "libm.so"} give the same {@code Library}.
     *
     * @param nameOrPath a short name ({@code "c"}, {@code "z"}), mapped to the platform's file names, or a versioned
     *                   file name ({@code "libz.so.1"}) or a path, used as given
     * @return the open library; closing it closes it for every holder, and the next open loads it afresh
     * @throws epsilon.foreign.marshalling.UnknownLibraryError listing every name and path that was tried, or for a
     *         blank name
     */
    public static Library libOpen(String nameOrPath) {
        return LibraryRegistry.global().open(Objects.requireNonNull(nameOrPath, "nameOrPath"));
    }

    /**
     * As {@link #libOpen(String)}, with {@code directories} added to the search for this open only (Lisp
     * {@code lib-open :paths}). Search directories serve one purpose: on Linux and other ELF platforms they are
     * scanned for the versioned files of a short name ({@code libNAME.so.N}), which are tried after the platform's
     * well-known soname for that name, if it has one, and before the bare {@code libNAME.so}. The highest version
     * found wins wherever it lies; {@code directories} come first only among equal versions. A file name or a path
     * is used as given, and macOS and Windows scan no directories. When a library of that name is already open, it
     * is returned and {@code directories} are not consulted.
     *
     * @param name        the library, as {@link #libOpen(String)} takes it
     * @param directories extra directories to scan, in order; one that does not exist is skipped
     * @return the open library
     * @throws epsilon.foreign.marshalling.UnknownLibraryError listing every name and path that was tried
     */
    public static Library libOpen(String name, List<Path> directories) {
        return LibraryRegistry.global().open(Objects.requireNonNull(name, "name"),
                List.copyOf(Objects.requireNonNull(directories, "directories")));
    }

    /**
     * Adds a directory to the search of every later open, by {@link #libOpen(String)} or by a call naming a
     * library, ahead of the directories added before it and the platform's own. Directories only serve what
     * {@link #libOpen(String, List)} describes (versioned files of a short name, on ELF platforms). Libraries already
     * open are not reloaded; adding a directory twice changes nothing.
     *
     * @param directory a directory holding libraries; one that does not exist is skipped when searched
     */
    public static void addLibraryPath(Path directory) {
        LibraryRegistry.global().addSearchDirectory(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * Closes a library (Lisp {@code lib-close}); the same as {@link Library#close()}, which says what happens to
     * calls in flight and after.
     *
     * @param library the library to unload; one already closed is left as it is
     * @throws epsilon.foreign.marshalling.ForeignError when called from inside a call into the library, as
     *         {@link Library#close()} explains
     */
    public static void libClose(Library library) {
        Objects.requireNonNull(library, "library").close();
    }

    /**
     * The address of a function in a library (Lisp {@code lib-function}); the same as {@link Library#function}.
     *
     * @param library an open library
     * @param symbol  the name as the library exports it
     * @return the address, a segment of the library's arena: a downcall through it is refused once the library is
     *         closed
     * @throws epsilon.foreign.marshalling.UnknownSymbolError when the library does not define {@code symbol}
     * @throws epsilon.foreign.marshalling.ClosedLibraryError when the library has been closed
     */
    public static MemorySegment libFunction(Library library, String symbol) {
        return Objects.requireNonNull(library, "library").function(Objects.requireNonNull(symbol, "symbol"));
    }

    // ---- calls -----------------------------------------------------------------------------------------

    /**
     * Calls {@code function} in {@code library} with C types given as values (Lisp {@code shared-call}). The first
     * call opens the library and resolves the function; later ones find it in a cache keyed by library, function
     * and types. A call that passes the very same objects as the last one (string literals, a constant immutable
     * type list) finds it with a few reference comparisons and allocates nothing; any other looks it up by value.
     * A call after the library was closed opens it again.
     *
     * @param function      the C symbol
     * @param library       the library, as {@link #libOpen(String)} takes it
     * @param returnType    the C return type, {@link CType#VOID} for none
     * @param argumentTypes the C parameter types, in order: the fixed parameters of a non-variadic function (for a
     *                      variadic one, give a prototype ending in {@code ...})
     * @param arguments     one Java value per parameter, as {@link ForeignFunction#invoke} takes them
     * @return the result as the return type's Java type ({@code null} for void)
     * @throws epsilon.foreign.marshalling.UnknownLibraryError when the library cannot be loaded
     * @throws epsilon.foreign.marshalling.UnknownSymbolError  when it does not define {@code function}
     * @throws epsilon.foreign.marshalling.ForeignError        for an argument C cannot take, and the other failures
     *                                                         {@link ForeignFunction#invoke} lists
     */
    public static Object sharedCall(String function, String library, CType returnType, List<CType> argumentTypes,
                                    Object... arguments) {
        return Caller.PLAIN.sharedCall(function, library, returnType, argumentTypes, arguments);
    }

    /**
     * Calls {@code function} with types given as spellings: Lisp keywords ({@code "unsigned-long"},
     * {@code ":string"}), C ({@code "unsigned long"}, {@code "const char *"}) or constant names
     * ({@code "SIZE_T"}). Otherwise as {@link #sharedCall(String, String, CType, List, Object...)}, cached by the
     * spellings.
     *
     * @param function      the C symbol
     * @param library       the library, as {@link #libOpen(String)} takes it
     * @param returnType    the return type's spelling, {@code "void"} for none
     * @param argumentTypes the parameter types' spellings, in order: the fixed parameters of a non-variadic function
     * @param arguments     one Java value per parameter
     * @return the result as the return type's Java type ({@code null} for void)
     * @throws epsilon.foreign.marshalling.ParseError for a spelling that names no type, naming it
     */
    public static Object sharedCall(String function, String library, String returnType, String[] argumentTypes,
                                    Object... arguments) {
        return Caller.PLAIN.sharedCall(function, library, returnType, argumentTypes, arguments);
    }

    /**
     * Calls the function a C prototype declares, such as {@code "int snprintf(char *s, size_t n, const char *fmt, ...)"}.
     * Of the {@code sharedCall} forms, the one for variadic functions. Otherwise as
     * {@link #sharedCall(String, String, CType, List, Object...)}, cached by the prototype text.
     *
     * @param prototype one C declaration; parameter names are optional, and a pointer parameter the prototype's
     *                  attributes declare nonnull refuses {@code null}
     * @param library   the library, as {@link #libOpen(String)} takes it
     * @param arguments one Java value per declared parameter, then any variadic ones, typed by their Java type
     * @return the result as the return type's Java type ({@code null} for void)
     * @throws epsilon.foreign.marshalling.ParseError when the prototype is not valid C, naming the position
     */
    public static Object sharedCall(String prototype, String library, Object... arguments) {
        return Caller.PLAIN.sharedCall(prototype, library, arguments);
    }

    /**
     * The same call as {@link #sharedCall(String, String, CType, List, Object...)} (Lisp {@code shared-call-fast}),
     * answered from the identity cache first: when the call passes the very same {@code function}, {@code library},
     * {@code returnType} and {@code argumentTypes} objects as before (string literals and a constant immutable type
     * list, as in the example), finding the resolved function costs a few reference comparisons instead of a lookup
     * by value. Any other call still works, looked up by value. {@code sharedCall} now answers from the same cache,
     * so the two cost the same; this name is kept for the Lisp original's users.
     *
     * {@snippet :
     * static final List<CType> ONE_LONG = List.of(CType.LONG);
     * long seven = (long) Foreign.sharedCallFast("labs", "c", CType.LONG, ONE_LONG, -7L);
     * }
     *
     * @param function      the C symbol: the same {@code String} object at each call (a literal), for the identity
     *                      cache to answer
     * @param library       the library, as {@link #libOpen(String)} takes it: also the same object at each call
     * @param returnType    the C return type
     * @param argumentTypes the C parameter types, a list kept in a constant so it is the same object at each call
     * @param arguments     one Java value per parameter
     * @return the result as the return type's Java type ({@code null} for void)
     */
    public static Object sharedCallFast(String function, String library, CType returnType, List<CType> argumentTypes,
                                        Object... arguments) {
        return Caller.PLAIN.sharedCall(function, library, returnType, argumentTypes, arguments);
    }

    /**
     * Calls a C library or math library function by name alone, with the types of its known prototype
     * (Lisp {@code defshared-auto}); the argument count is checked against it.
     *
     * @param function  the name of a function with a known prototype, shipped or registered
     * @param arguments one Java value per parameter of that prototype
     * @return the result as the return type's Java type ({@code null} for void)
     * @throws epsilon.foreign.marshalling.UnknownPrototypeError when no prototype is known for {@code function}:
     *         declare one with {@link KnownPrototypes#register(String)} or call with a prototype
     * @throws epsilon.foreign.marshalling.UnknownSymbolError when the function is in neither the C nor the math
     *         library
     */
    public static Object call(String function, Object... arguments) {
        return Caller.PLAIN.call(function, arguments);
    }

    /**
     * Resolves a C function once from C types given as values (Lisp {@code defshared}).
     *
     * @param function       the C symbol
     * @param library        the library, as {@link #libOpen(String)} takes it
     * @param returnType     the C return type, {@link CType#VOID} for none
     * @param parameterTypes the C parameter types, in order: the fixed parameters of a non-variadic function
     * @return the function, tied to the library as it is open now: once that is closed, its calls throw
     *         {@code ClosedLibraryError}, even if the library is opened again
     * @throws epsilon.foreign.marshalling.UnknownLibraryError when the library cannot be loaded
     * @throws epsilon.foreign.marshalling.UnknownSymbolError  when it does not define {@code function}
     */
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
     *
     * @param prototype one C declaration, as {@link #sharedCall(String, String, Object...)} takes it
     * @param library   the library, as {@link #libOpen(String)} takes it
     * @param options   how it is called; none for a plain call
     * @return the function, tied to the library as it is open now (see
     *         {@link #defshared(String, String, CType, CType...)})
     * @throws epsilon.foreign.marshalling.ParseError when the prototype is not valid C
     * @throws epsilon.foreign.marshalling.ForeignError for an option the function cannot have: errno policy
     *         {@code THROW} with a return type that has no failure value, {@code freedWith} on a function that does
     *         not return a {@code char *} (or whose freeing function neither library has: {@code UnknownSymbolError})
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
     *
     * @param prototype the declaration, its symbol the name the library is searched for
     * @param library   the library, as {@link #libOpen(String)} takes it
     * @param options   how it is called; none for a plain call
     * @return the function, tied to the library as it is open now (see
     *         {@link #defshared(String, String, CType, CType...)})
     * @throws epsilon.foreign.marshalling.ForeignError for an option the function cannot have, as
     *         {@link #defshared(String, String, CallOption...)} says
     */
    public static ForeignFunction defshared(CPrototype prototype, String library, CallOption... options) {
        return with(options).defshared(prototype, library);
    }

    /**
     * The calls of this class with call options: {@code Foreign.with(CallOption.errno(ErrnoPolicy.THROW))
     * .sharedCall(...)}. See {@link CallOption}.
     *
     * @param options what every call of the result uses; none gives the plain calls of this class
     * @return an immutable caller, safe to keep and share between threads
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
     * @param <T>     the interface
     * @param type    a public interface, in a package its module exports to {@code epsilon.foreign}; for any other,
     *                use {@link #bind(Class, String, MethodHandles.Lookup)}
     * @param library the library, as {@link #libOpen(String)} takes it
     * @return a new implementation, tied to the library as it is open now: once that is closed, every call throws
     *         {@code ClosedLibraryError}, even if the library is opened again (bind again then)
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
     * @param <T>     the interface
     * @param type    the interface, not sealed
     * @param library the library, as {@link #libOpen(String)} takes it
     * @param lookup  {@code MethodHandles.lookup()} of a class in {@code type}'s package (and class loader)
     * @return a new implementation, defined in {@code type}'s package, tied to the library as
     *         {@link #bind(Class, String)} says
     * @throws epsilon.foreign.marshalling.ForeignError when {@code lookup} lacks the access, naming what it lacks,
     *         and as {@link #bind(Class, String)} does otherwise
     */
    public static <T> T bind(Class<T> type, String library, MethodHandles.Lookup lookup) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lookup, "lookup");
        return InterfaceBinder.bind(type, libOpen(Objects.requireNonNull(library, "library")), lookup);
    }

    // ---- memory ----------------------------------------------------------------------------------------

    /**
     * {@code bytes} bytes of zeroed native memory (Lisp {@code foreign-alloc} with a size).
     *
     * @param bytes the size, at least 1
     * @return the block, of {@link CType#UINT8} elements; the caller frees it ({@link ForeignMemory#close()} in a
     *         try-with-resources), since the garbage collector never does
     * @throws epsilon.foreign.marshalling.AllocationError for a size below 1, or more than the system can give
     */
    public static ForeignMemory foreignAlloc(long bytes) {
        return Allocations.global().allocate(CType.UINT8, bytes, null);
    }

    /**
     * One zeroed element of {@code type}, aligned for it.
     *
     * @param type a type with a size: not {@code void}, and a struct only once defined
     * @return the block; the caller frees it, since the garbage collector never does
     * @throws epsilon.foreign.marshalling.ConversionError for {@code void}
     * @throws epsilon.foreign.marshalling.AllocationError for a type without a size, or more than the system can give
     */
    public static ForeignMemory foreignAlloc(CType type) {
        return Allocations.global().allocate(Objects.requireNonNull(type, "type"), 1, null);
    }

    /**
     * {@code count} zeroed elements of {@code type}, aligned for it.
     *
     * @param type  a type with a size, as for {@link #foreignAlloc(CType)}
     * @param count the number of elements, at least 1
     * @return the block; the caller frees it, since the garbage collector never does
     * @throws epsilon.foreign.marshalling.AllocationError for a count below 1, a byte size that overflows a
     *         {@code long}, or more than the system can give
     */
    public static ForeignMemory foreignAlloc(CType type, long count) {
        return Allocations.global().allocate(Objects.requireNonNull(type, "type"), count, null);
    }

    /**
     * {@code count} elements of {@code type} starting as {@code initialContents}: a Java array or {@code List}
     * of at most {@code count} values (Lisp {@code :initial-contents}; the rest stay zero), or one value that
     * every element starts as (Lisp {@code :initial-element}).
     *
     * @param type            a type with a size, as for {@link #foreignAlloc(CType)}
     * @param count           the number of elements, at least 1
     * @param initialContents the values, each stored as {@link ForeignMemory#set} stores it; {@code null} for zeros
     * @return the block; the caller frees it, since the garbage collector never does
     * @throws epsilon.foreign.marshalling.ConversionError when {@code initialContents} has more than {@code count}
     *         values, or one does not fit the type (nothing is then left allocated)
     */
    public static ForeignMemory foreignAlloc(CType type, long count, Object initialContents) {
        return Allocations.global().allocate(Objects.requireNonNull(type, "type"), count, initialContents);
    }

    /**
     * Frees memory from {@link #foreignAlloc(long)} and its siblings, given its segment (Lisp {@code foreign-free}).
     *
     * @param segment any segment that starts at the block's address: its {@link ForeignMemory#segment()}, or the
     *                address C handed back
     * @throws epsilon.foreign.marshalling.FreedMemoryError when it was already freed or did not come from foreignAlloc
     */
    public static void foreignFree(MemorySegment segment) {
        Allocations.global().free(Objects.requireNonNull(segment, "segment"));
    }

    /**
     * Frees memory from {@link #foreignAlloc(long)} and its siblings; the same as {@link ForeignMemory#free()}.
     *
     * @param memory the block to free
     * @throws epsilon.foreign.marshalling.FreedMemoryError when it was already freed
     */
    public static void foreignFree(ForeignMemory memory) {
        Objects.requireNonNull(memory, "memory").free();
    }

    /**
     * Allocates, runs {@code body}, and frees whatever happens (Lisp {@code with-foreign-memory}).
     *
     * @param <R>   what {@code body} returns
     * @param type  a type with a size, as for {@link #foreignAlloc(CType)}
     * @param count the number of elements, at least 1
     * @param body  gets the zeroed block, and may free it itself; neither the block nor its segment may be kept
     * @return what {@code body} returned
     * @throws epsilon.foreign.marshalling.AllocationError as {@link #foreignAlloc(CType, long)}
     */
    public static <R> R withForeignMemory(CType type, long count, Function<ForeignMemory, R> body) {
        try (ForeignMemory memory = foreignAlloc(type, count)) {
            return body.apply(memory);
        }
    }
}
