package epsilon.foreign.marshalling.internal;

import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.CLexer.Token;
import epsilon.foreign.marshalling.internal.CLexer.TokenKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for C type names and function declarations. A declarator is parsed into a list of
 * derivations (pointer, array, function) applied inside-out to the base type, as C reads them, so
 * {@code void (*signal(int, void (*)(int)))(int)} comes out as a function returning a function pointer.
 */
public final class DeclarationParser {
    /** Words that change nothing about how a value is passed. */
    private static final Set<String> IGNORED = Set.of("const", "volatile", "restrict", "__restrict", "__restrict__",
            "extern", "static", "inline", "__inline", "__inline__", "register", "_Noreturn", "__extension__",
            "_Nonnull", "_Nullable", "__const");
    private static final Set<String> BASIC = Set.of("void", "char", "short", "int", "long", "float", "double",
            "signed", "unsigned", "_Bool", "bool", "__signed__", "__signed");

    /** What a declarator has built so far: a value type, a struct whose layout is unknown, or a function. */
    private sealed interface Shape {}

    private record Value(CType type) implements Shape {}

    private record Opaque(String name) implements Shape {}

    private record Function(CType returnType, List<CParameter> parameters, boolean variadic) implements Shape {}

    @FunctionalInterface
    private interface Derivation {
        Shape apply(Shape inner);
    }

    private record Declarator(String name, int nameOffset, List<Derivation> derivations) {
        Shape applyTo(Shape base) {
            Shape shape = base;
            for (Derivation derivation : derivations) {
                shape = derivation.apply(shape);
            }
            return shape;
        }
    }

    private final String text;
    private final List<Token> tokens;
    private int index;

    private DeclarationParser(String text) {
        this.text = text;
        this.tokens = CLexer.tokenize(text);
    }

    /** Parses a function declaration such as {@code "size_t strlen(const char *s);"}. */
    public static CPrototype parsePrototype(String text) {
        DeclarationParser parser = new DeclarationParser(text);
        return parser.prototype();
    }

    /** Parses a type name such as {@code "unsigned long"} or {@code "int (*)(const void *, const void *)"}. */
    public static CType parseTypeName(String text) {
        DeclarationParser parser = new DeclarationParser(text);
        return parser.typeName();
    }

    private CPrototype prototype() {
        Shape base = specifiers();
        Declarator declarator = declarator();
        skipAttributes();
        if (peek().is(";")) {
            index++;
        }
        expectEnd();
        if (declarator.name() == null) {
            throw error("a function name", tokens.get(index));
        }
        Shape shape = declarator.applyTo(base);
        if (!(shape instanceof Function function)) {
            throw CLexer.parseError("'" + declarator.name() + "' at " + position(declarator.nameOffset())
                    + " is not declared as a function; expected a declaration like 'int f(int x)'" + CLexer.in(text),
                    text, declarator.nameOffset());
        }
        return new CPrototype(declarator.name(), function.returnType(), function.parameters(), function.variadic());
    }

    private CType typeName() {
        int start = peek().offset();
        Shape base = specifiers();
        Declarator declarator = declarator();
        if (declarator.name() != null) {
            throw error("end of text", new Token(TokenKind.IDENTIFIER, declarator.name(), declarator.nameOffset()));
        }
        expectEnd();
        Shape shape = declarator.applyTo(base);
        return switch (shape) {
            case Value value -> value.type();
            case Opaque opaque -> throw opaqueByValue(opaque, start);
            case Function function -> throw CLexer.parseError("a function type is not a value type at "
                    + position(start) + "; write a function pointer such as 'int (*)(int)'" + CLexer.in(text), text, start);
        };
    }

    // ---- declaration specifiers -------------------------------------------------------------------------

