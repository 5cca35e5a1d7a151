package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an {@code #if} expression (C17 6.10.1) over tokens already macro-expanded (with {@code defined} and
 * {@code __has_*} replaced by numbers): the whole constant-expression grammar in intmax_t and uintmax_t with the
 * usual arithmetic conversions, character constants as gcc values them, non-macro identifiers as 0 and C23's
 * {@code true} and {@code false}.
 *
 * <p>An operator-precedence parser with explicit stacks, so nesting costs heap, not Java stack, and is bounded by
 * a limit. Errors in operands that are not evaluated ({@code 0 && 1/0}, {@code 1 ? 2 : 1/0}) are carried by the
 * values and dropped where C says the operand is not evaluated.
 */
final class IfExpression {
    /** A value with its type (signed or unsigned 64-bit) and the error evaluating it would raise, if any. */
    private record Value(long v, boolean unsigned, ParseError error) {
        static Value of(long v, boolean unsigned) {
            return new Value(v, unsigned, null);
        }

        boolean isTrue() {
            return v != 0;
        }
    }

    private record Op(String symbol, int precedence, boolean unary, Token at) {}

    private final List<Token> tokens;
    private final Token directive;
    private final int maxDepth;
    private final CharacterConstants chars;
    private final List<Value> values = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();
    private int depth;

    private IfExpression(List<Token> tokens, Token directive, int maxDepth, CharacterConstants chars) {
        this.tokens = tokens;
        this.directive = directive;
        this.maxDepth = maxDepth;
        this.chars = chars;
    }

    /**
     * Evaluates {@code tokens}, the expanded line of the directive whose name token is {@code directive}.
     *
     * @throws ParseError for a malformed expression, a division by zero that is evaluated, or nesting deeper
     *                    than {@code maxDepth}
     */
    static boolean evaluate(List<Token> tokens, Token directive, int maxDepth, CharacterConstants chars) {
        return new IfExpression(tokens, directive, maxDepth, chars).run();
    }

    private boolean run() {
        if (tokens.isEmpty()) {
            throw Errors.at(directive, "#" + directive.text() + " with no expression");
        }
        boolean operand = true;
        for (Token t : tokens) {
            if (operand) {
                operand = operand(t);
            } else {
                operand = operator(t);
            }
        }
        if (operand) {
            Op last = ops.isEmpty() ? null : ops.getLast();
            throw last == null ? Errors.at(directive, "#" + directive.text() + " with no expression")
                    : Errors.at(last.at(), "operator '" + last.at().text() + "' has no right operand");
        }
        while (!ops.isEmpty()) {
            Op top = ops.getLast();
            if (top.symbol().equals("(")) {
                throw Errors.at(top.at(), "missing ')' in expression");
            }
            if (top.symbol().equals("?")) {
                throw Errors.at(top.at(), "'?' without following ':'");
            }
            apply(ops.removeLast());
        }
        Value result = values.getLast();
        if (result.error() != null) {
            throw result.error();
        }
        return result.isTrue();
    }

    /** Handles a token where an operand is expected; returns whether an operand is still expected. */
    private boolean operand(Token t) {
        switch (t.kind()) {
            case NUMBER -> {
                values.add(number(t));
                return false;
            }
            case CHARACTER -> {
                values.add(Value.of(chars.value(t), false));
                return false;
            }
            case IDENTIFIER -> {
                values.add(Value.of(t.text().equals("true") ? 1 : 0, false));
                return false;
            }
            case PUNCTUATOR -> {
                switch (t.text()) {
                    case "(" -> {
                        if (++depth > maxDepth) {
                            throw Errors.at(t, "#if expression too deeply nested: more than " + maxDepth
                                    + " levels of parentheses (limit maxExpressionDepth)");
                        }
                        ops.add(new Op("(", 0, false, t));
                    }
                    case "+", "-", "~", "!" -> ops.add(new Op(t.text(), 13, true, t));
                    case ")" -> throw Errors.at(t, ops.isEmpty() || !ops.getLast().symbol().equals("(")
                            ? "missing expression before ')'" : "missing expression between '(' and ')'");
                    default -> throw Errors.at(t, precedence(t.text()) > 0
                            ? "operator '" + t.text() + "' has no left operand"
                            : "token \"" + t.text() + "\" is not valid in preprocessor expressions");
                }
                return true;
            }
            default -> throw Errors.at(t, "token " + t.shown() + " is not valid in preprocessor expressions");
        }
    }

