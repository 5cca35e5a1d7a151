package epsilon.foreign.internal;

import epsilon.foreign.CallOption;
import epsilon.foreign.Library;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.KnownPrototypes;
import epsilon.foreign.marshalling.UnknownSymbolError;
import epsilon.foreign.marshalling.internal.convert.TypeDefinitions;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Resolved functions of {@code sharedCall}, keyed by how the call named them: (library, function, C types),
 * (library, function, type spellings) or (library, prototype text), each with the call options. A function
 * whose library has been closed is resolved afresh, which reopens the library: a call by name always means
 * "the library by that name now". A {@link epsilon.foreign.ForeignFunction} held by the user does not do this.
 */
public final class FunctionCache {
    private static final FunctionCache GLOBAL = new FunctionCache(LibraryRegistry.global());
    /** Where {@code Foreign.call} looks for a function with a known prototype, in order. */
    private static final List<String> KNOWN_FUNCTION_LIBRARIES = List.of("c", "m");

    private record TypedKey(String library, String function, CType returnType, List<CType> parameterTypes,
                            List<CallOption> options) {}

    private record SpelledKey(String library, String function, String returnType, List<String> parameterTypes,
                              List<CallOption> options) {}

    private record PrototypeKey(String library, String prototype, List<CallOption> options) {}

    private record KnownKey(String function, List<CallOption> options) {}

    /**
     * An entry of the cache: the key as the call named the function, what it resolved to, and the type definitions
     * it was read under (a {@code CType.define} after the first call takes effect at the next).
     */
    private record Entry(Object key, DynamicFunction function, int definitions) {}

    /**
     * Entries by function name (or prototype text). Hashing the name is cheap (a String caches its hash), and
     * the few entries under one name are compared with {@code equals}, which finds a constant type list by
     * identity: no per-call hashing of type lists.
     */
    private final ConcurrentHashMap<String, Entry[]> functions = new ConcurrentHashMap<>();

    /** A slot of the identity cache behind {@code sharedCallFast}. Immutable, so a racy read sees it whole. */
    private record IdentitySlot(String function, String library, CType returnType, List<CType> parameterTypes,
                                DynamicFunction resolved) {}

    private static final int IDENTITY_SLOTS = 256;
    /**
     * Direct-mapped by the function name's hash: a call that passes the very same name, library, return type and
     * type list objects as the last call in its slot (string literals and constant lists do) is answered with
     * four reference comparisons. Slots are overwritten freely; a miss falls back to {@link #typed}.
     */
    private final IdentitySlot[] identitySlots = new IdentitySlot[IDENTITY_SLOTS];
    private final LibraryRegistry libraries;

    FunctionCache(LibraryRegistry libraries) {
        this.libraries = libraries;
    }

    /** The cache behind {@code Foreign.sharedCall}. */
    public static FunctionCache global() {
        return GLOBAL;
    }

    public DynamicFunction typed(String function, String library, CType returnType, List<CType> parameterTypes,
                                 List<CallOption> options) {
        return cached(function, new TypedKey(library, function, returnType, parameterTypes, options),
                () -> resolve(Prototypes.of(function, returnType, parameterTypes), library, options));
    }

    /** {@link #typed} without options, through the identity cache first. */
    public DynamicFunction typedByIdentity(String function, String library, CType returnType,
                                           List<CType> parameterTypes) {
        int index = function.hashCode() & (IDENTITY_SLOTS - 1);
        IdentitySlot slot = identitySlots[index];
        if (slot != null && slot.function() == function && slot.library() == library
                && slot.returnType() == returnType && slot.parameterTypes() == parameterTypes
                && slot.resolved().library().isOpen()) {
            return slot.resolved();
        }
        DynamicFunction resolved = typed(function, library, returnType, parameterTypes, List.of());
        identitySlots[index] = new IdentitySlot(function, library, returnType, parameterTypes, resolved);
        return resolved;
    }

    public DynamicFunction spelled(String function, String library, String returnType, List<String> parameterTypes,
                                   List<CallOption> options) {
        return cached(function, new SpelledKey(library, function, returnType, parameterTypes, options),
                () -> resolve(Prototypes.of(function, CType.parse(returnType),
                        parameterTypes.stream().map(CType::parse).toList()), library, options));
    }

    public DynamicFunction prototype(String prototype, String library, List<CallOption> options) {
        return cached(prototype, new PrototypeKey(library, prototype, options),
                () -> resolve(CPrototype.parse(prototype), library, options));
    }

    /** A function of the C or math library with the prototype {@link KnownPrototypes} has for it. */
    public DynamicFunction known(String function, List<CallOption> options) {
        return cached(function, new KnownKey(function, options), () -> {
            CPrototype prototype = KnownPrototypes.require(function);
            for (String library : KNOWN_FUNCTION_LIBRARIES) {
                if (libraries.open(library).find(function).isPresent()) {
                    return resolve(prototype, library, options);
                }
            }
            throw new UnknownSymbolError("'" + function + "' has a known prototype but is in neither the C library"
                    + " nor the math library; call it with sharedCall naming its library", function);
        });
    }

    private DynamicFunction cached(String name, Object key, Supplier<DynamicFunction> resolver) {
        Entry[] entries = functions.get(name);
        int definitions = TypeDefinitions.generation();
        if (entries != null) {
            for (Entry entry : entries) {
                if (entry.key().equals(key) && entry.function().library().isOpen()
                        && entry.definitions() == definitions) {
                    return entry.function();
                }
            }
        }
        Entry fresh = new Entry(key, resolver.get(), definitions);
        functions.merge(name, new Entry[] {fresh}, (old, added) -> {
            Entry[] kept = java.util.Arrays.stream(old).filter(e -> !e.key().equals(key)).toArray(Entry[]::new);
            Entry[] joined = java.util.Arrays.copyOf(kept, kept.length + 1);
            joined[kept.length] = fresh;
            return joined;
        });
        return fresh.function();
    }

    /** Opens the library, finds the prototype's symbol, and binds the trampoline of its shape. */
    public DynamicFunction resolve(CPrototype prototype, String library, List<CallOption> options) {
        NativeLibrary lib = (NativeLibrary) libraries.open(library);
        MemorySegment address = lib.function(prototype.symbol());
        return new DynamicFunction(lib, address, KnownNonnull.merged(prototype, lib), options, null);
    }

    /** Forgets every resolved function (their libraries stay open). */
    public void clear() {
        functions.clear();
        java.util.Arrays.fill(identitySlots, null);
    }
}
