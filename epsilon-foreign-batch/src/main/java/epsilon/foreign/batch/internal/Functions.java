package epsilon.foreign.batch.internal;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.ForeignMemory;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.struct.StructView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Functions named in a batch, resolved once through core and kept, so that adding a call by name costs a lookup
 * in this cache, and the plan a shape compiles to is found again by the identity of its functions.
 */
public final class Functions {
    private static final int MAX_ENTRIES = 4096;
    private static final ConcurrentHashMap<Object, ForeignFunction> RESOLVED = new ConcurrentHashMap<>();

    private record Typed(String function, String library, CType returnType, List<CType> parameterTypes) {}

    private record Declared(String prototype, String library) {}

    private Functions() {}

    /**
     * A function from its C types, as {@code Foreign.defshared} resolves it.
     *
     * @param function       the C symbol
     * @param library        the library
     * @param returnType     the return type
     * @param parameterTypes the parameter types
     * @return the resolved function, the same object for the same arguments while its library stays open
     */
    public static ForeignFunction typed(String function, String library, CType returnType, List<CType> parameterTypes) {
        return cached(new Typed(function, library, returnType, List.copyOf(parameterTypes)),
                () -> Foreign.defshared(function, library, returnType, parameterTypes.toArray(CType[]::new)));
    }

    /**
     * A function from its C prototype.
     *
     * @param prototype the C declaration
     * @param library   the library
     * @return the resolved function, the same object for the same arguments while its library stays open
     */
    public static ForeignFunction declared(String prototype, String library) {
        return cached(new Declared(prototype, library), () -> Foreign.defshared(prototype, library));
    }

    private static ForeignFunction cached(Object key, java.util.function.Supplier<ForeignFunction> resolve) {
        ForeignFunction found = RESOLVED.get(key);
        if (found != null && found.library().isOpen()) {
            return found;
        }
        ForeignFunction fresh = resolve.get();
        if (RESOLVED.size() >= MAX_ENTRIES) {
            RESOLVED.clear();
        }
        RESOLVED.put(key, fresh);
        return fresh;
    }

    /**
     * The C types of a call's variadic arguments, promoted as C promotes them and as core's variadic calls type
     * them.
     *
     * @param function  the function
     * @param arguments the call's arguments, fixed ones first
     * @return the types of the arguments past the fixed ones; empty for a fixed-arity function
     */
    public static List<CType> variadicTypes(ForeignFunction function, Object[] arguments) {
        if (!function.isVariadic()) {
            return List.of();
        }
        int fixed = function.parameterTypes().size();
        List<CType> types = new ArrayList<>();
        for (int i = fixed; i < arguments.length; i++) {
            Object value = switch (arguments[i]) {
                case ForeignMemory memory -> memory.segment();
                case Callback callback -> null; // a function pointer travels as a pointer
                case StructView view -> null;   // a struct, by its address
                case null, default -> arguments[i];
            };
            types.add(Marshal.variadicType(value, function.name(), i));
        }
        return List.copyOf(types);
    }
}
