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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A library loaded into its own shared arena: closing the arena unloads it. Calls hold the library for their whole
 * length, result conversion included ({@link #enter()}/{@link #exit()}): {@link #close()} first refuses new calls,
 * then waits for the calls in flight to leave, and only then unloads, so a {@code char *} result pointing into the
 * library is never read after its pages are gone. Addresses handed to users ({@link #function}) are segments of the
 * arena, so a raw downcall through one is refused by the JDK after close.
 */
public final class NativeLibrary implements Library {
    private final String name;
    private final String loadedAs;
    private final Arena arena;
    private final SymbolLookup lookup;
    private final ConcurrentHashMap<String, MemorySegment> symbols = new ConcurrentHashMap<>();
    private final Consumer<NativeLibrary> onClose;
    private volatile boolean open = true;
    /** Calls in flight in the low bits; {@link #CLOSING} set once close has begun, after which none may enter. */
    private final AtomicLong calls = new AtomicLong();
    private static final long CLOSING = Long.MIN_VALUE;
    /** Calls on this thread that may call back into Java: closing from inside one would wait for itself. */
    private final ThreadLocal<int[]> callbackDepth = new CallbackDepth();
    private volatile Thread closer;

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
        // ifs rather than lambdas, here and below: each lambda spins a class on a program's first call
        Optional<MemorySegment> found = find(symbol);
        if (found.isEmpty()) {
            throw new UnknownSymbolError("symbol '" + symbol + "' not found in library '" + name + "' (loaded as "
                    + loadedAs + ")", symbol);
        }
        return found.get();
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
        // Held like a call: the JDK's library lookup runs dlsym without holding the library's arena, so a close on
        // another thread could otherwise dlclose the handle under it (a JVM crash in the dynamic loader, found by
        // LibraryCloseRaceTest). Close waits for the lookup as it waits for calls.
        if (!enter()) {
            throw closedLookupError(symbol);
        }
        try {
            Optional<MemorySegment> found = lookup.find(symbol);
            if (found.isPresent()) {
                symbols.putIfAbsent(symbol, found.get());
            }
            return found;
        } finally {
            exit(); // only close() closes the arena, and it waits for this: the lookup cannot see it closed
        }
    }

    /**
     * The symbol's address from the JVM's default lookup, when that resolves it to the very same code: such code
     * belongs to a library the JVM keeps loaded for its whole life (the C and math libraries), so a call need not
     * go through this library's arena, whose acquire and release (two atomic updates of a shared counter) every
     * call would otherwise pay. Callers that use it must check {@link #isOpen()} themselves (one volatile read) to
     * keep "closed means closed".
     */
    public Optional<MemorySegment> permanentAddress(String symbol) {
        MemorySegment own = function(symbol);
        Optional<MemorySegment> system = Linker.nativeLinker().defaultLookup().find(symbol);
        return system.isPresent() && system.get().address() == own.address() ? system : Optional.empty();
    }

    /**
     * Enters a call: true when the library is open, and it then stays loaded until {@link #exit()}; false once
     * close has begun (the caller throws {@link #closedError}). Lock-free: one compare-and-set.
     */
    public boolean enter() {
        long state;
        do {
            state = calls.get();
            if (state < 0) {
                return false;
            }
        } while (!calls.compareAndSet(state, state + 1));
        return true;
    }

    /** Leaves a call entered with {@link #enter()}, waking a close that waits for the last call to leave. */
    public void exit() {
        if (calls.decrementAndGet() == CLOSING) {
            Thread waiting = closer;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /** {@link #enter()} for a call that may call back into Java, which may then try to close this library. */
    public boolean enterMayCallBack() {
        if (!enter()) {
            return false;
        }
        callbackDepth.get()[0]++;
        return true;
    }

    /** Leaves a call entered with {@link #enterMayCallBack()}. */
    public void exitMayCallBack() {
        callbackDepth.get()[0]--;
        exit();
    }

    /**
     * The address calls into {@code symbol} go through while they hold the library: the same address as
     * {@link #function}, but not scoped to the library's arena, so a call pays for the hold once instead of also
     * for the JDK's acquisition of the arena.
     */
    public MemorySegment heldAddress(String symbol) {
        return MemorySegment.ofAddress(function(symbol).address());
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

    /**
     * Closes the library: new calls are refused with {@link ClosedLibraryError} at once, calls in flight on other
     * threads finish (their results are converted while the library is still loaded), then it is unloaded.
     *
     * @throws ForeignError when called from inside a call into this library (a callback C made during it), which
     *                      could never finish while close waited for it; the library stays open
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            if (callbackDepth.get()[0] > 0) {
                throw new ForeignError("cannot close library '" + name + "' from inside a call into it (a callback"
                        + " C made during the call): close it after the call returns", null);
            }
            closer = Thread.currentThread();
            open = false;
            calls.getAndUpdate(state -> state | CLOSING);
            while ((calls.get() & ~CLOSING) != 0) {
                LockSupport.parkNanos(this, 1_000_000L);
            }
            closer = null;
            try {
                arena.close();
            } catch (IllegalStateException inUse) {
                // A raw downcall through an address from function() is running: it holds the arena itself.
                calls.set(0);
                open = true;
                throw new ForeignError("cannot close library '" + name + "': a call through one of its addresses is"
                        + " still running", null, null, inUse);
            }
        }
        symbols.clear();
        onClose.accept(this);
    }

    /** Per thread, the depth of calls that may call back; a class rather than {@code withInitial}'s lambda. */
    private static final class CallbackDepth extends ThreadLocal<int[]> {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    }

    @Override
    public String toString() {
        return "Library[" + name + " as " + loadedAs + (open ? "" : ", closed") + "]";
    }
}
