package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

/**
 * Evaluates C constant expressions (C17 6.6) as a compiler does for array sizes, bit-field widths, enumerator
 * values, {@code aligned(n)} and {@code #define} constants: integer constants with their C types and the usual
 * arithmetic conversions (so {@code -1 < 0u} is false and {@code 0xFFFFFFFF} is an {@code unsigned int}),
 * floating arithmetic, string literals, casts, {@code sizeof}, {@code _Alignof} and {@code __builtin_offsetof}
 * over the types the parser knows. {@code &&}, {@code ||} and {@code ?:} do not evaluate the side they skip, so
 * {@code 0 && 1/0} is 0.
 */
final class ConstantEvaluator {
    /** What the evaluator needs from the parser. */
    interface Types {
        /** Whether the token {@code ahead} positions from the cursor starts a type name. */
        boolean startsTypeName(int ahead);

        /** Parses a type name at the cursor. */
        CType typeName();

        /** The value of an enum constant, or {@code null}. */
        Constant enumConstant(String name);

        /** The type of a declared variable or function (for {@code sizeof x}), or {@code null}. */
        CType declaredType(String name);
    }

    private final TokenCursor cursor;
    private final Types types;
    /** Greater than zero inside the unevaluated side of {@code &&}, {@code ||} or {@code ?:}. */
    private int unevaluated;

    ConstantEvaluator(TokenCursor cursor, Types types) {
        this.cursor = cursor;
        this.types = types;
    }

    /** A conditional expression: what array sizes, widths and enumerators are. */
    Constant conditional() {
        Token start = cursor.peek();
        cursor.enter(start);
        try {
            Constant condition = binary(0);
            if (!cursor.accept("?")) {
                return condition;
            }
            boolean take = !isZero(condition, start);
            Constant whenTrue = branch(take, true);
            cursor.expect(":", "in a conditional expression");
            Constant whenFalse = branch(!take, false);
            Constant chosen = take ? whenTrue : whenFalse;
            if (chosen.isInteger() && whenTrue.isInteger() && whenFalse.isInteger()) {
                CType common = IntegerTypes.common(whenTrue.type(), whenFalse.type());
                return new Constant(common, IntegerTypes.normalize(chosen.bits(), chosen.type(), common));
            }
            return chosen;
        } finally {
            cursor.leave();
        }
    }

    private Constant branch(boolean evaluated, boolean isTrueBranch) {
        if (!evaluated) {
            unevaluated++;
        }
        try {
            return isTrueBranch ? expression() : conditional();
        } finally {
            if (!evaluated) {
                unevaluated--;
            }
        }
    }

    /** An expression with the comma operator, as GCC allows it in a {@code #define} constant. */
    Constant expression() {
        Constant value = conditional();
        while (cursor.accept(",")) {
            value = conditional();
        }
        return value;
    }

    /** An integer constant expression. */
    long integer(String what) {
        Token start = cursor.peek();
        Constant value = conditional();
        if (!value.isInteger()) {
            throw cursor.error(start, what + " must be an integer constant, not " + value.value());
        }
        return value.bits();
    }

