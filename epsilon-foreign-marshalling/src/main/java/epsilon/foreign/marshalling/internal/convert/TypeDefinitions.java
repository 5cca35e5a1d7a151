package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.internal.TypeNames;

/** For modules that cache what they read from C text: whether {@code CType.define} has changed a name since. */
public final class TypeDefinitions {
    private TypeDefinitions() {}

    /** {@return a number that changes whenever {@code CType.define} registers a type name, new or redefined} */
    public static int generation() {
        return TypeNames.generation();
    }
}
