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

    /** The pointed-to function's signature; its {@link CPrototype#name()} may be {@code null}. */
    public CPrototype signature() {
        return signature;
    }

    /** {@code "int (*)(const void *, const void *)"}. */
    @Override
    public String name() {
        return signature.returnType().name() + " (*)" + parameterList();
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
