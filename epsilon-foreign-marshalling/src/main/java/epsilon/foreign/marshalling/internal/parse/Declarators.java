package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.source.Token;
import java.util.List;

/**
 * What a declarator builds around a base type, C's inside-out way: {@code void (*signal(int, void (*)(int)))(int)}
 * is a function returning a pointer to a function. A declarator is a list of derivations applied in order to the
 * type its specifiers name.
 */
final class Declarators {
    private Declarators() {}

    /** What a declaration declares so far: a value of a type (possibly {@code const}), or a function. */
    sealed interface Shape permits Value, Function {}

    /** A value type; {@code constQualified} is whether the type itself is {@code const}. */
    record Value(CType type, boolean constQualified) implements Shape {}

    /** A function type. */
    record Function(CType returnType, List<CParameter> parameters, boolean variadic) implements Shape {
        CPrototype prototype(String name, String symbol) {
            return new CPrototype(name, returnType, parameters, variadic, symbol);
        }
    }

    /** One step of a declarator. */
    sealed interface Derivation permits Pointer, Array, FunctionOf {}

    /** {@code *}, itself {@code const} or not. */
    record Pointer(boolean constQualified, Token at) implements Derivation {}

    /** {@code [n]}; {@code count} is -1 for {@code []}. */
    record Array(long count, Token at) implements Derivation {}

    /** {@code (parameters)}. */
    record FunctionOf(List<CParameter> parameters, boolean variadic, Token at) implements Derivation {}

    /** A parsed declarator: the declared name (or {@code null} for an abstract one) and its derivations. */
    record Declarator(Token name, List<Derivation> derivations) {
        String nameText() {
            return name == null ? null : name.text();
        }
    }

    /** The shape {@code derivations} make of {@code base}. */
    static Shape apply(Shape base, List<Derivation> derivations, TokenCursor cursor) {
        Shape shape = base;
        for (Derivation derivation : derivations) {
            // instanceof rather than a pattern switch here and in pointerTo: every C declaration passes here, and a
            // pattern switch spins classes the first time it runs, which a program's first call pays
            if (derivation instanceof Pointer pointer) {
                shape = new Value(pointerTo(shape), pointer.constQualified());
            } else if (derivation instanceof Array array) {
                shape = arrayOf(shape, array, cursor);
            } else {
                shape = functionReturning(shape, (FunctionOf) derivation, cursor);
            }
        }
        return shape;
    }

    /**
     * The pointer type to a shape: any {@code char *} (const or not) is a string, any {@code wchar_t *} a wide
     * string, {@code void *} untyped, a function's address a function pointer.
     */
    static CType pointerTo(Shape shape) {
        if (shape instanceof Function function) {
            return CType.functionPointer(new CPrototype(null, function.returnType(), function.parameters(),
                    function.variadic()));
        }
        Value value = (Value) shape;
        if (value.type().kind() == CType.Kind.CHAR) {
            return CType.STRING;
        }
        if (value.type().equals(CType.WCHAR_T)) {
            return CType.WIDE_STRING;
        }
        if (value.type().isVoid()) {
            return value.constQualified() ? CType.pointerToConst(CType.VOID) : CType.POINTER;
        }
        return value.constQualified() ? CType.pointerToConst(value.type()) : CType.pointerTo(value.type());
    }

    private static Shape arrayOf(Shape shape, Array array, TokenCursor cursor) {
        if (!(shape instanceof Value value)) {
            throw cursor.error(array.at(), "an array of functions is not a C type; use an array of function pointers");
        }
        CType element = value.type();
        if (element.isVoid()) {
            throw cursor.error(array.at(), "an array of void is not a C type");
        }
        if (element instanceof StructType struct && !struct.isComplete()) {
            throw cursor.error(array.at(), "array of " + struct.name() + ", which is declared but not defined");
        }
        if (element instanceof OpaqueType opaque && !opaque.hasSize()) {
            throw cursor.error(array.at(), "array of " + opaque.name() + ", whose size is unknown");
        }
        try {
            CType type = array.count() < 0 ? ArrayType.flexible(element) : CType.arrayOf(element, array.count());
            return new Value(type, value.constQualified());
        } catch (ForeignError invalid) {
            throw cursor.error(array.at(), invalid.getMessage());
        }
    }

    private static Shape functionReturning(Shape shape, FunctionOf function, TokenCursor cursor) {
        if (shape instanceof Function) {
            throw cursor.error(function.at(), "a function cannot return a function; return a function pointer");
        }
        CType result = ((Value) shape).type();
        if (result instanceof ArrayType) {
            throw cursor.error(function.at(), "a function cannot return an array (" + result.name() + ")");
        }
        return new Function(result, function.parameters(), function.variadic());
    }

    /**
     * A parameter's derivations as C adjusts them (C17 6.7.6.3): an array of unknown size ({@code char *argv[]}) is
     * a pointer to its element, a function a pointer to the function. An array of known size stays an array type,
     * which calls pass as a pointer to its first element but whose length a Java array must match.
     */
    static List<Derivation> adjustedForParameter(List<Derivation> derivations) {
        if (derivations.isEmpty()) {
            return derivations;
        }
        Derivation last = derivations.getLast();
        if (last instanceof Array array && array.count() < 0) {
            List<Derivation> adjusted = new java.util.ArrayList<>(derivations.subList(0, derivations.size() - 1));
            adjusted.add(new Pointer(false, array.at()));
            return adjusted;
        }
        if (last instanceof FunctionOf function) {
            List<Derivation> adjusted = new java.util.ArrayList<>(derivations);
            adjusted.add(new Pointer(false, function.at()));
            return adjusted;
        }
        return derivations;
    }
}
