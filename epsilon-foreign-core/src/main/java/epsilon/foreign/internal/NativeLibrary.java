package epsilon.foreign.internal;

import epsilon.foreign.Library;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A library loaded into its own shared arena: closing the arena unloads it, and because every symbol
 * address is a segment of that arena, the JDK refuses downcalls through addresses of a closed library.
 */
public final class NativeLibrary implements Library {
    private final String name;
    private final String loadedAs;
    private final Arena arena;
    private final SymbolLookup lookup;
    private final ConcurrentHashMap<String, MemorySegment> symbols = new ConcurrentHashMap<>();
    private final Consumer<NativeLibrary> onClose;
    private volatile boolean open = true;

    NativeLibrary(String name, String loadedAs, Arena arena, SymbolLookup lookup, Consumer<NativeLibrary> onClose) {
        this.name = name;
        this.loadedAs = loadedAs;
        this.arena = arena;
        this.lookup = lookup;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String loadedAs() {
        return loadedAs;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public MemorySegment function(String symbol) {
        return find(symbol).orElseThrow(() -> new UnknownSymbolError(
                "symbol '" + symbol + "' not found in library '" + name + "' (loaded as " + loadedAs + ")", symbol));
    }

    @Override
    public Optional<MemorySegment> find(String symbol) {
        if (!open) {
            throw closedLookupError(symbol);
        }
        MemorySegment cached = symbols.get(symbol);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Optional<MemorySegment> found = lookup.find(symbol);
            found.ifPresent(address -> symbols.putIfAbsent(symbol, address));
            return found;
        } catch (IllegalStateException closedMeanwhile) {
            throw closedLookupError(symbol);
        }
    }

    /**
     * The symbol's address from the JVM's default lookup, when that resolves it to the very same code: such code
     * belongs to a library the JVM keeps loaded for its whole life (the C and math libraries), so a call need not
     * go through this library's arena, whose acquire and release cost about 13 ns per call. Callers that use it
     * must check {@link #isOpen()} themselves (one volatile read) to keep "closed means closed".
     */
    public Optional<MemorySegment> permanentAddress(String symbol) {
        MemorySegment own = function(symbol);
        return Linker.nativeLinker().defaultLookup().find(symbol).filter(system -> system.address() == own.address());
    }

    /** The error for a call into this library after close. */
    public ClosedLibraryError closedError(String function) {
        return new ClosedLibraryError("call to '" + function + "' in library '" + name + "', which has been closed",
                function);
    }

    private ClosedLibraryError closedLookupError(String symbol) {
        return new ClosedLibraryError("lookup of '" + symbol + "' in library '" + name + "', which has been closed",
                symbol);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            try {
                arena.close();
            } catch (IllegalStateException inUse) {
                throw new ForeignError("cannot close library '" + name + "': a call into it is still running", null,
                        null, inUse);
            }
            open = false;
        }
        symbols.clear();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "Library[" + name + " as " + loadedAs + (open ? "" : ", closed") + "]";
    }
}