    private Shape specifiers() {
        int start = peek().offset();
        List<String> basic = new ArrayList<>();
        Shape named = null;
        int namedOffset = -1;
        while (true) {
            Token token = peek();
            if (token.kind() != TokenKind.IDENTIFIER) {
                break;
            }
            String word = token.text();
            if (IGNORED.contains(word)) {
                index++;
            } else if (word.equals("__attribute__")) {
                skipAttributes();
            } else if (BASIC.contains(word)) {
                basic.add(word.startsWith("__signed") ? "signed" : word);
                index++;
            } else if (word.equals("struct") || word.equals("union") || word.equals("enum")) {
                if (named != null || !basic.isEmpty()) {
                    throw error("a declarator name", token);
                }
                index++;
                Token tag = next();
                if (tag.kind() != TokenKind.IDENTIFIER) {
                    throw error("a " + word + " tag name", tag);
                }
                named = tagged(word, tag.text());
                namedOffset = token.offset();
            } else if (named == null && basic.isEmpty()) {
                named = typedefName(token);
                namedOffset = token.offset();
                index++;
            } else {
                break; // the declarator's name
            }
        }
        if (named != null) {
            if (!basic.isEmpty()) {
                throw CLexer.parseError("'" + String.join(" ", basic) + "' cannot be combined with the type name at "
                        + position(namedOffset) + CLexer.in(text), text, namedOffset);
            }
            return named;
        }
        if (basic.isEmpty()) {
            throw error("a type", peek());
        }
        return new Value(basicType(basic, start));
    }

    private Shape typedefName(Token token) {
        CType type = TypeNames.typedef(token.text());
        if (type != null) {
            return new Value(type);
        }
        if (TypeNames.isOpaque(token.text())) {
            return new Opaque(token.text());
        }
        throw CLexer.parseError("unknown type name '" + token.text() + "' at " + position(token.offset())
                + "; register it with CType.define" + CLexer.in(text), text, token.offset());
    }

    private static Shape tagged(String keyword, String tag) {
        CType defined = TypeNames.typedef(keyword + " " + tag);
        if (defined != null) {
            return new Value(defined);
        }
        // An enum whose enumerators are unknown is still passed as an int, as C compilers do by default.
        return keyword.equals("enum") ? new Value(CType.INT) : new Opaque(keyword + " " + tag);
    }

