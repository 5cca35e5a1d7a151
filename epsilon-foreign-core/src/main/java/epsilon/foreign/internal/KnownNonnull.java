package epsilon.foreign.internal;

import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.KnownPrototypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nonnull facts of the C library's own functions, for calls that did not state them: a typed
 * {@code sharedCall("strlen", "c", ...)}, a prototype written without attributes, a bound interface method. They
 * apply only when the call reaches the very function the known-prototype table describes (the symbol the JVM itself
 * resolves, so a library's own {@code strlen} is not taken for libc's) with the same number of parameters.
 */
public final class KnownNonnull {
    private KnownNonnull() {}

    /** Per parameter, whether the C library declares it nonnull; {@code null} when nothing is known. */
    public static boolean[] of(String symbol, NativeLibrary library, int arity) {
        Optional<CPrototype> known = KnownPrototypes.lookup(symbol);
        if (known.isEmpty() || known.get().arity() != arity || library.permanentAddress(symbol).isEmpty()) {
            return null;
        }
        int[] indexes = known.get().nonnullParameters();
        if (indexes.length == 0) {
            return null;
        }
        boolean[] nonnull = new boolean[arity];
        for (int index : indexes) {
            nonnull[index] = true;
        }
        return nonnull;
    }

    /** {@code prototype} with the known nonnull facts added to its pointer parameters. */
    public static CPrototype merged(CPrototype prototype, NativeLibrary library) {
        boolean pointers = false;
        for (CType type : prototype.parameterTypes()) { // a loop, not a stream: no class to spin on a first call
            pointers |= isPointer(type);
        }
        if (!pointers) {
            return prototype; // nothing to mark: spares a first call the parse of the known prototype
        }
        boolean[] nonnull = of(prototype.symbol(), library, prototype.arity());
        if (nonnull == null) {
            return prototype;
        }
        List<CParameter> parameters = new ArrayList<>(prototype.parameters());
        boolean changed = false;
        for (int i = 0; i < parameters.size(); i++) {
            CParameter parameter = parameters.get(i);
            if (nonnull[i] && !parameter.nonnull() && isPointer(parameter.type())) {
                parameters.set(i, parameter.asNonnull());
                changed = true;
            }
        }
        return changed ? new CPrototype(prototype.name(), prototype.returnType(), parameters, prototype.variadic(),
                prototype.symbol()) : prototype;
    }

    private static boolean isPointer(CType type) {
        return switch (type.kind()) {
            case POINTER, STRING, ARRAY, FUNCTION_POINTER -> true;
            default -> false;
        };
    }
}
