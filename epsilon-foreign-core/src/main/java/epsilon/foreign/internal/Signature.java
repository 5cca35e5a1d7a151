package epsilon.foreign.internal;

import epsilon.foreign.marshalling.CType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.util.List;

/**
 * The C types of a function: what a call is checked and converted against, and the source of its
 * {@link FunctionDescriptor}. For a variadic function, {@code parameters} are the fixed ones.
 */
public record Signature(CType returnType, List<CType> parameters, List<String> parameterNames, boolean variadic) {

    public Signature {
        parameters = List.copyOf(parameters);
        parameterNames = parameterNames == null ? java.util.Collections.nCopies(parameters.size(), (String) null)
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameterNames));
    }

    /** A signature without parameter names. */
    public static Signature of(CType returnType, List<CType> parameters, boolean variadic) {
        return new Signature(returnType, parameters, null, variadic);
    }

    /** The descriptor of a call with these fixed parameters followed by {@code variadicTypes}. */
    public FunctionDescriptor descriptor(List<CType> variadicTypes) {
        MemoryLayout[] layouts = new MemoryLayout[parameters.size() + variadicTypes.size()];
        for (int i = 0; i < parameters.size(); i++) {
            layouts[i] = parameters.get(i).argumentLayout();
        }
        for (int i = 0; i < variadicTypes.size(); i++) {
            layouts[parameters.size() + i] = variadicTypes.get(i).argumentLayout();
        }
        return returnType.isVoid() ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(returnType.argumentLayout(), layouts);
    }

    /** True when the return is a struct by value, which the linker returns through a {@code SegmentAllocator}. */
    public boolean returnsStruct() {
        return !returnType.isVoid() && returnType.layout() instanceof GroupLayout;
    }

    /** {@code size_t strlen(const char *s)}: how messages show the function. */
    public String describe(String name) {
        StringBuilder text = new StringBuilder(returnType.name()).append(' ').append(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            String type = parameters.get(i).name();
            text.append(type);
            String parameterName = parameterNames.get(i);
            if (parameterName != null) {
                text.append(type.endsWith("*") ? "" : " ").append(parameterName);
            }
        }
        if (variadic) {
            text.append(parameters.isEmpty() ? "..." : ", ...");
        }
        return text.append(')').toString();
    }
}
