package epsilon.foreign.struct.internal;

import epsilon.foreign.struct.DeclarationException;
import epsilon.foreign.struct.FieldType;
import epsilon.foreign.struct.StructException;
import epsilon.foreign.struct.StructType;
import epsilon.foreign.struct.internal.HeaderLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A recursive-descent reader of the declarations {@code CHeader} understands. */
public final class HeaderParser {
    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "restrict", "__restrict",
            "__restrict__", "__extension__", "extern", "static", "register", "__const", "__volatile__", "inline");
    private static final Set<String> SCALAR_WORDS = Set.of("signed", "unsigned", "short", "long", "int", "char",
            "float", "double", "_Bool", "bool", "void", "__signed__", "__signed");
    private static final long MAX_ALIGNMENT = 16; // aligned without a number: the largest the ABI uses

    private final List<Token> tokens;
    private int at;
    private final Map<String, StructType> structs = new LinkedHashMap<>();
    private final Map<String, FieldType> typedefs = new LinkedHashMap<>();
    private final Map<String, Long> constants = new LinkedHashMap<>();
    private int anonymousCount;

    public HeaderParser(String text) {
        this.tokens = HeaderLexer.tokens(text);
    }

    public Map<String, StructType> structs() {
        return structs;
    }

    public Map<String, FieldType> typedefs() {
        return typedefs;
    }

    public Map<String, Long> enumConstants() {
        return constants;
    }

    public void parse() {
        while (!peek().is("end of text")) {
            if (accept(";")) {
                continue;
            }
            boolean typedef = accept("typedef");
            attributes(); // before the type: no layout effect on a declaration
            FieldType base = typeSpecifier();
            if (accept(";")) {
                continue; // struct/union/enum declared alone
            }
            do {
                Declarator declarator = declarator(base);
                if (declarator.function()) {
                    skipToSemicolon(); // a function prototype: not a type
                    break;
                }
                if (typedef) {
                    FieldType type = declarator.type();
                    if (type instanceof FieldType.Nested nested && nested.type().name().startsWith("<anonymous")) {
                        type = FieldType.nested(rename(nested.type(), declarator.name()));
                    }
                    typedefs.put(declarator.name(), type);
                }
            } while (accept(","));
            expect(";", "after a declaration");
        }
    }

    /** A typedef of an anonymous struct takes the typedef's name, as C programmers call it. */
    private StructType rename(StructType anonymous, String name) {
        Definition definition = anonymousDefinitions.get(anonymous);
        return definition == null ? anonymous
                : build(name, definition.union(), definition.members(), definition.packed(), definition.alignment());
    }

    /** What an anonymous struct definition said, kept so that a typedef can build it under its own name. */
    private record Definition(boolean union, List<Member> members, boolean packed, long alignment) {}

    private final Map<StructType, Definition> anonymousDefinitions = new java.util.IdentityHashMap<>();

    private record Member(String name, FieldType type, int bitWidth, long alignment, boolean anonymous) {}

    private static StructType build(String name, boolean union, List<Member> members, boolean packed, long alignment) {
        StructType.Builder builder = union ? StructType.union(name) : StructType.struct(name);
        for (Member m : members) {
            if (m.anonymous()) {
                builder.anonymous(((FieldType.Nested) m.type()).type());
            } else if (m.bitWidth() >= 0) {
                builder.bitField(m.name(), ((FieldType.Scalar) m.type()).cName(), m.bitWidth());
            } else if (m.alignment() > 0) {
                builder.field(m.name(), m.type(), m.alignment());
            } else {
                builder.field(m.name(), m.type());
            }
        }
        if (packed) {
            builder.packed();
        }
        if (alignment > 0) {
            builder.aligned(alignment);
        }
        return builder.build();
    }

    // ---- types -------------------------------------------------------------------------------------------

    private FieldType typeSpecifier() {
        skipQualifiers();
        Token first = peek();
        FieldType type;
        if (first.is("struct") || first.is("union")) {
            type = FieldType.nested(structOrUnion());
        } else if (first.is("enum")) {
            enumSpecifier();
            type = FieldType.of("int");
        } else if (first.identifier() && SCALAR_WORDS.contains(first.text())) {
            type = scalarWords();
        } else if (first.identifier()) {
            at++;
            type = typedefs.get(first.text());
            if (type == null) {
                type = tryScalar(first.text());
            }
            if (type == null) {
                throw error(first, "unknown type name '" + first.text() + "'");
            }
        } else {
            throw error(first, "expected a type but found '" + first.text() + "'");
        }
        skipQualifiers();
        return type;
    }

    private static FieldType tryScalar(String name) {
        try {
            return FieldType.of(name);
        } catch (StructException notScalar) {
            return null;
        }
    }

    private FieldType scalarWords() {
        Token first = peek();
        int longs = 0;
        boolean unsigned = false;
        String base = null;
        while (peek().identifier() && (SCALAR_WORDS.contains(peek().text()) || QUALIFIERS.contains(peek().text()))) {
            String word = tokens.get(at++).text();
            switch (word) {
                case "unsigned" -> unsigned = true;
                case "signed", "__signed__", "__signed" -> { }
                case "long" -> longs++;
                case "short", "char", "float", "double", "_Bool", "bool", "void" -> base = word;
                default -> { }
            }
        }
        String name;
        if ("void".equals(base)) {
            name = "void";
        } else if ("double".equals(base) && longs > 0) {
            throw error(first, "long double has no layout in the Java FFM API");
        } else if (base != null && !base.equals("short")) {
            name = base.equals("char") && unsigned ? "unsigned char" : base;
        } else if ("short".equals(base)) {
            name = unsigned ? "unsigned short" : "short";
        } else if (longs >= 2) {
            name = unsigned ? "unsigned long long" : "long long";
        } else if (longs == 1) {
            name = unsigned ? "unsigned long" : "long";
        } else {
            name = unsigned ? "unsigned int" : "int";
        }
        return name.equals("void") ? FieldType.pointer() /* only valid behind a '*' */ : FieldType.of(name);
    }

    private StructType structOrUnion() {
        boolean union = tokens.get(at++).is("union");
        Attributes attributes = attributes();
        String tag = peek().identifier() && !peek().is("__attribute__") ? tokens.get(at++).text() : null;
        String keyword = union ? "union" : "struct";
        if (!accept("{")) {
            if (tag == null) {
                throw error(peek(), "expected a tag or '{' after '" + keyword + "'");
            }
            StructType known = structs.get(keyword + " " + tag);
            if (known == null) {
                // an incomplete type: usable only behind a pointer, which the declarator checks
                return StructType.struct(keyword + " " + tag + " (incomplete)").build();
            }
            return known;
        }
        List<Member> members = new ArrayList<>();
        while (!accept("}")) {
            members(members);
        }
        attributes = attributes.and(attributes());
        String name = tag == null ? "<anonymous " + keyword + " " + (++anonymousCount) + ">" : keyword + " " + tag;
        StructType type = build(name, union, members, attributes.packed(), attributes.alignment());
        if (tag != null) {
            structs.put(keyword + " " + tag, type);
            structs.put(tag, type);
        } else {
            anonymousDefinitions.put(type, new Definition(union, members, attributes.packed(), attributes.alignment()));
        }
        return type;
    }

    private void members(List<Member> members) {
        Token start = peek();
        FieldType base = typeSpecifier();
        if (accept(";")) {
            if (base instanceof FieldType.Nested nested && nested.type().name().startsWith("<anonymous")) {
                members.add(new Member(null, base, -1, 0, true));
                return;
            }
            throw error(start, "a member declaration needs a name");
        }
        do {
            if (peek().is(":")) { // unnamed bit-field
                at++;
                members.add(new Member(null, base, (int) constant(), 0, false));
                continue;
            }
            Declarator declarator = declarator(base);
            int width = -1;
            if (accept(":")) {
                width = (int) constant();
            }
            Attributes attributes = attributes();
            members.add(new Member(declarator.name(), declarator.type(), width, attributes.alignment(), false));
        } while (accept(","));
        Token found = peek();
        if (!accept(";")) {
            String last = members.isEmpty() ? "?" : String.valueOf(members.get(members.size() - 1).name());
            throw error(found, "expected ';' after field '" + last + "' but found '" + found.text() + "'");
        }
    }

    private void enumSpecifier() {
        at++; // enum
        if (peek().identifier() && !peek().is("{")) {
            at++;
        }
        if (!accept("{")) {
            return;
        }
        long next = 0;
        while (!accept("}")) {
            Token name = tokens.get(at++);
            if (!name.identifier()) {
                throw error(name, "expected an enum constant but found '" + name.text() + "'");
            }
            if (accept("=")) {
                next = constant();
            }
            constants.put(name.text(), next++);
            if (!accept(",")) {
                expect("}", "after the enum constants");
                break;
            }
        }
    }

    // ---- declarators ---------------------------------------------------------------------------------------

    private record Declarator(String name, FieldType type, boolean function) {}

    private Declarator declarator(FieldType base) {
        int pointers = 0;
        while (accept("*")) {
            pointers++;
            skipQualifiers();
        }
        if (accept("(")) { // (*name)(params): a function pointer, or (*name)[n]: a pointer to an array
            expect("*", "in a parenthesised declarator");
            skipQualifiers();
            Token name = identifier("a name in a function pointer declarator");
            expect(")", "after the function pointer's name");
            if (accept("(")) {
                skipBalanced("(", ")");
            } else {
                while (accept("[")) {
                    skipBalanced("[", "]");
                }
            }
            return new Declarator(name.text(), FieldType.pointer(), false);
        }
        Token name = identifier("a name");
        if (accept("(")) {
            skipBalanced("(", ")");
            return new Declarator(name.text(), base, true);
        }
        FieldType type = base;
        if (pointers > 0) {
            type = base instanceof FieldType.Nested nested && !nested.type().name().endsWith("(incomplete)")
                    ? FieldType.pointerTo(nested.type()) : FieldType.pointer();
        } else if (base instanceof FieldType.Nested nested && nested.type().name().endsWith("(incomplete)")) {
            throw error(name, "field '" + name.text() + "' has incomplete type " + nested.type().name()
                    .replace(" (incomplete)", ""));
        }
        List<Long> dimensions = new ArrayList<>();
        while (accept("[")) {
            dimensions.add(constant());
            expect("]", "after an array size");
        }
        for (int i = dimensions.size() - 1; i >= 0; i--) {
            type = FieldType.array(type, dimensions.get(i));
        }
        return new Declarator(name.text(), type, false);
    }

    // ---- attributes, constants, tokens -------------------------------------------------------------------

    private record Attributes(boolean packed, long alignment) {
        static final Attributes NONE = new Attributes(false, 0);

        Attributes and(Attributes other) {
            return new Attributes(packed || other.packed, Math.max(alignment, other.alignment));
        }
    }

    private Attributes attributes() {
        Attributes result = Attributes.NONE;
        while (peek().is("__attribute__") || peek().is("__attribute")) {
            at++;
            expect("(", "after __attribute__");
            expect("(", "after __attribute__(");
            do {
                Token name = identifier("an attribute name");
                String attribute = name.text().replace("__", "");
                if (attribute.equals("packed")) {
                    result = result.and(new Attributes(true, 0));
                } else if (attribute.equals("aligned")) {
                    long alignment = MAX_ALIGNMENT;
                    if (accept("(")) {
                        alignment = constant();
                        expect(")", "after the alignment");
                    }
                    result = result.and(new Attributes(false, alignment));
                } else if (accept("(")) {
                    skipBalanced("(", ")"); // an attribute without layout effect
                }
            } while (accept(","));
            expect(")", "to close the attribute list");
            expect(")", "to close __attribute__");
        }
        return result;
    }

    /** An integer constant expression of numbers, enum constants, + - * and parentheses. */
    private long constant() {
        long value = term();
        while (peek().is("+") || peek().is("-")) {
            boolean plus = tokens.get(at++).is("+");
            long right = term();
            value = plus ? value + right : value - right;
        }
        return value;
    }

    private long term() {
        long value = factor();
        while (accept("*")) {
            value *= factor();
        }
        return value;
    }

    private long factor() {
        Token token = tokens.get(at++);
        if (token.is("(")) {
            long value = constant();
            expect(")", "in a constant expression");
            return value;
        }
        if (token.is("-")) {
            return -factor();
        }
        if (token.number()) {
            String digits = token.text().replaceAll("[uUlL]+$", "");
            try {
                return digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseLong(digits.substring(2), 16)
                        : Long.decode(digits);
            } catch (NumberFormatException e) {
                throw error(token, "'" + token.text() + "' is not an integer");
            }
        }
        if (token.identifier() && constants.containsKey(token.text())) {
            return constants.get(token.text());
        }
        throw error(token, "expected an integer constant but found '" + token.text() + "'");
    }

    private void skipQualifiers() {
        while (peek().identifier() && QUALIFIERS.contains(peek().text())) {
            at++;
        }
    }

    private void skipBalanced(String open, String close) {
        int depth = 1;
        while (depth > 0) {
            Token token = tokens.get(at++);
            if (token.is("end of text")) {
                throw error(token, "expected '" + close + "' but found end of text");
            }
            depth += token.is(open) ? 1 : token.is(close) ? -1 : 0;
        }
    }

    private void skipToSemicolon() {
        while (!peek().is(";") && !peek().is("end of text")) {
            at++;
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private boolean accept(String text) {
        if (peek().is(text)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String text, String where) {
        if (!accept(text)) {
            throw error(peek(), "expected '" + text + "' " + where + " but found '" + peek().text() + "'");
        }
    }

    private Token identifier(String what) {
        Token token = peek();
        if (!token.identifier()) {
            throw error(token, "expected " + what + " but found '" + token.text() + "'");
        }
        at++;
        return token;
    }

    private static DeclarationException error(Token token, String problem) {
        return new DeclarationException(problem, token.line(), token.column());
    }
}
