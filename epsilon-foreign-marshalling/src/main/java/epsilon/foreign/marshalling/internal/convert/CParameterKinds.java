package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.CType;

/** Which C types C passes as an address: what may be NULL, what a nonnull attribute applies to. */
public final class CParameterKinds {
    private CParameterKinds() {}

    /**
     * Whether values of {@code type} are addresses (data and function pointers, strings, arrays as parameters).
     *
     * @param type any C type
     * @return true for the pointer, string, array and function pointer kinds: the types that may be {@code NULL}
     */
    public static boolean isAddress(CType type) {
        return switch (type.kind()) {
            case POINTER, STRING, ARRAY, FUNCTION_POINTER -> true;
            default -> false;
        };
    }
}