    // ---- binary operators, by precedence --------------------------------------------------------------------

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"},
        {"*", "/", "%"},
    };

    private Constant binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        Constant left = binary(level + 1);
        while (true) {
            Token operator = cursor.peek();
            String op = operatorAt(level, operator);
            if (op == null) {
                return left;
            }
            cursor.next();
            if (op.equals("&&") || op.equals("||")) {
                boolean leftTrue = !isZero(left, operator);
                boolean decided = op.equals("&&") ? !leftTrue : leftTrue;
                if (decided) {
                    unevaluated++;
                }
                Constant right;
                try {
                    right = binary(level + 1);
                } finally {
                    if (decided) {
                        unevaluated--;
                    }
                }
                boolean result = decided ? leftTrue : !isZero(right, operator);
                left = new Constant(CType.INT, result ? 1L : 0L);
            } else {
                Constant right = binary(level + 1);
                left = apply(op, left, right, operator);
            }
        }
    }

    private static String operatorAt(int level, Token token) {
        if (token.kind() != TokenKind.PUNCTUATOR) {
            return null;
        }
        for (String op : LEVELS[level]) {
            if (token.text().equals(op)) {
                return op;
            }
        }
        return null;
    }

    private Constant apply(String op, Constant left, Constant right, Token at) {
        if (left.value() instanceof String || right.value() instanceof String) {
            throw cursor.error(at, "operator '" + op + "' cannot apply to a string literal");
        }
        if (!left.isInteger() || !right.isInteger()) {
            return floating(op, asDouble(left), asDouble(right), at);
        }
        if (op.equals("<<") || op.equals(">>")) {
            CType type = IntegerTypes.promote(left.type());
            long count = right.bits();
            if (right.type().isSigned() && count < 0 || Long.compareUnsigned(count, IntegerTypes.bits(type)) >= 0) {
                if (unevaluated > 0) {
                    return new Constant(type, 0L);
                }
                throw cursor.error(at, "shift count " + (right.type().isSigned() ? count : Long.toUnsignedString(count))
                        + " is negative or not less than the width of " + type.name());
            }
            long value = IntegerTypes.normalize(left.bits(), left.type(), type);
            long shifted = op.equals("<<") ? value << count
                    : type.isSigned() ? value >> count : value >>> count;
            return new Constant(type, IntegerTypes.normalize(shifted, type, type));
        }
        CType type = IntegerTypes.common(left.type(), right.type());
        long a = IntegerTypes.normalize(left.bits(), left.type(), type);
        long b = IntegerTypes.normalize(right.bits(), right.type(), type);
        boolean signed = type.isSigned();
        return switch (op) {
            case "+" -> new Constant(type, IntegerTypes.normalize(a + b, type, type));
            case "-" -> new Constant(type, IntegerTypes.normalize(a - b, type, type));
            case "*" -> new Constant(type, IntegerTypes.normalize(a * b, type, type));
            case "/", "%" -> {
                if (b == 0) {
                    if (unevaluated > 0) {
                        yield new Constant(type, 0L);
                    }
                    throw cursor.error(at, (op.equals("/") ? "division" : "remainder") + " by zero in a constant expression");
                }
                long result = op.equals("/") ? (signed ? a / b : Long.divideUnsigned(a, b))
                        : (signed ? a % b : Long.remainderUnsigned(a, b));
                yield new Constant(type, IntegerTypes.normalize(result, type, type));
            }
            case "&" -> new Constant(type, a & b);
            case "|" -> new Constant(type, a | b);
            case "^" -> new Constant(type, a ^ b);
            case "==" -> truth(a == b);
            case "!=" -> truth(a != b);
            case "<" -> truth(signed ? a < b : Long.compareUnsigned(a, b) < 0);
            case ">" -> truth(signed ? a > b : Long.compareUnsigned(a, b) > 0);
            case "<=" -> truth(signed ? a <= b : Long.compareUnsigned(a, b) <= 0);
            case ">=" -> truth(signed ? a >= b : Long.compareUnsigned(a, b) >= 0);
            default -> throw new IllegalStateException(op);
        };
    }

    private Constant floating(String op, double a, double b, Token at) {
        return switch (op) {
            case "+" -> new Constant(CType.DOUBLE, a + b);
            case "-" -> new Constant(CType.DOUBLE, a - b);
            case "*" -> new Constant(CType.DOUBLE, a * b);
            case "/" -> new Constant(CType.DOUBLE, a / b);
            case "==" -> truth(a == b);
            case "!=" -> truth(a != b);
            case "<" -> truth(a < b);
            case ">" -> truth(a > b);
            case "<=" -> truth(a <= b);
            case ">=" -> truth(a >= b);
            default -> throw cursor.error(at, "operator '" + op + "' needs integer operands");
        };
    }

    private static Constant truth(boolean value) {
        return new Constant(CType.INT, value ? 1L : 0L);
    }

    private boolean isZero(Constant value, Token at) {
        if (value.value() instanceof String) {
            return false; // a string literal is a non-null pointer
        }
        return value.isZero();
    }

    private double asDouble(Constant value) {
        if (value.value() instanceof Double d) {
            return d;
        }
        long bits = value.bits();
        return value.type().isSigned() || bits >= 0 ? (double) bits
                : (double) (bits >>> 1) * 2.0 + (bits & 1);
    }

    // ---- unary operators, casts and primaries ---------------------------------------------------------------

    private Constant unary() {
        Token token = cursor.peek();
        cursor.enter(token);
        try {
            if (token.kind() == TokenKind.PUNCTUATOR) {
                switch (token.text()) {
                    case "+", "-", "~", "!" -> {
                        cursor.next();
                        return prefix(token, unary());
                    }
                    case "(" -> {
                        if (types.startsTypeName(1)) {
                            cursor.next();
                            CType target = types.typeName();
                            cursor.expect(")", "after the type of a cast");
                            if (cursor.peek().is("{")) {
                                throw cursor.error(token, "a compound literal is not a constant");
                            }
                            return cast(unary(), target, token);
                        }
                    }
                    default -> { }
                }
            }
            if (token.isIdentifier()) {
                switch (token.text()) {
                    case "sizeof" -> {
                        cursor.next();
                        return sizeOrAlignment(true, token);
                    }
                    case "_Alignof", "__alignof__", "__alignof", "alignof" -> {
                        cursor.next();
                        return sizeOrAlignment(false, token);
                    }
                    default -> { }
                }
            }
            return primary();
        } finally {
            cursor.leave();
        }
    }

    private Constant prefix(Token op, Constant operand) {
        if (operand.value() instanceof String) {
            throw cursor.error(op, "operator '" + op.text() + "' cannot apply to a string literal");
        }
        if (!operand.isInteger()) {
            double d = asDouble(operand);
            return switch (op.text()) {
                case "+" -> operand;
                case "-" -> new Constant(operand.type(), -d);
                case "!" -> truth(d == 0);
                default -> throw cursor.error(op, "operator '~' needs an integer operand");
            };
        }
        CType type = IntegerTypes.promote(operand.type());
        long value = IntegerTypes.normalize(operand.bits(), operand.type(), type);
        return switch (op.text()) {
            case "+" -> new Constant(type, value);
            case "-" -> new Constant(type, IntegerTypes.normalize(-value, type, type));
            case "~" -> new Constant(type, IntegerTypes.normalize(~value, type, type));
            default -> truth(value == 0);
        };
    }

    private Constant cast(Constant value, CType target, Token at) {
        if (target.isVoid()) {
            return new Constant(CType.INT, 0L);
        }
        if (target.kind() == CType.Kind.FLOAT || target.kind() == CType.Kind.DOUBLE) {
            return new Constant(target, asDouble(value));
        }
        if (value.value() instanceof String) {
            throw cursor.error(at, "a string literal cannot be cast to " + target.name() + " in a constant");
        }
        CType integer = IntegerTypes.forCast(target);
        if (integer == null) {
            throw cursor.error(at, "cannot cast a constant to " + target.name());
        }
        long bits = value.isInteger() ? value.bits() : (long) asDouble(value);
        if (target.kind() == CType.Kind.BOOL) {
            return new Constant(CType.INT, value.isZero() ? 0L : 1L);
        }
        return new Constant(integer, IntegerTypes.normalize(bits, value.isInteger() ? value.type() : CType.LONG_LONG,
                integer));
    }

    private Constant sizeOrAlignment(boolean size, Token keyword) {
        CType type;
        if (cursor.peek().is("(") && types.startsTypeName(1)) {
            cursor.next();
            type = types.typeName();
            cursor.expect(")", "after the type of " + keyword.text());
        } else if (size) {
            type = operandType(keyword);
        } else {
            throw cursor.expected("a parenthesized type name after " + keyword.text(), cursor.peek());
        }
        try {
            if (type.isVoid()) {
                return new Constant(CType.SIZE_T, 1L); // GCC: sizeof (void) is 1
            }
            long result = size ? type.byteSize() : type.layout().byteAlignment();
            return new Constant(CType.SIZE_T, result);
        } catch (ForeignError incomplete) {
            throw cursor.error(keyword, keyword.text() + " of " + type.name() + ": " + incomplete.getMessage());
        }
    }

    /** The type of {@code sizeof}'s operand when it is an expression: a declared name or a string literal. */
    private CType operandType(Token keyword) {
        boolean parenthesized = cursor.accept("(");
        Token operand = cursor.peek();
        CType type;
        if (operand.isIdentifier() && types.declaredType(operand.text()) != null) {
            cursor.next();
            type = types.declaredType(operand.text());
        } else if (operand.kind() == TokenKind.STRING) {
            String text = Literals.concatenatedString(cursor);
            type = CType.arrayOf(CType.CHAR, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1L);
        } else {
            Constant value = unary();
            type = value.type();
        }
        if (parenthesized) {
            cursor.expect(")", "after the operand of " + keyword.text());
        }
        return type;
    }

    private Constant primary() {
        Token token = cursor.peek();
        switch (token.kind()) {
            case NUMBER -> {
                cursor.next();
                return Literals.number(token, cursor);
            }
            case CHARACTER -> {
                cursor.next();
                return Literals.character(token, cursor);
            }
            case STRING -> {
                return new Constant(CType.STRING, Literals.concatenatedString(cursor));
            }
            case IDENTIFIER -> {
                cursor.next();
                if (token.text().equals("__builtin_offsetof") || token.text().equals("offsetof")) {
                    return offsetOf(token);
                }
                if (token.text().equals("true") || token.text().equals("false")) {
                    return new Constant(CType.INT, token.text().equals("true") ? 1L : 0L);
                }
                Constant value = types.enumConstant(token.text());
                if (value == null) {
                    throw cursor.error(token, "'" + token.text() + "' is not a constant");
                }
                return value;
            }
            case PUNCTUATOR -> {
                if (token.is("(")) {
                    cursor.next();
                    Constant inner = expression();
                    cursor.expect(")", "to close the parenthesized expression");
                    return inner;
                }
                throw cursor.expected("a constant expression", token);
            }
            default -> throw cursor.expected("a constant expression", token);
        }
    }

    private Constant offsetOf(Token keyword) {
        cursor.expect("(", "after " + keyword.text());
        CType type = types.typeName();
        cursor.expect(",", "after the type in " + keyword.text());
        long offset = 0;
        CType current = type;
        boolean first = true;
        while (!cursor.peek().is(")")) {
            Token step = cursor.next();
            if (step.is("[")) {
                if (!(current instanceof ArrayType array)) {
                    throw cursor.error(step, current.name() + " is not an array");
                }
                long index = integer("an array index");
                cursor.expect("]", "after an array index");
                offset += index * array.element().byteSize();
                current = array.element();
            } else if (step.is(".") || first && step.isIdentifier()) {
                Token name = step.isIdentifier() ? step : cursor.next();
                if (!(current instanceof StructType struct) || !name.isIdentifier()) {
                    throw cursor.error(name, "no member '" + name.text() + "' in " + current.name());
                }
                CField field;
                try {
                    field = struct.field(name.text());
                } catch (ForeignError missing) {
                    throw cursor.error(name, missing.getMessage());
                }
                offset += field.offset();
                current = field.type();
            } else {
                throw cursor.expected("a member designator", step);
            }
            first = false;
        }
        cursor.expect(")", "to close " + keyword.text());
        return new Constant(CType.SIZE_T, offset);
    }
}
