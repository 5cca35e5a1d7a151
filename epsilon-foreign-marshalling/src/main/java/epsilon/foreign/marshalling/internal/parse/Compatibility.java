package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;

/** When two declarations of one typedef name agree, as C11 6.7p3 lets a typedef be redeclared. */
final class Compatibility {
    private Compatibility() {}

    /** How a message tells types apart whose names a typedef hides: {@code "a 64-bit signed integer"}. */
    static String describe(CType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64 -> "a " + type.byteSize() * 8 + "-bit signed integer (" + type.name() + ")";
            case UINT8, UINT16, UINT32, UINT64 -> "a " + type.byteSize() * 8 + "-bit unsigned integer (" + type.name() + ")";
            default -> type.name();
        };
    }

    /** Whether {@code a} and {@code b} are the same type apart from the typedef names they carry. */
    static boolean sameType(CType a, CType b) {
        if (a == b) {
            return true;
        }
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case VOID -> true;
            case STRUCT -> a.name().equals(b.name()) && ((StructType) a).isUnion() == ((StructType) b).isUnion();
            case POINTER -> sameType(((PointerType) a).target(), ((PointerType) b).target());
            case ENUM, ARRAY, FUNCTION_POINTER, OPAQUE, STRING -> a.equals(b);
            default -> a.byteSize() == b.byteSize() && a.isSigned() == b.isSigned();
        };
    }
}
