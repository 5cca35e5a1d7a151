package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CEnum;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.ScalarType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.parse.Declarators.Declarator;
import epsilon.foreign.marshalling.internal.parse.Declarators.Shape;
import epsilon.foreign.marshalling.internal.parse.Declarators.Value;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code struct}, {@code union} and {@code enum} specifiers: a reference to a tag, a forward declaration, or a
 * definition with its members or enumerators. A struct used before its definition is declared incomplete and
 * completed in place when the definition comes, so pointers taken to it in between see its fields.
 */
final class Tags {
    private final TypeReader parser;
    private final TokenCursor cursor;
    private int anonymous;

    Tags(TypeReader parser) {
        this.parser = parser;
        this.cursor = parser.cursor;
    }

    /** The type of a specifier whose keyword has just been read. */
    CType specifier(Token keyword) {
        Attributes attributes = new Attributes();
        attributes.readAll(cursor, parser.evaluator, parser::alignas);
        Token tag = null;
        if (cursor.peek().isIdentifier() && !Attributes.startsAttribute(cursor)) {
            tag = cursor.next();
        }
        boolean isEnum = keyword.is("enum");
        CType fixedUnderlying = null;
        if (isEnum && cursor.peek().is(":") && tag != null) {
            cursor.next();
            fixedUnderlying = parser.typeName(); // C23: enum e : unsigned char { ... }
        }
        if (!cursor.peek().is("{")) {
            if (tag == null) {
                throw cursor.expected("a tag name or '{' after '" + keyword.text() + "'", cursor.peek());
            }
            return isEnum ? enumReference(tag) : reference(keyword, tag);
        }
        return isEnum ? enumDefinition(tag, attributes, fixedUnderlying) : structDefinition(keyword, tag, attributes);
    }

    private CType reference(Token keyword, Token tag) {
        String name = keyword.text() + " " + tag.text();
        CType known = parser.scope.tag(name);
        if (known != null) {
            return known;
        }
        String other = (keyword.is("struct") ? "union " : "struct ") + tag.text();
        if (parser.scope.ownTag(other) != null) {
            throw cursor.error(tag, "'" + tag.text() + "' is declared as " + other + ", used here as " + name);
        }
        StructType declared = StructType.declare(name, keyword.is("union"));
        parser.scope.defineTag(name, declared);
        return declared;
    }

    private CType structDefinition(Token keyword, Token tag, Attributes attributes) {
        boolean union = keyword.is("union");
        String name = tag != null ? keyword.text() + " " + tag.text() : keyword.text() + " <anonymous>";
        StructType target = null;
        if (tag != null) {
            CType own = parser.scope.ownTag(name);
            if (own instanceof StructType struct && !struct.isComplete()) {
                target = struct;
            } else if (own != null) {
                throw cursor.error(tag, "redefinition of " + name);
            } else {
                target = StructType.declare(name, union);
                parser.scope.defineTag(name, target);
            }
            parser.scope.declaredIn(name, tag.position().source());
        }
        Token open = cursor.expect("{", "to open the body of " + name);
        cursor.enter(open);
        StructType.Builder builder = union ? StructType.union(name) : StructType.struct(name);
        try {
            while (!cursor.accept("}")) {
                if (cursor.atEnd()) {
                    throw cursor.error(open, "the body of " + name + " is never closed");
                }
                member(builder, name);
            }
        } finally {
            cursor.leave();
        }
        Attributes after = new Attributes();
        after.readAll(cursor, parser.evaluator, parser::alignas);
        attributes.merge(after);
        if (attributes.packed) {
            builder.packed();
        }
        if (attributes.aligned > 0) {
            builder.aligned(attributes.aligned);
        }
        builder.pack(parser.pack.current());
        if (target == null) {
            // typedef struct { ... } div_t; is known by its typedef name, as C programmers call it
            String typedefName = parser.inTypedef ? typedefNameAhead() : null;
            target = StructType.declare(typedefName != null ? typedefName : name, union);
        }
        try {
            return builder.complete(target);
        } catch (ForeignError invalid) {
            throw cursor.error(tag != null ? tag : keyword, invalid.getMessage());
        }
    }

    /** In {@code typedef struct { ... } name;}, the name that follows the body, if it is a plain identifier. */
    private String typedefNameAhead() {
        Token next = cursor.peek();
        Token after = cursor.peek(1);
        boolean plain = after.is(";") || after.is(",") || after.is("__attribute__") || after.is("__attribute");
        return next.isIdentifier() && plain ? next.text() : null;
    }

