package epsilon.foreign.internal;

import epsilon.foreign.CallOption;
import epsilon.foreign.Library;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.KnownPrototypes;
import epsilon.foreign.marshalling.UnknownSymbolError;
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

    private final ConcurrentHashMap<Object, DynamicFunction> functions = new ConcurrentHashMap<>();
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
        return cached(new TypedKey(library, function, returnType, parameterTypes, options),
                () -> resolve(function, library, Signature.of(returnType, parameterTypes, false), options));
    }

    public DynamicFunction spelled(String function, String library, String returnType, List<String> parameterTypes,
                                   List<CallOption> options) {
        return cached(new SpelledKey(library, function, returnType, parameterTypes, options),
                () -> resolve(function, library, Signature.of(CType.parse(returnType),
                        parameterTypes.stream().map(CType::parse).toList(), false), options));
    }

    public DynamicFunction prototype(String prototype, String library, List<CallOption> options) {
        return cached(new PrototypeKey(library, prototype, options),
                () -> resolve(CPrototype.parse(prototype), library, options));
    }

    /** A function of the C or math library with the prototype {@link KnownPrototypes} has for it. */
    public DynamicFunction known(String function, List<CallOption> options) {
        return cached(new KnownKey(function, options), () -> {
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

    private DynamicFunction cached(Object key, Supplier<DynamicFunction> resolver) {
        DynamicFunction function = functions.get(key);
        if (function != null && function.library().isOpen()) {
            return function;
        }
        DynamicFunction fresh = resolver.get();
        functions.put(key, fresh);
        return fresh;
    }

    /** Resolves a parsed prototype in a library. */
    public DynamicFunction resolve(CPrototype prototype, String library, List<CallOption> options) {
        List<String> names = prototype.parameters().stream().map(p -> p.name()).toList();
        List<CType> types = prototype.parameters().stream().map(p -> p.type()).toList();
        return resolve(prototype.name(), library, new Signature(prototype.returnType(), types, names,
                prototype.variadic()), options);
    }

    /** Opens the library, finds the symbol, and binds the trampoline of the signature's shape. */
    public DynamicFunction resolve(String function, String library, Signature signature, List<CallOption> options) {
        Library lib = libraries.open(library);
        return new DynamicFunction(function, (NativeLibrary) lib, lib.function(function), signature, options, null);
    }

    /** Forgets every resolved function (their libraries stay open). */
    public void clear() {
        functions.clear();
    }
}
