package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignatureError;
import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.StructType;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A callback's signature from C text, through the marshalling front end, and the checks a callback adds. */
public final class Signatures {
    private Signatures() {}

    /** {@code (* name)} where a function-pointer type names its declarator, as in {@code int (*cmp)(int)}. */
    private static final Pattern DECLARATOR_NAME = Pattern.compile("\\(\\s*\\*\\s*([A-Za-z_]\\w*)\\s*\\)");
    /** Text whose first parenthesis opens a pointer declarator: a function-pointer type, not a prototype. */
    private static final Pattern POINTER_FIRST = Pattern.compile("[^(]*\\(\\s*\\*.*", Pattern.DOTALL);

    /**
     * A prototype ({@code "int compare(const void *a, const void *b)"}, including one whose parameters or result
     * are function pointers, such as {@code "void (*signal(int sig, void (*handler)(int)))(int)"}) or a
     * function-pointer type ({@code "int (*)(const int *, const int *)"}, a name inside the parentheses allowed,
     * a trailing {@code ;} too).
     *
     * <p>The text is read as a prototype first; what does not read as one is read as a type name, with the
     * declarator's name blanked out (a type name has none). An error comes from the reading the text looks meant
     * for: the type name when its first parenthesis opens a pointer declarator, the prototype otherwise. Positions
     * in it are the user's own text.
     *
     * @throws epsilon.foreign.marshalling.ParseError for text that is neither
     * @throws CallbackSignatureError for a type name that is not a function pointer
     */
    public static CPrototype parse(String text) {
        Objects.requireNonNull(text, "signature");
        try {
            return CPrototype.parse(text);
        } catch (ParseError asPrototype) {
            if (!POINTER_FIRST.matcher(text).matches()) {
                throw asPrototype;
            }
            String typeName = blankDeclaratorName(text);
            CType type;
            try {
                type = CType.parse(typeName);
            } catch (ParseError asType) {
                throw inUserText(asType, typeName, text);
            }
            if (type instanceof FunctionPointerType pointer) {
                return pointer.signature();
            }
            throw new CallbackSignatureError("'" + text + "' is neither a prototype nor a function pointer type:"
                    + " it names the type " + type.name());
        }
    }

    /**
     * {@code text} with the first declarator name and a trailing {@code ;} replaced by spaces, so a type-name
     * parser accepts it and reports the user's columns.
     */
    private static String blankDeclaratorName(String text) {
        StringBuilder blanked = new StringBuilder(text);
        Matcher name = DECLARATOR_NAME.matcher(text);
        if (name.find()) {
            blanked.replace(name.start(1), name.end(1), " ".repeat(name.end(1) - name.start(1)));
        }
        int end = blanked.length();
        while (end > 0 && Character.isWhitespace(blanked.charAt(end - 1))) {
            end--;
        }
        if (end > 0 && blanked.charAt(end - 1) == ';') {
            blanked.setCharAt(end - 1, ' ');
        }
        return blanked.toString();
    }

    /** The same error, quoting the user's text instead of the blanked copy (the positions are the same). */
    private static ParseError inUserText(ParseError error, String parsed, String text) {
        if (parsed.equals(text)) {
            return error;
        }
        return new ParseError(error.getMessage().replace('"' + parsed + '"', '"' + text + '"'), error.source(),
                error.line(), error.column());
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
