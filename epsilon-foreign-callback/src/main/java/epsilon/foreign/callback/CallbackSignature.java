package epsilon.foreign.callback;

import epsilon.foreign.callback.internal.SignatureParser;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The C signature of a callback: its result type and parameter types, with how each converts to Java.
 *
 * <p>Write it the way it is easiest to read: as a C function-pointer type, a C prototype, C type names, or a
 * {@code FunctionDescriptor}; then refine the parameters C text cannot describe (what a {@code void *} points to,
 * a {@code char *} to read as a {@code String}):
 *
 * {@snippet :
 * // qsort's comparator, with both pointers sized to an int so the lambda reads them directly
 * CallbackSignature ints = CallbackSignature.parse("int (*)(const int *, const int *)");
 * // the same from its library declaration, pointing at a struct
 * CallbackSignature entries = CallbackSignature.parse("int cmp(const void *a, const void *b)").pointingTo(ENTRY);
 * // from type names, with a string parameter
 * CallbackSignature visit = CallbackSignature.of("void", "char *", "size_t").withParameter(0, CallbackType.string());
 * }
 *
 * @param result the result type, {@link CallbackType#VOID} for none
 * @param parameters the parameter types in order; never {@code VOID}
 */
public record CallbackSignature(CallbackType result, List<CallbackType> parameters) {
    /** @throws CallbackSignatureException if a parameter is {@code void} or the result is a {@code String} */
    public CallbackSignature {
        Objects.requireNonNull(result, "result");
        parameters = List.copyOf(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof CallbackType.Void) {
                throw new CallbackSignatureException("parameter " + i + " is void: only a result can be void");
            }
        }
        if (result instanceof CallbackType.Text) {
            throw new CallbackSignatureException("a callback cannot return a String: C would need memory that "
                    + "outlives the call; return a MemorySegment (CallbackType.POINTER) you allocated instead");
        }
    }

    /** A signature from types. */
    public static CallbackSignature of(CallbackType result, CallbackType... parameters) {
        return new CallbackSignature(result, List.of(parameters));
    }

    /**
     * A signature from C type names, result first: {@code of("int", "const void *", "const void *")}.
     *
     * @throws CallbackSignatureException naming the position and text of an unreadable type
     */
    public static CallbackSignature of(String result, String... parameters) {
        List<CallbackType> types = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            types.add(CallbackType.of(parameters[i]));
        }
        return new CallbackSignature(CallbackType.of(result), types);
    }

    /**
     * A signature from a descriptor: value layouts become scalars, address layouts pointers (sized by their
     * target layout when they have one), group layouts structs by value.
     */
    public static CallbackSignature of(FunctionDescriptor descriptor) {
        CallbackType result = descriptor.returnLayout().map(CallbackSignature::typeOf).orElse(CallbackType.VOID);
        return new CallbackSignature(result,
                descriptor.argumentLayouts().stream().map(CallbackSignature::typeOf).toList());
    }

    /**
     * Parses a C function-pointer type ({@code "int (*)(const void *, const void *)"}, with or without a name
     * inside the parentheses) or a C prototype ({@code "int cmp(const void *a, const void *b)"}).
     *
     * @throws CallbackSignatureException naming the text and what could not be read
     */
    public static CallbackSignature parse(String text) {
        return SignatureParser.parse(text);
    }

    /** This signature with parameter {@code index} replaced. */
    public CallbackSignature withParameter(int index, CallbackType type) {
        Objects.checkIndex(index, parameters.size());
        List<CallbackType> copy = new ArrayList<>(parameters);
        copy.set(index, type);
        return new CallbackSignature(result, copy);
    }

    /**
     * This signature with every untyped pointer parameter ({@code void *} and pointers C text could not size)
     * pointing to {@code target}: the usual refinement for {@code qsort} and {@code bsearch} comparators.
     */
    public CallbackSignature pointingTo(MemoryLayout target) {
        CallbackType sized = CallbackType.pointerTo(target);
        return new CallbackSignature(result, parameters.stream()
                .map(p -> p instanceof CallbackType.Pointer(AddressLayout a) && a.targetLayout().isEmpty() ? sized : p)
                .toList());
    }

    /** The C ABI shape, as the linker wants it for the upcall stub. */
    public FunctionDescriptor descriptor() {
        MemoryLayout[] arguments = parameters.stream().map(CallbackType::layout).toArray(MemoryLayout[]::new);
        return result instanceof CallbackType.Void
                ? FunctionDescriptor.ofVoid(arguments)
                : FunctionDescriptor.of(result.layout(), arguments);
    }

    /** The signature as C: {@code int (*)(int *, int *)}. */
    @Override
    public String toString() {
        return result.cName() + " (*)(" + (parameters.isEmpty() ? "void" : parameters.stream()
                .map(CallbackType::cName).collect(Collectors.joining(", "))) + ")";
    }

    private static CallbackType typeOf(MemoryLayout layout) {
        return switch (layout) {
            case AddressLayout address -> new CallbackType.Pointer(address);
            case ValueLayout value -> CallbackType.scalar(value);
            case GroupLayout group -> CallbackType.struct(group);
            default -> throw new CallbackSignatureException("unsupported layout in a callback descriptor: " + layout
                    + " (use value, address or group layouts)");
        };
    }
}
