package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.parse.Declarators.Array;
import epsilon.foreign.marshalling.internal.parse.Declarators.Declarator;
import epsilon.foreign.marshalling.internal.parse.Declarators.Derivation;
import epsilon.foreign.marshalling.internal.parse.Declarators.Function;
import epsilon.foreign.marshalling.internal.parse.Declarators.FunctionOf;
import epsilon.foreign.marshalling.internal.parse.Declarators.Pointer;
import epsilon.foreign.marshalling.internal.parse.Declarators.Shape;
import epsilon.foreign.marshalling.internal.parse.Declarators.Value;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The half of the declaration parser that reads types: declaration specifiers, declarators (pointers, arrays,
 * parameter lists, nested), type names, attributes after a declarator, and what the constant evaluator asks of
 * types. {@link DeclarationParser} reads declarations with it; {@link Tags} reads struct, union and enum bodies.
 */
final class TypeReader implements ConstantEvaluator.Types, Attributes.Alignments {
    static final Set<String> QUALIFIERS = Set.of("const", "volatile", "restrict", "__restrict",
            "__restrict__", "__const", "__const__", "__volatile", "__volatile__", "_Nonnull", "_Nullable",
            "_Null_unspecified", "__unaligned", "__ptr32", "__ptr64", "__w64", "_Noreturn", "__extension__",
            "__cdecl", "__stdcall", "__fastcall", "__vectorcall", "__thiscall", "__pascal");
    static final Set<String> STORAGE = Set.of("typedef", "extern", "static", "auto", "register",
            "_Thread_local", "__thread", "inline", "__inline", "__inline__", "__forceinline", "thread_local");

    final TokenCursor cursor;
    final Scope scope;
    private final DeclarationParser.Mode mode;
    final ConstantEvaluator evaluator;
    final Map<String, Function> functionTypedefs = new HashMap<>();
    final PackStack pack = new PackStack();
    /** Whether the declaration being read started with {@code typedef}: an anonymous struct then takes its name. */
    boolean inTypedef;
    private final Tags tags;

    TypeReader(TokenCursor cursor, Scope scope, DeclarationParser.Mode mode) {
        this.cursor = cursor;
        this.scope = scope;
        this.mode = mode;
        this.evaluator = new ConstantEvaluator(cursor, this);
        this.tags = new Tags(this);
    }

    /** {@code type} changed by the attributes of its declaration: {@code mode}, {@code vector_size}, {@code aligned}. */
    CType adjusted(CType type, Attributes attributes, Token at) {
        CType result = type;
        if (attributes.mode != null) {
            result = BasicTypes.withMode(result, attributes.mode, at, cursor);
        }
        if (attributes.vectorSize != 0) {
            result = BasicTypes.vector(result, attributes.vectorSize, at, cursor);
        }
        if (attributes.aligned > 0 && result instanceof epsilon.foreign.marshalling.ScalarType scalar
                && !scalar.isVoid()) {
            result = scalar.withAlignment(Math.max(attributes.aligned, scalar.layout().byteAlignment()));
        }
        if (attributes.aligned > 0 && result instanceof epsilon.foreign.marshalling.StructType struct
                && struct.isComplete()) {
            result = struct.withAlignment(attributes.aligned);
        }
        return result;
    }

    /** Attributes and an {@code __asm__("symbol")} label after a declarator; returns the label, or {@code null}. */
    String afterDeclarator(Attributes attributes) {
        String symbol = null;
        while (true) {
            if (Attributes.startsAttribute(cursor)) {
                attributes.readAll(cursor, evaluator, this);
            } else if (cursor.peek().is("__asm__") || cursor.peek().is("asm") || cursor.peek().is("__asm")) {
                Token keyword = cursor.next();
                cursor.expect("(", "after " + keyword.text());
                if (cursor.peek().kind() != TokenKind.STRING) {
                    throw cursor.expected("a symbol name string in " + keyword.text() + "(...)", cursor.peek());
                }
                symbol = SymbolNames.fromAsmLabel(Literals.concatenatedString(cursor));
                cursor.expect(")", "after the symbol name");
            } else {
                return symbol;
            }
        }
    }

