package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.convert.CParameterKinds;
import java.util.Objects;

/**
 * One parameter of a {@link CPrototype}: its name as written in the prototype ({@code null} when the prototype
 * gave none, as in {@code int abs(int)}), its type, and whether C forbids {@code NULL} for it.
 *
 * <p>A parameter is {@code nonnull} when its declaration says so ({@code __attribute__((nonnull(1)))}, glibc's
 * {@code __nonnull ((1))}, or a bare {@code nonnull} covering every pointer parameter): such a parameter refuses
 * Java {@code null} and {@link java.lang.foreign.MemorySegment#NULL} with a {@link NullArgumentError} before C runs,
 * because C would dereference it.
 *
 * @param name    the parameter's name, or {@code null}
 * @param type    the parameter's type; never {@code void}
 * @param nonnull whether C requires a non-NULL pointer here
 */
public record CParameter(String name, CType type, boolean nonnull) {
    /**
     * Checks that the parameter can exist in C.
     *
     * @throws NullPointerException when {@code type} is null
     * @throws DeclarationError     if {@code type} is {@code void}, or {@code nonnull} is set on a type that is not
     *                              passed as an address (a pointer, string, array or function pointer)
     */
    public CParameter {
        Objects.requireNonNull(type, "type");
        if (type.isVoid()) {
            throw new DeclarationError("parameter " + (name == null ? "" : "'" + name + "' ") + "cannot be void");
        }
        if (nonnull && !CParameterKinds.isAddress(type)) {
            throw new DeclarationError("parameter " + (name == null ? "" : "'" + name + "' ") + "of type "
                    + type.name() + " cannot be nonnull: only pointers can be NULL");
        }
    }

    /**
     * A parameter that may be NULL where its type allows it.
     *
     * @param name the parameter's name, or {@code null}
     * @param type the parameter's type; never {@code void}
     * @throws DeclarationError if {@code type} is {@code void}
     */
    public CParameter(String name, CType type) {
        this(name, type, false);
    }

    /**
     * This parameter, marked nonnull.
     *
     * @return this parameter when it is already nonnull, else a copy that is
     * @throws DeclarationError when the type is not passed as an address, so cannot be NULL
     */
    public CParameter asNonnull() {
        return nonnull ? this : new CParameter(name, type, true);
    }

    /** The C spelling: {@code "const char *s"} is shown as {@code "char *s"}, a function pointer as {@code "int (*cmp)(void *, void *)"}. */
    @Override
    public String toString() {
        String typeName = type.name();
        if (name == null) {
            return typeName;
        }
        if (type instanceof FunctionPointerType function) {
            return function.declaration(name);
        }
        return typeName.endsWith("*") ? typeName + name : typeName + " " + name;
    }
}
