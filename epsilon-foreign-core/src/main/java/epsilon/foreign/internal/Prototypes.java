package epsilon.foreign.internal;

import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.util.ArrayList;
import java.util.List;

/** What calls need of a {@link CPrototype} beyond what it says itself: the descriptor of one variadic call. */
public final class Prototypes {
    private Prototypes() {}

    /** A prototype named {@code function} with unnamed parameters of these types. */
    public static CPrototype of(String function, CType returnType, List<CType> parameterTypes) {
        List<CParameter> parameters = new ArrayList<>(parameterTypes.size());
        for (CType type : parameterTypes) {
            parameters.add(new CParameter(null, type));
        }
        return new CPrototype(function, returnType, parameters, false);
    }

    /** The descriptor of a call with the fixed parameters followed by {@code variadicTypes}. */
    public static FunctionDescriptor descriptor(CPrototype prototype, List<CType> variadicTypes) {
        FunctionDescriptor fixed = prototype.descriptor();
        if (variadicTypes.isEmpty()) {
            return fixed;
        }
        MemoryLayout[] more = variadicTypes.stream().map(CType::argumentLayout).toArray(MemoryLayout[]::new);
        return fixed.appendArgumentLayouts(more);
    }

    /** True when the result is a struct by value, which the linker returns through a {@code SegmentAllocator}. */
    public static boolean returnsStruct(CPrototype prototype) {
        return prototype.returnType().kind() == CType.Kind.STRUCT;
    }
}
