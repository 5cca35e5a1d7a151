package epsilon.foreign.internal;

import epsilon.foreign.CallOption;
import epsilon.foreign.Library;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.KnownPrototypes;
import epsilon.foreign.marshalling.UnknownSymbolError;
import epsilon.foreign.marshalling.internal.convert.TypeDefinitions;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * A slot of the identity cache: the objects a call named its function with, compared by reference, and what
     * they resolved to under which type definitions. Immutable, so a racy read sees it whole.
     */
    private record IdentitySlot(Object name, Object library, Object returnType, Object parameterTypes,
                                List<CallOption> options, int definitions, DynamicFunction resolved) {}

    private static final int IDENTITY_SLOTS = 256;
    /**
     * Direct-mapped by the name's hash, one table per way of naming a function (C types, prototype text, known
     * prototype): a call that passes the very same objects as the last call in its slot (string literals, constant
     * immutable type lists, a caller's own option list) is answered with a few reference comparisons and no
     * allocation. Slots are overwritten freely; a miss falls back to the lookup by value. Only immutable keys are
     * compared by reference: a type list is first passed through {@code List.copyOf}, which returns an immutable
     * list as it is and copies any other, so a list changed between calls never answers for its old contents.
     */
    private final IdentitySlot[] typedSlots = new IdentitySlot[IDENTITY_SLOTS];
    private final IdentitySlot[] prototypeSlots = new IdentitySlot[IDENTITY_SLOTS];
    private final IdentitySlot[] knownSlots = new IdentitySlot[IDENTITY_SLOTS];
    private final LibraryRegistry libraries;

    /**
     * The slot of a name: by identity hash, which the identity comparison makes sufficient, and which compiles to a
     * header read where {@code String.hashCode} would bring its vectorized hashing loop into every inlined call.
     */
    private static int slotOf(String name) {
        return System.identityHashCode(name) & (IDENTITY_SLOTS - 1);
    }

    FunctionCache(LibraryRegistry libraries) {
        this.libraries = libraries;
    }

    /** The cache behind {@code Foreign.sharedCall}. */
    public static FunctionCache global() {
        return GLOBAL;
    }

    /**
     * The function named by C types, from the identity cache when the same objects named it last time, else by
     * value. Kept small, with every check but the comparisons out of line, so that it inlines into the caller's
     * call site and the argument array need not be allocated: a null never matches a slot, so the miss path is
     * where nulls are refused, and only an immutable type list is ever put in a slot, so a hit by reference means
     * the same types.
     *
     * @throws NullPointerException when {@code function}, {@code library}, {@code returnType} or
     *                              {@code parameterTypes} is null, naming it
     */
    public DynamicFunction typed(String function, String library, CType returnType, List<CType> parameterTypes,
                                 List<CallOption> options) {
        IdentitySlot slot = typedSlots[slotOf(function)];
        if (slot != null && slot.name() == function && slot.library() == library && slot.returnType() == returnType
                && slot.parameterTypes() == parameterTypes && slot.options() == options
                && slot.definitions() == TypeDefinitions.generation() && slot.resolved().library().isOpen()) {
            return slot.resolved();
        }
        return typedMiss(function, library, returnType, parameterTypes, options);
    }

    private DynamicFunction typedMiss(String function, String library, CType returnType, List<CType> parameterTypes,
                                      List<CallOption> options) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(returnType, "returnType");
        List<CType> types = List.copyOf(Objects.requireNonNull(parameterTypes, "argumentTypes"));
        int definitions = TypeDefinitions.generation();
        TypedKey key = new TypedKey(library, function, returnType, types, options);
        DynamicFunction resolved = cached(function, key, definitions);
        if (resolved == null) {
            resolved = store(function, key, definitions,
                    resolve(Prototypes.of(function, returnType, types), library, options));
        }
        if (types == parameterTypes) { // immutable: safe to recognise by reference from now on
            typedSlots[slotOf(function)] = new IdentitySlot(function, library, returnType, types, options,
                    definitions, resolved);
        }
        return resolved;
    }

    public DynamicFunction spelled(String function, String library, String returnType, List<String> parameterTypes,
                                   List<CallOption> options) {
        SpelledKey key = new SpelledKey(library, function, returnType, parameterTypes, options);
        int definitions = TypeDefinitions.generation();
        DynamicFunction resolved = cached(function, key, definitions);
        if (resolved != null) {
            return resolved;
        }
        List<CType> types = new ArrayList<>(parameterTypes.size());
        for (String type : parameterTypes) {
            types.add(CType.parse(type));
        }
        return store(function, key, definitions,
                resolve(Prototypes.of(function, CType.parse(returnType), List.copyOf(types)), library, options));
    }

    /**
     * The function a prototype declares, from the identity cache when the same text object named it last time
     * under the same type definitions (its spellings may name typedefs), else by value.
     */
    public DynamicFunction prototype(String prototype, String library, List<CallOption> options) {
        IdentitySlot slot = prototypeSlots[slotOf(prototype)];
        if (slot != null && slot.name() == prototype && slot.library() == library && slot.options() == options
                && slot.definitions() == TypeDefinitions.generation() && slot.resolved().library().isOpen()) {
            return slot.resolved();
        }
        return prototypeMiss(prototype, library, options);
    }

    private DynamicFunction prototypeMiss(String prototype, String library, List<CallOption> options) {
        Objects.requireNonNull(prototype, "prototype");
        Objects.requireNonNull(library, "library");
        int definitions = TypeDefinitions.generation();
        PrototypeKey key = new PrototypeKey(library, prototype, options);
        DynamicFunction resolved = cached(prototype, key, definitions);
        if (resolved == null) {
            resolved = store(prototype, key, definitions, resolve(CPrototype.parse(prototype), library, options));
        }
        prototypeSlots[slotOf(prototype)] = new IdentitySlot(prototype, library, null, null,
                options, definitions, resolved);
        return resolved;
    }

    /**
     * A function of the C or math library with the prototype {@link KnownPrototypes} has for it, from the identity
     * cache when the same name object asked last time under the same type definitions, else by value.
     */
    public DynamicFunction known(String function, List<CallOption> options) {
        IdentitySlot slot = knownSlots[slotOf(function)];
        if (slot != null && slot.name() == function && slot.options() == options
                && slot.definitions() == TypeDefinitions.generation() && slot.resolved().library().isOpen()) {
            return slot.resolved();
        }
        return knownMiss(function, options);
    }

    private DynamicFunction knownMiss(String function, List<CallOption> options) {
        Objects.requireNonNull(function, "function");
        int definitions = TypeDefinitions.generation();
        DynamicFunction resolved = knownByValue(function, options);
        knownSlots[slotOf(function)] = new IdentitySlot(function, null, null, null, options,
                definitions, resolved);
        return resolved;
    }

    private DynamicFunction knownByValue(String function, List<CallOption> options) {
        KnownKey key = new KnownKey(function, options);
        int definitions = TypeDefinitions.generation();
        DynamicFunction resolved = cached(function, key, definitions);
        if (resolved != null) {
            return resolved;
        }
        CPrototype prototype = KnownPrototypes.require(function);
        for (String library : KNOWN_FUNCTION_LIBRARIES) {
            if (libraries.open(library).find(function).isPresent()) {
                return store(function, key, definitions, resolve(prototype, library, options));
            }
        }
        throw new UnknownSymbolError("'" + function + "' has a known prototype but is in neither the C library"
                + " nor the math library; call it with sharedCall naming its library", function);
    }

    /** The function resolved for the key under these type definitions while its library is open, or null. */
    private DynamicFunction cached(String name, Object key, int definitions) {
        Entry[] entries = functions.get(name);
        if (entries != null) {
            for (Entry entry : entries) {
                if (entry.key().equals(key) && entry.function().library().isOpen()
                        && entry.definitions() == definitions) {
                    return entry.function();
                }
            }
        }
        return null;
    }

    /**
     * Files a function just resolved, replacing any entry of the same key; a loop of compare-and-set rather than
     * {@code merge} with a lambda, which would spin a class on a program's first call.
     */
    private DynamicFunction store(String name, Object key, int definitions, DynamicFunction function) {
        Entry fresh = new Entry(key, function, definitions);
        while (true) {
            Entry[] old = functions.get(name);
            if (old == null) {
                if (functions.putIfAbsent(name, new Entry[] {fresh}) == null) {
                    return function;
                }
                continue;
            }
            Entry[] joined = new Entry[old.length + 1];
            int kept = 0;
            for (Entry entry : old) {
                if (!entry.key().equals(key)) {
                    joined[kept++] = entry;
                }
            }
            joined[kept++] = fresh;
            if (functions.replace(name, old, java.util.Arrays.copyOf(joined, kept))) {
                return function;
            }
        }
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
        java.util.Arrays.fill(typedSlots, null);
        java.util.Arrays.fill(prototypeSlots, null);
        java.util.Arrays.fill(knownSlots, null);
    }
}
