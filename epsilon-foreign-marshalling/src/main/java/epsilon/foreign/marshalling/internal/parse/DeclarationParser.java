package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.internal.parse.Declarators.Declarator;
import epsilon.foreign.marshalling.internal.parse.Declarators.Function;
import epsilon.foreign.marshalling.internal.parse.Declarators.Shape;
import epsilon.foreign.marshalling.internal.parse.Declarators.Value;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser of C declarations (C17 6.7) over preprocessed tokens: typedefs, struct, union and enum
 * definitions, function prototypes and definitions (bodies skipped), variables, with GNU and C23 attributes,
 * {@code __asm__} symbol names, {@code _Static_assert} and {@code #pragma pack}. It fills a {@link Scope}.
 *
 * <p>Two modes. {@link Mode#HEADER} is a compiler's: every type name must be declared. {@link Mode#TEXT} reads a
 * prototype or type name written by a user: an undeclared name followed by {@code *} is an opaque type
 * ({@code sqlite3 *db}), so a handle needs no declaration; an undeclared name used by value is still an error. A
 * type name alone must have a known size; a prototype's parameters and result need not, as in C.
 */
public final class DeclarationParser {
    /** How strictly type names are checked. */
    public enum Mode { HEADER, TEXT }


    private final TokenCursor cursor;
    private final Scope scope;
    private final TypeReader types;

    private DeclarationParser(TokenCursor cursor, Scope scope, Mode mode) {
        this.cursor = cursor;
        this.scope = scope;
        this.types = new TypeReader(cursor, scope, mode);
    }

    // ---- entry points -------------------------------------------------------------------------------------------

    /** Parses a whole translation unit into {@code scope}. */
    public static void translationUnit(List<Token> tokens, Scope scope) {
        DeclarationParser parser = new DeclarationParser(new TokenCursor(tokens, null), scope, Mode.HEADER);
        while (!parser.cursor.atEnd()) {
            parser.externalDeclaration();
        }
    }

    /** Parses one function declaration, given as a string. */
    public static CPrototype prototype(List<Token> tokens, String text, Scope scope) {
        DeclarationParser parser = new DeclarationParser(new TokenCursor(tokens, text), scope, Mode.TEXT);
        return parser.singlePrototype();
    }

    /** Parses one type name, given as a string. */
    public static CType typeName(List<Token> tokens, String text, Scope scope) {
        DeclarationParser parser = new DeclarationParser(new TokenCursor(tokens, text), scope, Mode.TEXT);
        Token start = parser.cursor.peek();
        CType type = parser.types.typeName();
        if (!parser.cursor.atEnd()) {
            throw parser.cursor.expected("end of text", parser.cursor.peek());
        }
        parser.requireKnownSize(type, start, "it");
        return type;
    }

    /** A type name in a user's text, a struct or opaque type by value, must have a known size (C would say incomplete). */
    private void requireKnownSize(CType type, Token at, String what) {
        boolean unknown = type instanceof epsilon.foreign.marshalling.StructType struct && !struct.isComplete()
                || type instanceof OpaqueType opaque && !opaque.hasSize();
        if (unknown) {
            throw cursor.error(at, type.name() + " is used by value but its layout is unknown" + (what.equals("it")
                    ? "" : " (" + what + ")") + "; declare it (CType.define, a StructType, a header) or use a"
                    + " pointer to it");
        }
    }

    /** Evaluates tokens as a constant expression; {@code null} when they are not one (a type, a statement). */
    public static Constant constant(List<Token> tokens, Scope scope) {
        DeclarationParser parser = new DeclarationParser(new TokenCursor(tokens, null), scope, Mode.HEADER);
        try {
            Constant value = parser.types.evaluator.expression();
            return parser.cursor.atEnd() ? value : null;
        } catch (ForeignError notAConstant) {
            return null;
        }
    }

    private CPrototype singlePrototype() {
        TypeReader.Specifiers specifiers = types.specifiers();
        Declarator declarator = types.declarator(false);
        Attributes after = new Attributes();
        String symbol = types.afterDeclarator(after);
        cursor.accept(";");
        if (!cursor.atEnd()) {
            throw cursor.expected("end of text", cursor.peek());
        }
        if (declarator.name() == null) {
            throw cursor.expected("a function name", cursor.peek());
        }
        Shape shape = Declarators.apply(specifiers.base, declarator.derivations(), cursor);
        if (!(shape instanceof Function function)) {
            throw cursor.error(declarator.name(), "'" + declarator.nameText() + "' is not declared as a function;"
                    + " expected a declaration like 'int f(int x)'");
        }
        specifiers.attributes.merge(after);
        // an incomplete parameter or result is valid in a declaration, as in a header or a function pointer type:
        // CPrototype.unsupported() says why such a function cannot be called
        return withAttributes(function.prototype(declarator.nameText(), symbol), specifiers.attributes,
                declarator.name());
    }

    // ---- external declarations ----------------------------------------------------------------------------------

    private void externalDeclaration() {
        Token start = cursor.peek();
        if (start.kind() == TokenKind.PRAGMA) {
            cursor.next();
            types.pack.pragma(start, cursor);
            return;
        }
        if (cursor.accept(";")) {
            return;
        }
        if (start.is("_Static_assert") || start.is("static_assert")) {
            types.staticAssert();
            return;
        }
        if ((start.is("__asm__") || start.is("asm") || start.is("__asm")) && cursor.peek(1).is("(")) {
            cursor.next();
            cursor.skipBalanced();
            cursor.accept(";");
            return;
        }
        TypeReader.Specifiers specifiers = types.specifiers();
        if (cursor.accept(";")) {
            return; // a struct, union or enum declared alone
        }
        boolean first = true;
        while (true) {
            Declarator declarator = types.declarator(false);
            Attributes attributes = new Attributes();
            attributes.merge(specifiers.attributes);
            String symbol = types.afterDeclarator(attributes);
            if (declarator.name() == null) {
                throw cursor.expected("a name in this declaration", cursor.peek());
            }
            Shape shape = Declarators.apply(specifiers.base, declarator.derivations(), cursor);
            if (first && shape instanceof Function && cursor.peek().is("{")) {
                cursor.skipBalanced(); // a function definition: the body is of no interest
                declare(specifiers, declarator, shape, attributes, symbol);
                return;
            }
            declare(specifiers, declarator, shape, attributes, symbol);
            if (cursor.accept("=")) {
                skipInitializer();
            }
            first = false;
            if (!cursor.accept(",")) {
                break;
            }
        }
        if (!cursor.accept(";")) {
            throw cursor.expected("';' after a declaration", cursor.peek());
        }
    }

    private void declare(TypeReader.Specifiers specifiers, Declarator declarator, Shape shape, Attributes attributes,
                         String symbol) {
        String name = declarator.nameText();
        scope.declaredIn(name, declarator.name().position().source());
        if (specifiers.typedef) {
            typedef(name, shape, attributes, declarator.name());
            return;
        }
        if (attributes.deprecated != null) {
            scope.deprecate(name, attributes.deprecated);
        }
        switch (shape) {
            case Function function -> {
                if (specifiers.isStatic) {
                    return; // internal to the header: no symbol to link
                }
                CPrototype prototype = withAttributes(function.prototype(name, symbol), attributes, declarator.name());
                CPrototype earlier = scope.function(name);
                if (earlier != null) {
                    prototype = merged(earlier, prototype);
                }
                scope.defineFunction(prototype);
            }
            case Value value -> {
                if (!specifiers.isStatic) {
                    scope.defineVariable(name, value.type());
                }
            }
        }
    }

    /** A function declared twice keeps the later declaration, with nonnull facts and a symbol from either. */
    private static CPrototype merged(CPrototype earlier, CPrototype later) {
        List<CParameter> parameters = new ArrayList<>();
        for (int i = 0; i < later.parameters().size(); i++) {
            CParameter parameter = later.parameters().get(i);
            boolean nonnull = parameter.nonnull() || i < earlier.parameters().size()
                    && earlier.parameters().get(i).nonnull();
            parameters.add(nonnull ? parameter.asNonnull() : parameter);
        }
        String symbol = !later.symbol().equals(later.name()) ? later.symbol() : earlier.symbol();
        return new CPrototype(later.name(), later.returnType(), parameters, later.variadic(), symbol);
    }

    private CPrototype withAttributes(CPrototype prototype, Attributes attributes, Token at) {
        if (!attributes.nonnullAll && attributes.nonnull.isEmpty()) {
            return prototype;
        }
        List<CParameter> parameters = new ArrayList<>(prototype.parameters());
        for (int i = 0; i < parameters.size(); i++) {
            CParameter parameter = parameters.get(i);
            boolean pointer = switch (parameter.type().kind()) {
                case POINTER, STRING, ARRAY, FUNCTION_POINTER -> true;
                default -> false;
            };
            if (pointer && (attributes.nonnullAll || attributes.nonnull.contains(i + 1))) {
                parameters.set(i, parameter.asNonnull());
            }
        }
        for (int index : attributes.nonnull) {
            if (index > parameters.size() && !prototype.variadic()) {
                throw cursor.error(at, "nonnull(" + index + ") on " + prototype.name() + ", which has "
                        + parameters.size() + " parameters");
            }
        }
        return new CPrototype(prototype.name(), prototype.returnType(), parameters, prototype.variadic(),
                prototype.symbol());
    }

    private void typedef(String name, Shape shape, Attributes attributes, Token at) {
        if (shape instanceof Function function) {
            types.functionTypedefs.put(name, function);
            return;
        }
        CType type = ((Value) shape).type();
        type = types.adjusted(type, attributes, at);
        CType named = BuiltinNames.intern(name, CType.typedef(name, type));
        CType earlier = scope.ownTypedef(name);
        if (earlier != null && !Compatibility.sameType(earlier, named)) {
            throw cursor.error(at, "conflicting types for typedef '" + name + "': " + Compatibility.describe(earlier)
                    + " before, now " + Compatibility.describe(type));
        }
        if (earlier == null) {
            types.functionTypedefs.remove(name);
            scope.defineTypedef(name, named);
        }
    }

    private void skipInitializer() {
        while (!cursor.peek().is(",") && !cursor.peek().is(";")) {
            if (cursor.atEnd()) {
                throw cursor.expected("';' after an initializer", cursor.peek());
            }
            if (cursor.peek().is("(") || cursor.peek().is("{") || cursor.peek().is("[")) {
                cursor.skipBalanced();
            } else {
                cursor.next();
            }
        }
    }

}