    void staticAssert() {
        Token keyword = cursor.next();
        cursor.expect("(", "after " + keyword.text());
        int start = cursor.mark();
        Constant condition;
        try {
            condition = evaluator.conditional();
        } catch (ParseError notEvaluable) {
            // What this parser cannot evaluate (a GNU builtin) it does not second-guess: the compiler accepted it.
            cursor.reset(start);
            cursor.reset(skipToClosingParenthesis(keyword));
            cursor.accept(";");
            return;
        }
        String message = "";
        if (cursor.accept(",")) {
            message = cursor.peek().kind() == TokenKind.STRING ? Literals.concatenatedString(cursor) : "";
        }
        cursor.expect(")", "to close " + keyword.text());
        cursor.accept(";");
        if (condition.isZero()) {
            throw cursor.error(keyword, "static assertion failed" + (message.isEmpty() ? "" : ": \"" + message + "\""));
        }
    }

    private int skipToClosingParenthesis(Token keyword) {
        int depth = 1;
        while (depth > 0) {
            Token token = cursor.next();
            if (token.kind() == TokenKind.END) {
                throw cursor.error(keyword, "'(' after " + keyword.text() + " is never closed");
            }
            if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
            }
        }
        return cursor.mark();
    }

    // ---- declaration specifiers --------------------------------------------------------------------------------

    /** What declaration specifiers said: the base shape, storage class, and attributes. */
    static final class Specifiers {
        Shape base;
        boolean typedef;
        boolean isStatic;
        final Attributes attributes = new Attributes();
    }

    Specifiers specifiers() {
        Token start = cursor.peek();
        Specifiers result = new Specifiers();
        boolean outerTypedef = inTypedef;
        inTypedef = false;
        try {
            return specifiers(start, result);
        } finally {
            inTypedef = outerTypedef;
        }
    }

    private Specifiers specifiers(Token start, Specifiers result) {
        List<String> words = new ArrayList<>();
        Shape named = null;
        boolean constQualified = false;
        while (true) {
            Token token = cursor.peek();
            if (Attributes.startsAttribute(cursor)) {
                result.attributes.readAll(cursor, evaluator, this);
                continue;
            }
            if (!token.isIdentifier()) {
                break;
            }
            String word = token.text();
            if (QUALIFIERS.contains(word)) {
                cursor.next();
                constQualified |= word.startsWith("const") || word.startsWith("__const");
            } else if (STORAGE.contains(word)) {
                cursor.next();
                result.typedef |= word.equals("typedef");
                inTypedef = result.typedef;
                result.isStatic |= word.equals("static");
            } else if (word.equals("_Atomic") && cursor.peek(1).is("(")) {
                cursor.next();
                cursor.next();
                named = new Value(typeName(), false);
                cursor.expect(")", "to close _Atomic(");
            } else if (word.equals("_Atomic")) {
                cursor.next();
            } else if (BasicTypes.WORDS.contains(word)) {
                if (named != null) {
                    throw cursor.error(token, "'" + word + "' cannot be combined with the type name before it");
                }
                words.add(word);
                cursor.next();
            } else if (word.equals("struct") || word.equals("union") || word.equals("enum")) {
                if (named != null || !words.isEmpty()) {
                    throw cursor.error(token, "two types in one declaration: '" + word + "' after a type");
                }
                cursor.next();
                named = new Value(tags.specifier(token), false);
            } else if (word.equals("typeof") || word.equals("__typeof__") || word.equals("__typeof")
                    || word.equals("typeof_unqual")) {
                cursor.next();
                named = new Value(typeOf(token), false);
            } else if (word.equals("__builtin_va_list")) {
                cursor.next();
                named = new Value(BasicTypes.vaList(), false);
            } else if (named == null && words.isEmpty()) {
                Shape typedefName = typedefName(token);
                if (typedefName == null) {
                    break;
                }
                cursor.next();
                named = typedefName;
            } else {
                break; // the declarator's name
            }
        }
        if (named == null) {
            if (words.isEmpty()) {
                throw missingType(cursor.peek(), start);
            }
            named = new Value(BasicTypes.of(words, start, cursor), false);
        }
        if (constQualified && named instanceof Value value) {
            named = new Value(value.type(), true);
        }
        if (named instanceof Value value && (result.attributes.mode != null || result.attributes.vectorSize != 0)) {
            named = new Value(adjusted(value.type(), onlyTypeAttributes(result.attributes), start),
                    value.constQualified());
            // applied to the base type, once: a declarator's pointers and arrays derive from the changed type, and
            // the declaration must not apply them again (twice would name a vector of vectors, or vectorize a pointer)
            result.attributes.mode = null;
            result.attributes.vectorSize = 0;
        }
        result.base = named;
        return result;
    }

    static Attributes onlyTypeAttributes(Attributes all) {
        Attributes type = new Attributes();
        type.mode = all.mode;
        type.vectorSize = all.vectorSize;
        return type;
    }

    private ParseError missingType(Token found, Token start) {
        if (found.isIdentifier()) {
            return cursor.error(found, "unknown type name '" + found.text() + "'" + (mode == DeclarationParser.Mode.TEXT
                    ? "; declare it with CType.define, or write a pointer to it ('" + found.text() + " *') for an"
                    + " opaque handle" : ""));
        }
        return cursor.expected("a type", found);
    }

    /** The shape a typedef name stands for, an opaque type in TEXT mode, or {@code null} when it is no type. */
    private Shape typedefName(Token token) {
        String name = token.text();
        Function function = functionTypedefs.get(name);
        if (function != null) {
            return function;
        }
        CType type = scope.isOrdinaryIdentifier(name) ? null : scope.typedef(name);
        if (type != null) {
            return new Value(type, false);
        }
        if (mode == DeclarationParser.Mode.TEXT && isOpaqueHandle()) {
            return new Value(OpaqueType.named(name), false);
        }
        return null;
    }

    /** In a user's text, an unknown name followed by {@code *} (past qualifiers) names an opaque type. */
    private boolean isOpaqueHandle() {
        for (int ahead = 1; ; ahead++) {
            Token next = cursor.peek(ahead);
            if (next.is("*")) {
                return true;
            }
            if (!(next.isIdentifier() && QUALIFIERS.contains(next.text()))) {
                return false;
            }
        }
    }

    private CType typeOf(Token keyword) {
        cursor.expect("(", "after " + keyword.text());
        CType type;
        if (startsTypeName(0)) {
            type = typeName();
        } else {
            Token operand = cursor.next();
            type = operand.isIdentifier() ? declaredType(operand.text()) : null;
            if (type == null) {
                throw cursor.error(operand, keyword.text() + " of an expression other than a declared name is not"
                        + " supported");
            }
        }
        cursor.expect(")", "to close " + keyword.text());
        return type;
    }

    // this object itself is the readers' Alignments: a method reference would spin a class on a first parse
    @Override
    public long alignas(Token keyword) {
        if (startsTypeName(0)) {
            return typeName().layout().byteAlignment();
        }
        return evaluator.integer("an alignment");
    }

    // ---- declarators -------------------------------------------------------------------------------------------

    /** A declarator; {@code abstractAllowed} lets it have no name (parameters, type names). */
    Declarator declarator(boolean abstractAllowed) {
        Token start = cursor.peek();
        cursor.enter(start);
        try {
            List<Derivation> pointers = new ArrayList<>();
            while (cursor.peek().is("*") || cursor.peek().is("^")) {
                Token star = cursor.next();
                boolean constPointer = false;
                while (cursor.peek().isIdentifier() && QUALIFIERS.contains(cursor.peek().text())
                        || Attributes.startsAttribute(cursor)) {
                    if (Attributes.startsAttribute(cursor)) {
                        new Attributes().readAll(cursor, evaluator, this);
                    } else {
                        constPointer |= cursor.next().text().contains("const");
                    }
                }
                pointers.add(new Pointer(constPointer, star));
            }
            Token name = null;
            List<Derivation> inner = List.of();
            if (cursor.peek().is("(") && startsNestedDeclarator(abstractAllowed)) {
                cursor.next();
                if (Attributes.startsAttribute(cursor)) {
                    new Attributes().readAll(cursor, evaluator, this);
                }
                Declarator nested = declarator(abstractAllowed);
                cursor.expect(")", "to close a parenthesized declarator");
                name = nested.name();
                inner = nested.derivations();
            } else if (cursor.peek().isIdentifier() && !isReserved(cursor.peek().text())) {
                name = cursor.next();
            }
            List<Derivation> suffixes = new ArrayList<>();
            while (true) {
                if (cursor.peek().is("(")) {
                    suffixes.add(parameterList());
                } else if (cursor.peek().is("[")) {
                    suffixes.add(arraySuffix());
                } else {
                    break;
                }
            }
            // Suffixes bind tighter than '*', and the innermost declarator applies last: *a[3] is an array of pointers.
            List<Derivation> derivations = new ArrayList<>(pointers);
            for (int i = suffixes.size() - 1; i >= 0; i--) {
                derivations.add(suffixes.get(i));
            }
            derivations.addAll(inner);
            if (derivations.size() > TokenCursor.MAX_DEPTH) {
                throw cursor.error(start, "a declarator with " + derivations.size() + " pointer, array and function"
                        + " levels; at most " + TokenCursor.MAX_DEPTH + " are supported");
            }
            if (name == null && !abstractAllowed) {
                throw cursor.expected("a declarator name", cursor.peek());
            }
            return new Declarator(name, derivations);
        } finally {
            cursor.leave();
        }
    }

    /**
     * After a declarator's {@code (} and before its name: a nested declarator ({@code (*fp)}) rather than the
     * parameter list of an abstract function declarator ({@code int (int)}). A named declarator's {@code (} can
     * only be nested; an abstract one's is nested when it starts like a declarator, not like a parameter.
     */
    private boolean startsNestedDeclarator(boolean abstractAllowed) {
        if (!abstractAllowed) {
            return true;
        }
        Token next = cursor.peek(1);
        if (next.is("*") || next.is("^") || next.is("(") || next.is("[")) {
            return true;
        }
        if (next.is("__attribute__") || next.is("__attribute")) {
            int mark = cursor.mark();
            try {
                cursor.next();
                new Attributes().readAll(cursor, evaluator, this);
                return cursor.peek().is("*") || cursor.peek().is("(");
            } finally {
                cursor.reset(mark);
            }
        }
        return next.isIdentifier() && !isTypeWord(next.text()) && !isReserved(next.text());
    }

    private Array arraySuffix() {
        Token open = cursor.next();
        while (cursor.peek().isIdentifier() && (QUALIFIERS.contains(cursor.peek().text())
                || cursor.peek().is("static"))) {
            cursor.next();
        }
        long count = -1;
        if (cursor.peek().is("*") && cursor.peek(1).is("]")) {
            cursor.next(); // a variable-length array parameter: [*]
        } else if (!cursor.peek().is("]")) {
            Token at = cursor.peek();
            count = evaluator.integer("an array size");
            if (count < 0) {
                throw cursor.error(at, "array size " + count + " is negative");
            }
        }
        cursor.expect("]", "to close an array size");
        return new Array(count, open);
    }

    private FunctionOf parameterList() {
        Token open = cursor.next();
        List<CParameter> parameters = new ArrayList<>();
        boolean variadic = false;
        if (cursor.peek().is("void") && cursor.peek(1).is(")")) {
            cursor.next();
        }
        if (!cursor.peek().is(")")) {
            while (true) {
                if (cursor.accept("...")) {
                    variadic = true;
                    break;
                }
                parameters.add(parameter(parameters.size()));
                if (!cursor.accept(",")) {
                    break;
                }
            }
        }
        if (!cursor.accept(")")) {
            throw cursor.expected("')' to close the parameter list opened at " + cursor.describe(open.position()),
                    cursor.peek());
        }
        return new FunctionOf(parameters, variadic, open);
    }

    private CParameter parameter(int index) {
        Token start = cursor.peek();
        Specifiers specifiers = specifiers();
        Declarator declarator = declarator(true);
        Attributes attributes = new Attributes();
        afterDeclarator(attributes);
        Shape shape = Declarators.apply(specifiers.base, Declarators.adjustedForParameter(declarator.derivations()),
                cursor);
        CType type; // instanceof rather than a pattern switch, spun on a program's first call
        if (shape instanceof Value value) {
            type = value.type() instanceof ArrayType array && array.isFlexible()
                    ? Declarators.pointerTo(new Value(array.element(), value.constQualified())) : value.type();
        } else {
            type = Declarators.pointerTo(shape);
        }
        type = adjusted(type, onlyTypeAttributes(attributes), start); // mode or vector_size after the name
        if (type.isVoid()) {
            throw cursor.error(start, "parameter " + index + " has type void; write (void) alone for no parameters");
        }
        return new CParameter(declarator.nameText(), type);
    }

    /** A type name (C17 6.7.7): specifiers and an abstract declarator, as in a cast or {@code sizeof}. */
    public CType typeName() {
        Token start = cursor.peek();
        Specifiers specifiers = specifiers();
        Declarator declarator = declarator(true);
        if (declarator.name() != null) {
            throw cursor.expected("a type name without a declarator name", declarator.name());
        }
        return switch (Declarators.apply(specifiers.base, declarator.derivations(), cursor)) {
            case Value value -> value.type();
            case Function function -> throw cursor.error(start, "a function type is not a value type; write a"
                    + " function pointer such as 'int (*)(int)'");
        };
    }

    // ---- what the constant evaluator needs -----------------------------------------------------------------------

    @Override
    public boolean startsTypeName(int ahead) {
        Token token = cursor.peek(ahead);
        if (!token.isIdentifier()) {
            return false;
        }
        String word = token.text();
        return isTypeWord(word) || QUALIFIERS.contains(word) || Attributes.startsAttribute(cursor) && ahead == 0
                || mode == DeclarationParser.Mode.TEXT && !scope.isOrdinaryIdentifier(word) && scope.enumConstant(word) == null
                && cursor.peek(ahead + 1).is("*") && scope.typedef(word) == null && !isReserved(word);
    }

    @Override
    public Constant enumConstant(String name) {
        return scope.enumConstant(name);
    }

    @Override
    public CType declaredType(String name) {
        CType variable = scope.variable(name);
        if (variable != null) {
            return variable;
        }
        CPrototype function = scope.function(name);
        return function == null ? null : CType.functionPointer(function);
    }

    boolean isTypeWord(String word) {
        return BasicTypes.WORDS.contains(word) || word.equals("struct") || word.equals("union") || word.equals("enum")
                || word.equals("_Atomic") || word.equals("typeof") || word.equals("__typeof__")
                || word.equals("__typeof") || word.equals("__builtin_va_list") || functionTypedefs.containsKey(word)
                || !scope.isOrdinaryIdentifier(word) && scope.typedef(word) != null;
    }

    private static boolean isReserved(String word) {
        return QUALIFIERS.contains(word) || STORAGE.contains(word) || BasicTypes.WORDS.contains(word)
                || word.equals("struct") || word.equals("union") || word.equals("enum") || word.equals("sizeof")
                || word.equals("__attribute__") || word.equals("__asm__") || word.equals("asm");
    }
}
