package epsilon.foreign.optimize.support;

import epsilon.foreign.Foreign;
import epsilon.foreign.Library;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.Objects;
import java.util.Optional;

/**
 * The library a generated binding calls into, opened for the life of the program. The name is resolved as
 * {@code Foreign.libOpen} resolves it ({@code "c"}, {@code "z"}, {@code "libz.so.1"}, a path), and the file it found
 * is then opened once more for the binding alone, in the global arena: the binding's symbols stay valid whatever
 * the program does with its own {@code Library} of the same name, and a call never acquires an arena (the global
 * one is always alive). A symbol the JVM's own lookup resolves to the same code (libc, libm) is taken from there.
 *
 * <p>Public only for generated code.
 */
public final class BoundLibrary {
    private final Library library;
    private final SymbolLookup lookup;

    private BoundLibrary(Library library, SymbolLookup lookup) {
        this.library = library;
        this.lookup = lookup;
    }

    /**
     * Opens {@code name} for a generated binding.
     *
     * @param name a library name or path, as {@code @NativeLibrary} gives it
     * @return the library, never closed
     * @throws epsilon.foreign.marshalling.UnknownLibraryError when no such library can be loaded
     */
    @SuppressWarnings("restricted")
    public static BoundLibrary open(String name) {
        Objects.requireNonNull(name, "name");
        Library library = Foreign.libOpen(name);
        return new BoundLibrary(library, SymbolLookup.libraryLookup(library.loadedAs(), Arena.global()));
    }

    /**
     * Checks, when a binding is made, that every function it calls is there, so that a missing one is refused as
     * {@code Foreign.bind} refuses it rather than at its first call.
     *
     * @param symbols pairs of (symbol, how messages name the method: {@code "Libc.strlen(String)"})
     * @throws UnknownSymbolError naming the first method whose function the library lacks
     */
    public void require(String... symbols) {
        for (int i = 0; i < symbols.length; i += 2) {
            address(symbols[i], symbols[i + 1]);
        }
    }

    /**
     * The address of {@code symbol}, a segment of the global scope.
     *
     * @param symbol the C function
     * @param where  how messages name the method
     * @return its address
     * @throws UnknownSymbolError when the library lacks it, with the words {@code Foreign.bind} uses
     */
    public MemorySegment address(String symbol, String where) {
        MemorySegment inLibrary;
        try {
            inLibrary = library.function(symbol);
        } catch (UnknownSymbolError missing) {
            throw new UnknownSymbolError("cannot bind " + where + ": " + missing.getMessage()
                    + "; name the C function with @CFunction(\"...\") if it differs from the method", symbol);
        }
        Optional<MemorySegment> own = lookup.find(symbol);
        MemorySegment global = Linker.nativeLinker().defaultLookup().find(symbol)
                .filter(segment -> segment.address() == inLibrary.address())
                .or(() -> own)
                .orElse(null);
        return global != null ? global : MemorySegment.ofAddress(inLibrary.address());
    }

    /**
     * Whether {@code symbol} is the C library's own function (the JVM's default lookup resolves it to this
     * library's code), for which the known prototypes' nonnull facts apply.
     *
     * @param symbol the C function
     * @return whether the JVM's lookup finds the same function
     */
    public boolean isSystemFunction(String symbol) {
        Optional<MemorySegment> system = Linker.nativeLinker().defaultLookup().find(symbol);
        Optional<MemorySegment> own = lookup.find(symbol);
        return system.isPresent() && own.isPresent() && system.get().address() == own.get().address();
    }

    /**
     * The {@code void f(void *)} that frees the {@code char *} results of a {@code @FreedWith} method: found in this
     * library, else in the C library, as {@code Foreign.bind} finds it.
     *
     * @param freeFunction the function, such as {@code "free"} or {@code "sqlite3_free"}
     * @param where        how messages name the method
     * @return its address
     * @throws UnknownSymbolError when neither library has it
     */
    public MemorySegment freeFunction(String freeFunction, String where) {
        return library.find(freeFunction)
                .map(segment -> MemorySegment.ofAddress(segment.address()))
                .or(() -> Linker.nativeLinker().defaultLookup().find(freeFunction))
                .orElseThrow(() -> new UnknownSymbolError("'" + freeFunction + "', to free the results of " + where
                        + ", is in neither library '" + library.name() + "' nor the C library", freeFunction));
    }

    /** {@return the library's name, as given} */
    public String name() {
        return library.name();
    }
}
