package epsilon.foreign.marshalling;

import java.util.Objects;

/**
 * One parameter of a {@link CPrototype}: its name as written in the prototype ({@code null} when the prototype
 * gave none, as in {@code int abs(int)}) and its type.
 *
 * @param name the parameter's name, or {@code null}
 * @param type the parameter's type; never {@code void}
 */
public record CParameter(String name, CType type) {
    /**
     * @throws IllegalArgumentException if {@code type} is {@code void}
     */
    public CParameter {
        Objects.requireNonNull(type, "type");
        if (type.isVoid()) {
            throw new IllegalArgumentException("parameter " + (name == null ? "" : "'" + name + "' ") + "cannot be void");
        }
    }

    /** The C spelling: {@code "const char *s"} is shown as {@code "char *s"}, a function pointer as {@code "int (*cmp)(void *, void *)"}. */
    @Override
    public String toString() {
        String typeName = type.name();
        if (name == null) {
            return typeName;
        }
        if (type instanceof FunctionPointerType) {
            return typeName.replace("(*)", "(*" + name + ")");
        }
        return typeName.endsWith("*") ? typeName + name : typeName + " " + name;
    }
}