    /** Handles a token where an operator is expected; returns whether an operand is expected next. */
    private boolean operator(Token t) {
        if (t.kind() != TokenKind.PUNCTUATOR) {
            throw Errors.at(t, "missing binary operator before token " + t.shown());
        }
        String s = t.text();
        if (s.equals(")")) {
            while (!ops.isEmpty() && !ops.getLast().symbol().equals("(")) {
                if (ops.getLast().symbol().equals("?")) {
                    throw Errors.at(ops.getLast().at(), "'?' without following ':'");
                }
                apply(ops.removeLast());
            }
            if (ops.isEmpty()) {
                throw Errors.at(t, "missing '(' in expression");
            }
            ops.removeLast();
            depth--;
            return false;
        }
        if (s.equals(":")) {
            while (!ops.isEmpty() && !ops.getLast().symbol().equals("?") && !ops.getLast().symbol().equals("(")) {
                apply(ops.removeLast());
            }
            if (ops.isEmpty() || !ops.getLast().symbol().equals("?")) {
                throw Errors.at(t, "':' without preceding '?'");
            }
            Op q = ops.removeLast();
            ops.add(new Op("?:", 2, false, q.at()));
            return true;
        }
        int p = precedence(s);
        if (p == 0) {
            throw Errors.at(t, "token \"" + s + "\" is not valid in preprocessor expressions");
        }
        boolean rightAssociative = s.equals("?");
        while (!ops.isEmpty()) {
            Op top = ops.getLast();
            if (top.symbol().equals("(") || top.symbol().equals("?")
                    || top.precedence() < p || top.precedence() == p && rightAssociative) {
                break;
            }
            apply(ops.removeLast());
        }
        ops.add(new Op(s, p, false, t));
        return true;
    }

    private static int precedence(String op) {
        return switch (op) {
            case "," -> 1;
            case "?" -> 2;
            case "||" -> 3;
            case "&&" -> 4;
            case "|" -> 5;
            case "^" -> 6;
            case "&" -> 7;
            case "==", "!=" -> 8;
            case "<", ">", "<=", ">=" -> 9;
            case "<<", ">>" -> 10;
            case "+", "-" -> 11;
            case "*", "/", "%" -> 12;
            default -> 0;
        };
    }

    private void apply(Op op) {
        if (op.unary()) {
            Value a = values.removeLast();
            long v = switch (op.symbol()) {
                case "-" -> -a.v();
                case "~" -> ~a.v();
                case "!" -> a.v() == 0 ? 1 : 0;
                default -> a.v();
            };
            values.add(new Value(v, !op.symbol().equals("!") && a.unsigned(), a.error()));
            return;
        }
        if (op.symbol().equals("?:")) {
            Value no = values.removeLast();
            Value yes = values.removeLast();
            Value cond = values.removeLast();
            boolean unsigned = yes.unsigned() || no.unsigned();
            Value chosen = cond.error() != null ? cond : cond.isTrue() ? yes : no;
            values.add(new Value(chosen.v(), unsigned, chosen.error()));
            return;
        }
        Value b = values.removeLast();
        Value a = values.removeLast();
        values.add(binary(op, a, b));
    }

