package epsilon.foreign.batch.internal;

import epsilon.foreign.ForeignFunction;
import epsilon.foreign.marshalling.CType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans that ad-hoc batches compiled, by shape (the functions by identity, their variadic types, errno capture):
 * a batch built again with the same calls and new values runs the plan compiled the first time.
 */
public final class PlanCache {
    private static final int MAX_ENTRIES = 512;
    private static final ConcurrentHashMap<Shape, CompiledPlan> PLANS = new ConcurrentHashMap<>();

    /** A batch's shape; functions compare by identity, as resolved functions are kept by {@link Functions}. */
    private record Shape(List<Identity> functions, List<List<CType>> variadicTypes, boolean errno) {}

    private record Identity(ForeignFunction function) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.function == function;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(function);
        }
    }

    private PlanCache() {}

    /**
     * The compiled plan of a shape, compiled on first use.
     *
     * @param functions     each call's function
     * @param variadicTypes each call's variadic types
     * @param captureErrno  whether every call captures errno
     * @return the plan
     */
    public static CompiledPlan plan(List<ForeignFunction> functions, List<List<CType>> variadicTypes,
                                    boolean captureErrno) {
        List<Identity> ids = new ArrayList<>(functions.size());
        for (ForeignFunction function : functions) {
            ids.add(new Identity(function));
        }
        Shape shape = new Shape(ids, List.copyOf(variadicTypes), captureErrno);
        CompiledPlan plan = PLANS.get(shape);
        if (plan == null) {
            plan = CompiledPlan.compile(functions, variadicTypes, captureErrno);
            if (PLANS.size() >= MAX_ENTRIES) {
                PLANS.clear();
            }
            PLANS.putIfAbsent(shape, plan);
        }
        return plan;
    }
}
