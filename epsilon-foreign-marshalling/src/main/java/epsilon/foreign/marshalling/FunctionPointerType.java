package epsilon.foreign.marshalling;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A pointer to a C function with a known signature, such as {@code qsort}'s
 * {@code int (*compar)(const void *, const void *)}. Java passes and receives a {@link MemorySegment}: an upcall
 * stub made by the callback module, or a function address from a symbol lookup.
 */
public final class FunctionPointerType extends SegmentCarriedType {
    private final CPrototype signature;

    FunctionPointerType(CPrototype signature) {
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    /** {@return the pointed-to function's signature; its {@link CPrototype#name()} may be {@code null}} */
    public CPrototype signature() {
        return signature;
    }

    /** {@code "int (*)(const void *, const void *)"}, {@code "void *(*)(void *)"}, {@code "int (*(*)(char))(double)"}. */
    @Override
    public String name() {
        return declaration("");
    }

    /**
     * The C spelling of a declaration of this type around {@code inner}, which is what C writes inside the
     * {@code (*)}: nothing for the type name, {@code "cmp"} for a named parameter, {@code "*"} for a pointer to it,
     * {@code "[3]"} for an array of them, {@code "signal(int sig)"} for a function returning one. A result that is
     * itself a function pointer nests, inside out as C writes it: {@code int (*(*)(char))(double)}.
     */
    String declaration(String inner) {
        String declarator = "(*" + inner + ")" + parameterList();
        if (signature.returnType() instanceof FunctionPointerType result) {
            return result.declaration(declarator);
        }
        String head = signature.returnType().name();
        return head + (head.endsWith("*") ? "" : " ") + declarator;
    }

    String parameterList() {
        String list = signature.parameters().stream().map(p -> p.type().name()).collect(Collectors.joining(", "));
        if (signature.variadic()) {
            list = list.isEmpty() ? "..." : list + ", ...";
        }
        return "(" + (list.isEmpty() ? "void" : list) + ")";
    }

    @Override
    public Kind kind() {
        return Kind.FUNCTION_POINTER;
    }

    /**
     * Whether a function with signature {@code function} may be called through this pointer without breaking the
     * C calling convention: the same number of parameters, both variadic or neither, and at each position (and for
     * the result) types the ABI passes the same way. Any two data pointers match (a comparator declared over
     * {@code const int *} fits {@code qsort}'s {@code const void *}), as do integers of the same width whatever their
     * sign (and enums of their underlying width); {@code float}, {@code double}, {@code bool} and structs match only
     * themselves; {@code void} only {@code void}.
     *
     * @param function the signature of the function to be called through this pointer
     * @return whether the call would pass every argument and the result as the pointer's signature says
     */
    public boolean accepts(CPrototype function) {
        Objects.requireNonNull(function, "function");
        if (function.variadic() != signature.variadic() || function.arity() != signature.arity()) {
            return false;
        }
        if (!sameAbi(signature.returnType(), function.returnType())) {
            return false;
        }
        for (int i = 0; i < signature.arity(); i++) {
            if (!sameAbi(signature.parameters().get(i).type(), function.parameters().get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAbi(CType declared, CType actual) {
        if (declared.isVoid() || actual.isVoid()) {
            return declared.isVoid() && actual.isVoid();
        }
        if (isAddress(declared) || isAddress(actual)) {
            return isAddress(declared) && isAddress(actual);
        }
        if (declared.kind() == Kind.STRUCT || actual.kind() == Kind.STRUCT) {
            return declared.kind() == actual.kind() && declared.layout().withoutName().equals(actual.layout().withoutName());
        }
        if (declared.kind() == Kind.OPAQUE || actual.kind() == Kind.OPAQUE) {
            return declared.equals(actual);
        }
        return declared.carrier() == actual.carrier();
    }

    private static boolean isAddress(CType type) {
        return switch (type.kind()) {
            case POINTER, STRING, ARRAY, FUNCTION_POINTER -> true;
            default -> false;
        };
    }

    /** {@link ValueLayout#ADDRESS}. */
    @Override
    public AddressLayout layout() {
        return ValueLayout.ADDRESS;
    }

    @Override
    public Class<?> javaType() {
        return MemorySegment.class;
    }

    /** False: only an existing function address is accepted. */
    @Override
    public boolean needsAllocator() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FunctionPointerType that && signature.returnType().equals(that.signature.returnType())
                && signature.parameterTypes().equals(that.signature.parameterTypes())
                && signature.variadic() == that.signature.variadic();
    }

    @Override
    public int hashCode() {
        return Objects.hash(signature.returnType(), signature.parameterTypes(), signature.variadic());
    }
}