    private Value binary(Op op, Value a, Value b) {
        switch (op.symbol()) {
            case "&&" -> {
                return a.error() != null ? a : !a.isTrue() ? Value.of(0, false) : new Value(b.isTrue() ? 1 : 0, false,
                        b.error());
            }
            case "||" -> {
                return a.error() != null ? a : a.isTrue() ? Value.of(1, false) : new Value(b.isTrue() ? 1 : 0, false,
                        b.error());
            }
            case "," -> {
                return new Value(b.v(), b.unsigned(), a.error() != null ? a.error() : b.error());
            }
            default -> {
                // every other operator evaluates both operands
            }
        }
        ParseError error = a.error() != null ? a.error() : b.error();
        boolean u = a.unsigned() || b.unsigned();
        long x = a.v();
        long y = b.v();
        return switch (op.symbol()) {
            case "*" -> new Value(x * y, u, error);
            case "/", "%" -> {
                if (y == 0) {
                    yield new Value(0, u, error != null ? error : Errors.at(op.at(), "division by zero in #if"));
                }
                boolean div = op.symbol().equals("/");
                long r = u ? div ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y) : div ? x / y : x % y;
                yield new Value(r, u, error);
            }
            case "+" -> new Value(x + y, u, error);
            case "-" -> new Value(x - y, u, error);
            case "<<" -> new Value(shift(x, a.unsigned(), y, b.unsigned(), true), a.unsigned(), error);
            case ">>" -> new Value(shift(x, a.unsigned(), y, b.unsigned(), false), a.unsigned(), error);
            case "<" -> new Value(compare(x, y, u) < 0 ? 1 : 0, false, error);
            case ">" -> new Value(compare(x, y, u) > 0 ? 1 : 0, false, error);
            case "<=" -> new Value(compare(x, y, u) <= 0 ? 1 : 0, false, error);
            case ">=" -> new Value(compare(x, y, u) >= 0 ? 1 : 0, false, error);
            case "==" -> new Value(x == y ? 1 : 0, false, error);
            case "!=" -> new Value(x != y ? 1 : 0, false, error);
            case "&" -> new Value(x & y, u, error);
            case "^" -> new Value(x ^ y, u, error);
            default -> new Value(x | y, u, error);
        };
    }

    private static int compare(long x, long y, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(x, y) : Long.compare(x, y);
    }

    /** A shift as gcc computes it: a negative count shifts the other way, 64 or more shifts everything out. */
    private static long shift(long x, boolean unsigned, long count, boolean countUnsigned, boolean left) {
        if (!countUnsigned && count < 0) {
            left = !left;
            count = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
        }
        if (left) {
            return Long.compareUnsigned(count, 64) >= 0 ? 0 : x << count;
        }
        if (Long.compareUnsigned(count, 64) >= 0) {
            return unsigned || x >= 0 ? 0 : -1;
        }
        return unsigned ? x >>> count : x >> count;
    }

    /** An integer constant (C17 6.4.4.1) with gcc's extensions: binary {@code 0b}, and too-large means unsigned. */
    private static Value number(Token t) {
        String s = t.text();
        int end = s.length();
        while (end > 0 && "uUlL".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        String suffix = s.substring(end);
        String digits = s.substring(0, end);
        int radix = 10;
        int start = 0;
        if (digits.length() > 1 && digits.charAt(0) == '0' && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
            radix = 16;
            start = 2;
        } else if (digits.length() > 1 && digits.charAt(0) == '0'
                && (digits.charAt(1) == 'b' || digits.charAt(1) == 'B')) {
            radix = 2;
            start = 2;
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
        }
        boolean floating = radix != 16 && (digits.indexOf('.') >= 0 || digits.indexOf('e') >= 0
                || digits.indexOf('E') >= 0) || radix == 16 && (digits.indexOf('.') >= 0 || digits.indexOf('p') >= 0
                || digits.indexOf('P') >= 0);
        if (floating) {
            throw Errors.at(t, "floating constant in preprocessor expression: " + s);
        }
        if (!validSuffix(suffix) || start == digits.length()) {
            throw Errors.at(t, "invalid integer constant \"" + s + "\" in preprocessor expression");
        }
        long value = 0;
        for (int i = start; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                throw Errors.at(t, "invalid digit \"" + digits.charAt(i) + "\" in "
                        + (radix == 8 ? "octal" : radix == 2 ? "binary" : "integer") + " constant " + s);
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, radix)) > 0) {
                throw Errors.at(t, "integer constant " + s + " is too large for its type");
            }
            value = value * radix + d;
        }
        boolean unsigned = suffix.indexOf('u') >= 0 || suffix.indexOf('U') >= 0 || value < 0;
        return Value.of(value, unsigned);
    }

    private static boolean validSuffix(String suffix) {
        return switch (suffix) {
            case "", "u", "U", "l", "L", "ll", "LL", "ul", "uL", "Ul", "UL", "lu", "lU", "Lu", "LU", "ull", "uLL",
                 "Ull", "ULL", "llu", "llU", "LLu", "LLU" -> true;
            default -> false;
        };
    }
}