    /** One member declaration: {@code int a, *b : 3;}, an anonymous struct, a {@code _Static_assert}, a pragma. */
    private void member(StructType.Builder builder, String structName) {
        Token start = cursor.peek();
        if (start.kind() == TokenKind.PRAGMA) {
            cursor.next();
            parser.pack.pragma(start, cursor);
            return;
        }
        if (cursor.accept(";")) {
            return;
        }
        if (start.is("_Static_assert") || start.is("static_assert")) {
            parser.staticAssert();
            return;
        }
        TypeReader.Specifiers specifiers = parser.specifiers();
        if (cursor.accept(";")) {
            if (specifiers.base instanceof Value value && value.type() instanceof StructType inner
                    && inner.name().endsWith("<anonymous>")) {
                builder.anonymous(inner); // C11 anonymous struct or union: its fields are this one's
            }
            return;
        }
        do {
            Token at = cursor.peek();
            Declarator declarator = cursor.peek().is(":") ? new Declarator(null, java.util.List.of())
                    : parser.declarator(false);
            int width = -1;
            if (cursor.accept(":")) {
                long bits = parser.evaluator.integer("a bit-field width");
                if (bits < 0 || bits > Integer.MAX_VALUE) {
                    throw cursor.error(at, "bit-field width " + bits + " is negative or too large");
                }
                width = (int) bits;
            }
            Attributes attributes = new Attributes();
            attributes.merge(specifiers.attributes);
            parser.afterDeclarator(attributes);
            Shape shape = Declarators.apply(specifiers.base, declarator.derivations(), cursor);
            if (!(shape instanceof Value value)) {
                throw cursor.error(declarator.name() != null ? declarator.name() : at, "a member of " + structName
                        + " cannot be a function; make it a function pointer");
            }
            CType type = parser.adjusted(value.type(), withoutAlignment(attributes), at);
            try {
                if (width >= 0) {
                    builder.bitField(declarator.nameText(), type, width);
                } else if (attributes.packed) {
                    builder.packedField(declarator.nameText(), type, attributes.aligned);
                } else if (attributes.aligned > 0) {
                    builder.field(declarator.nameText(), type, attributes.aligned);
                } else if (declarator.name() == null) {
                    throw cursor.error(at, "a member of " + structName + " needs a name");
                } else {
                    builder.field(declarator.nameText(), type);
                }
            } catch (ForeignError invalid) {
                throw cursor.error(declarator.name() != null ? declarator.name() : at, invalid.getMessage());
            }
        } while (cursor.accept(","));
        cursor.expect(";", "after a member of " + structName);
    }

    private static Attributes withoutAlignment(Attributes attributes) {
        Attributes type = new Attributes();
        type.mode = attributes.mode;
        type.vectorSize = attributes.vectorSize;
        return type;
    }

    private CType enumReference(Token tag) {
        CType known = parser.scope.tag("enum " + tag.text());
        // An enum used before its enumerators are known is passed as an int, as C compilers do.
        return known != null ? known : ((ScalarType) CType.INT).named("enum " + tag.text());
    }

    private CType enumDefinition(Token tag, Attributes attributes, CType fixedUnderlying) {
        String name = tag != null ? tag.text() : "<anonymous>";
        Token open = cursor.expect("{", "to open the enumerators of enum " + name);
        Map<String, Long> values = new LinkedHashMap<>();
        long next = 0;
        long min = 0;
        long max = 0;
        boolean unsignedValues = false;
        while (!cursor.accept("}")) {
            Token enumerator = cursor.next();
            if (!enumerator.isIdentifier()) {
                throw cursor.expected("an enumerator name in enum " + name, enumerator);
            }
            new Attributes().readAll(cursor, parser.evaluator, parser::alignas);
            long value = next;
            if (cursor.accept("=")) {
                Constant constant = parser.evaluator.conditional();
                if (!constant.isInteger()) {
                    throw cursor.error(enumerator, "the value of " + enumerator.text() + " is not an integer");
                }
                value = constant.bits();
                unsignedValues |= !constant.type().isSigned() && value < 0;
            }
            if (values.put(enumerator.text(), value) != null) {
                throw cursor.error(enumerator, "enumerator " + enumerator.text() + " appears twice in enum " + name);
            }
            min = values.size() == 1 ? value : Math.min(min, value);
            max = values.size() == 1 ? value : Math.max(max, value);
            parser.scope.defineEnumConstant(enumerator.text(), new Constant(fits(value) ? CType.INT
                    : CType.LONG, value));
            next = value + 1;
            if (!cursor.accept(",")) {
                cursor.expect("}", "to close enum " + name + " (opened at " + cursor.describe(open.position()) + ")");
                break;
            }
        }
        Attributes after = new Attributes();
        after.readAll(cursor, parser.evaluator, parser::alignas);
        attributes.merge(after);
        CType underlying = fixedUnderlying != null ? fixedUnderlying
                : underlying(min, max, unsignedValues, attributes.packed);
        CType type;
        if (values.isEmpty() || underlying.byteSize() > CType.INT.byteSize()) {
            type = ((ScalarType) underlying).named("enum " + name); // values past int: CEnum cannot hold them
        } else {
            Map<String, Integer> keywords = new LinkedHashMap<>();
            values.forEach((keyword, value) -> keywords.put(keyword, (int) (long) value));
            type = CType.enumOf(CEnum.of(name, keywords), underlying);
        }
        if (tag != null) {
            parser.scope.defineTag("enum " + tag.text(), type);
            parser.scope.declaredIn("enum " + tag.text(), tag.position().source());
        }
        return type;
    }

    private static boolean fits(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    /**
     * GCC's choice: {@code unsigned int} when no value is negative, {@code int} when one is, a 64-bit type when a
     * value needs it; the smallest that fits for a packed enum.
     */
    private static CType underlying(long min, long max, boolean unsignedValues, boolean packed) {
        boolean nonNegative = min >= 0 && !unsignedValues;
        if (packed) {
            if (nonNegative && max <= 0xFF) {
                return CType.UNSIGNED_CHAR;
            }
            if (min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE) {
                return CType.SIGNED_CHAR;
            }
            if (nonNegative && max <= 0xFFFF) {
                return CType.UNSIGNED_SHORT;
            }
            if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
                return CType.SHORT;
            }
        }
        if (unsignedValues) {
            return CType.UNSIGNED_LONG; // a value past LONG_MAX, written unsigned
        }
        if (min >= 0) {
            return max <= 0xFFFF_FFFFL ? CType.UNSIGNED_INT : CType.UNSIGNED_LONG;
        }
        return min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? CType.INT : CType.LONG;
    }

    /** Whether a struct name is one this parser gave an anonymous struct. */
    static boolean isAnonymous(StructType struct) {
        return struct.name().endsWith("<anonymous>");
    }

    /** Whether {@code type} is an array C treats as a pointer where it is used (a parameter). */
    static boolean decays(CType type) {
        return type instanceof ArrayType;
    }
}
