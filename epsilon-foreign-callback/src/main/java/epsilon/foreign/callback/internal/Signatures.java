package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignatureError;
import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.StructType;
import java.util.Objects;

/** A callback's signature from C text, through the marshalling front end, and the checks a callback adds. */
public final class Signatures {
    private Signatures() {}

    /**
     * A function-pointer type ({@code "int (*)(const int *, const int *)"}, a name inside the parentheses allowed)
     * or a prototype ({@code "int compare(const void *a, const void *b)"}).
     *
     * @throws epsilon.foreign.marshalling.ParseError for text that is neither
     */
    public static CPrototype parse(String text) {
        Objects.requireNonNull(text, "signature");
        if (text.contains("(*") && !text.matches("(?s).*\\w\\s*\\(\\s*\\*\\s*\\w+\\s*\\(.*")) {
            CType type = CType.parse(text.replaceAll("\\(\\s*\\*\\s*\\w+\\s*\\)", "(*)"));
            if (type instanceof FunctionPointerType pointer) {
                return pointer.signature();
            }
            throw new CallbackSignatureError("'" + text + "' is a " + type.name() + ", not a function pointer type");
        }
        return CPrototype.parse(text);
    }

    /** Refuses what cannot cross into a callback: variadic signatures and types Java cannot hold. */
    public static CPrototype checked(CPrototype signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.variadic()) {
            throw new CallbackSignatureError("a callback cannot be variadic: " + describe(signature)
                    + " (the FFM linker makes upcalls of fixed arity)");
        }
        signature.unsupported().ifPresent(why -> {
            throw new CallbackSignatureError("cannot make a callback " + describe(signature) + ": " + why);
        });
        for (CParameter parameter : signature.parameters()) {
            if (parameter.type() instanceof OpaqueType opaque && !opaque.hasSize()
                    || parameter.type() instanceof StructType struct && !struct.isComplete()) {
                throw new CallbackSignatureError("cannot make a callback " + describe(signature) + ": parameter "
                        + parameter + " has no known size");
            }
        }
        return signature;
    }

    /** {@code int (*)(const int *, const int *)}: how messages show a callback's signature. */
    public static String describe(CPrototype signature) {
        return CType.functionPointer(new CPrototype(null, signature.returnType(), signature.parameters(),
                signature.variadic())).name();
    }
}