    private CType basicType(List<String> words, int offset) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : words) {
            counts.merge(word.equals("_Bool") ? "bool" : word, 1, Integer::sum);
        }
        int longs = counts.getOrDefault("long", 0);
        boolean unsigned = counts.containsKey("unsigned");
        boolean signed = counts.containsKey("signed");
        boolean repeated = counts.entrySet().stream().anyMatch(e -> !e.getKey().equals("long") && e.getValue() > 1);
        if (repeated || longs > 2 || signed && unsigned) {
            throw invalidType(words, offset);
        }
        boolean sign = signed || unsigned;
        boolean alone = words.size() == 1;
        if (counts.containsKey("double") && longs > 0) {
            throw CLexer.parseError("long double at " + position(offset)
                    + " is not supported: the Java FFM linker has no layout for it" + CLexer.in(text), text, offset);
        }
        for (String solitary : new String[] {"void", "bool", "float", "double"}) {
            if (counts.containsKey(solitary)) {
                return only(words, offset, alone, switch (solitary) {
                    case "void" -> CType.VOID;
                    case "bool" -> CType.BOOL;
                    case "float" -> CType.FLOAT;
                    default -> CType.DOUBLE;
                });
            }
        }
        boolean withInt = counts.containsKey("int");
        if (counts.containsKey("char")) {
            return only(words, offset, longs == 0 && !withInt && !counts.containsKey("short"),
                    !sign ? CType.CHAR : unsigned ? CType.UNSIGNED_CHAR : CType.SIGNED_CHAR);
        }
        if (counts.containsKey("short")) {
            return only(words, offset, longs == 0, unsigned ? CType.UNSIGNED_SHORT : CType.SHORT);
        }
        return switch (longs) {
            case 0 -> unsigned ? CType.UNSIGNED_INT : CType.INT;
            case 1 -> unsigned ? CType.UNSIGNED_LONG : CType.LONG;
            default -> unsigned ? CType.UNSIGNED_LONG_LONG : CType.LONG_LONG;
        };
    }

    private CType only(List<String> words, int offset, boolean valid, CType type) {
        if (!valid) {
            throw invalidType(words, offset);
        }
        return type;
    }

    private ParseError invalidType(List<String> words, int offset) {
        return CLexer.parseError("invalid combination of type specifiers '" + String.join(" ", words) + "' at "
                + position(offset) + CLexer.in(text), text, offset);
    }

    // ---- declarators ------------------------------------------------------------------------------------

    private Declarator declarator() {
        List<Derivation> pointers = new ArrayList<>();
        while (peek().is("*")) {
            index++;
            pointers.add(this::pointer);
            while (peek().kind() == TokenKind.IDENTIFIER && IGNORED.contains(peek().text())) {
                index++;
            }
        }
        String name = null;
        int nameOffset = peek().offset();
        List<Derivation> inner = List.of();
        if (peek().is("(") && startsNestedDeclarator(tokens.get(index + 1))) {
            index++;
            Declarator nested = declarator();
            expect(")");
            name = nested.name();
            nameOffset = nested.nameOffset();
            inner = nested.derivations();
        } else if (peek().kind() == TokenKind.IDENTIFIER && !isTypeWord(peek().text())) {
            name = next().text();
        }
        List<Derivation> suffixes = new ArrayList<>();
        while (true) {
            if (peek().is("(")) {
                suffixes.add(parameterList());
            } else if (peek().is("[")) {
                suffixes.add(arraySuffix());
            } else {
                break;
            }
        }
        // C binds suffixes tighter than '*', and the innermost declarator last: *a[3] is an array of pointers.
        List<Derivation> derivations = new ArrayList<>(pointers);
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            derivations.add(suffixes.get(i));
        }
        derivations.addAll(inner);
        return new Declarator(name, nameOffset, derivations);
    }

    private boolean startsNestedDeclarator(Token afterParenthesis) {
        return afterParenthesis.is("*") || afterParenthesis.is("(")
                || afterParenthesis.kind() == TokenKind.IDENTIFIER && !isTypeWord(afterParenthesis.text());
    }

    private static boolean isTypeWord(String word) {
        return IGNORED.contains(word) || BASIC.contains(word) || word.equals("struct") || word.equals("union")
                || word.equals("enum") || TypeNames.typedef(word) != null || TypeNames.isOpaque(word);
    }

    private Shape pointer(Shape inner) {
        return switch (inner) {
            case Value value when value.type().isVoid() -> new Value(CType.POINTER);
            case Value value when value.type() == CType.CHAR -> new Value(CType.STRING);
            case Value value when value.type() == CType.WCHAR_T -> new Value(CType.WIDE_STRING);
            case Value value -> new Value(CType.pointerTo(value.type()));
            case Opaque opaque -> new Value(CType.POINTER);
            case Function function -> new Value(CType.functionPointer(
                    new CPrototype(null, function.returnType(), function.parameters(), function.variadic())));
        };
    }

    private Derivation arraySuffix() {
        int offset = next().offset(); // '['
        while (peek().kind() == TokenKind.IDENTIFIER && IGNORED.contains(peek().text())) {
            index++;
        }
        long count = -1;
        if (peek().kind() == TokenKind.NUMBER) {
            Token number = next();
            count = arraySize(number);
        }
        expect("]");
        long size = count;
        return inner -> switch (inner) {
            case Value value when value.type().isVoid() -> throw CLexer.parseError("array of void at " + position(offset)
                    + CLexer.in(text), text, offset);
            // An array without a size is only meaningful where it decays: it is a pointer to its first element.
            case Value value when size < 0 -> pointer(value);
            case Value value -> new Value(CType.arrayOf(value.type(), size));
            case Opaque opaque when size < 0 -> pointer(opaque);
            case Opaque opaque -> throw opaqueByValue(opaque, offset);
            case Function function -> throw CLexer.parseError("array of functions at " + position(offset)
                    + CLexer.in(text), text, offset);
        };
    }

    private long arraySize(Token number) {
        String digits = number.text().replaceAll("[uUlL]+$", "");
        try {
            return digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseLong(digits.substring(2), 16)
                    : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("an array size", number);
        }
    }

    private Derivation parameterList() {
        int offset = next().offset(); // '('
        List<CParameter> parameters = new ArrayList<>();
        boolean variadic = false;
        boolean voidList = peek().is("void") && tokens.get(index + 1).is(")");
        if (voidList) {
            index++;
        }
        if (!peek().is(")")) {
            while (true) {
                if (peek().kind() == TokenKind.ELLIPSIS) {
                    index++;
                    variadic = true;
                    break;
                }
                parameters.add(parameter());
                if (!peek().is(",")) {
                    break;
                }
                index++;
            }
        }
        expect(")");
        boolean isVariadic = variadic;
        return inner -> switch (inner) {
            case Value value when value.type() instanceof ArrayType -> throw CLexer.parseError(
                    "a function cannot return an array at " + position(offset) + CLexer.in(text), text, offset);
            case Value value -> new Function(value.type(), parameters, isVariadic);
            case Opaque opaque -> throw opaqueByValue(opaque, offset);
            case Function function -> throw CLexer.parseError("a function cannot return a function at "
                    + position(offset) + "; return a function pointer" + CLexer.in(text), text, offset);
        };
    }

    private CParameter parameter() {
        int offset = peek().offset();
        Shape base = specifiers();
        Declarator declarator = declarator();
        Shape shape = declarator.applyTo(base);
        CType type = switch (shape) {
            case Value value when value.type().isVoid() -> throw CLexer.parseError("parameter "
                    + (declarator.name() == null ? "" : "'" + declarator.name() + "' ") + "at " + position(offset)
                    + " cannot be void" + CLexer.in(text), text, offset);
            case Value value -> value.type();
            case Opaque opaque -> throw opaqueByValue(opaque, offset);
            // A function parameter is adjusted to a pointer to function, as C does.
            case Function function -> CType.functionPointer(
                    new CPrototype(null, function.returnType(), function.parameters(), function.variadic()));
        };
        return new CParameter(declarator.name(), type);
    }

    private ParseError opaqueByValue(Opaque opaque, int offset) {
        return CLexer.parseError(opaque.name() + " at " + position(offset) + " is used by value but its layout is unknown;"
                + " use a pointer ('" + opaque.name() + " *') or define it with CType.define(\"" + opaque.name()
                + "\", CType.struct(...))" + CLexer.in(text), text, offset);
    }

    // ---- tokens -----------------------------------------------------------------------------------------

    private void skipAttributes() {
        while (peek().is("__attribute__")) {
            index++;
            int depth = 0;
            do {
                Token token = next();
                if (token.kind() == TokenKind.END) {
                    throw error("')' closing __attribute__", token);
                }
                if (token.is("(")) {
                    depth++;
                } else if (token.is(")")) {
                    depth--;
                }
            } while (depth > 0);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.END) {
            index++;
        }
        return token;
    }

    private void expect(String punctuation) {
        Token token = peek();
        if (!token.is(punctuation)) {
            throw error("'" + punctuation + "'", token);
        }
        index++;
    }

    private void expectEnd() {
        if (peek().kind() != TokenKind.END) {
            throw error("end of text", peek());
        }
    }

    private ParseError error(String expected, Token found) {
        return CLexer.parseError("expected " + expected + " at " + position(found.offset()) + " but found "
                + found.shown() + CLexer.in(text), text, found.offset());
    }

    private String position(int offset) {
        return CLexer.position(text, offset);
    }
}
