package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attributes of one declaration that change what Java sees, collected from every place C lets them appear:
 * GNU {@code __attribute__((...))}, C23 {@code [[...]]}, Microsoft {@code __declspec(...)} and {@code _Alignas}.
 * Those that matter: {@code packed}, {@code aligned(n)}, {@code nonnull(i, ...)}, {@code deprecated("why")},
 * {@code mode(m)} (an integer of another width), {@code vector_size(n)}; every other attribute is read and
 * skipped, whatever its arguments.
 */
final class Attributes {
    /** {@code aligned} without a number: the largest alignment the ABI ever uses (GCC's {@code __BIGGEST_ALIGNMENT__}). */
    static final long BIGGEST_ALIGNMENT = 16;

    boolean packed;
    long aligned;
    boolean nonnullAll;
    final Set<Integer> nonnull = new TreeSet<>();
    String deprecated;
    String mode;
    long vectorSize;

    /** Whether the token at the cursor starts an attribute this class reads. */
    static boolean startsAttribute(TokenCursor cursor) {
        Token token = cursor.peek();
        if (token.isIdentifier()) {
            return switch (token.text()) {
                case "__attribute__", "__attribute", "__declspec", "_Alignas", "alignas" -> true;
                default -> false;
            };
        }
        return token.is("[") && cursor.peek(1).is("[");
    }

    /** Reads every attribute at the cursor into this set. */
    void readAll(TokenCursor cursor, ConstantEvaluator evaluator, Alignments alignments) {
        while (startsAttribute(cursor)) {
            Token keyword = cursor.next();
            switch (keyword.text()) {
                case "__attribute__", "__attribute" -> gnu(cursor, evaluator);
                case "__declspec" -> declspec(cursor, evaluator);
                case "_Alignas", "alignas" -> {
                    cursor.expect("(", "after " + keyword.text());
                    long value = alignments.alignas(keyword);
                    cursor.expect(")", "to close " + keyword.text());
                    aligned = Math.max(aligned, value);
                }
                default -> standard(cursor, evaluator);
            }
        }
    }

    /** How {@code _Alignas} reads its operand: a type name or a constant. */
    interface Alignments {
        long alignas(Token keyword);
    }

    private void gnu(TokenCursor cursor, ConstantEvaluator evaluator) {
        Token open = cursor.expect("(", "after __attribute__");
        cursor.expect("(", "after __attribute__(");
        while (!cursor.peek().is(")")) {
            if (cursor.accept(",")) {
                continue;
            }
            one(cursor, evaluator, cursor.next());
        }
        cursor.expect(")", "to close __attribute__((");
        if (!cursor.accept(")")) {
            throw cursor.expected("')' to close the __attribute__ opened at " + cursor.describe(open.position()),
                    cursor.peek());
        }
    }

    private void declspec(TokenCursor cursor, ConstantEvaluator evaluator) {
        cursor.expect("(", "after __declspec");
        while (!cursor.peek().is(")")) {
            Token name = cursor.next();
            if (name.is("align") && cursor.accept("(")) {
                aligned = Math.max(aligned, checkedAlignment(evaluator.integer("__declspec(align)"), name, cursor));
                cursor.expect(")", "after __declspec(align(n");
            } else if (name.is("deprecated")) {
                deprecated = cursor.peek().is("(") ? message(cursor) : "";
            } else if (cursor.peek().is("(")) {
                cursor.skipBalanced();
            } else if (name.kind() == TokenKind.END) {
                throw cursor.expected("')' to close __declspec", name);
            }
        }
        cursor.expect(")", "to close __declspec");
    }

    private void standard(TokenCursor cursor, ConstantEvaluator evaluator) {
        cursor.expect("[", "to open [[");
        while (!(cursor.peek().is("]") && cursor.peek(1).is("]"))) {
            if (cursor.accept(",")) {
                continue;
            }
            Token name = cursor.next();
            if (name.kind() == TokenKind.END) {
                throw cursor.expected("']]'", name);
            }
            if (cursor.peek().is(":") && cursor.peek(1).is(":")) { // gnu::packed
                cursor.next();
                cursor.next();
                name = cursor.next();
            }
            one(cursor, evaluator, name);
        }
        cursor.next();
        cursor.next();
    }

    /** One attribute of a list: its name has been read; its arguments, if any, are at the cursor. */
    private void one(TokenCursor cursor, ConstantEvaluator evaluator, Token name) {
        if (!name.isIdentifier()) {
            throw cursor.expected("an attribute name", name);
        }
        String bare = name.text();
        if (bare.startsWith("__") && bare.endsWith("__") && bare.length() > 4) {
            bare = bare.substring(2, bare.length() - 2);
        }
        boolean hasArguments = cursor.peek().is("(");
        switch (bare) {
            case "packed" -> {
                packed = true;
                skipArguments(cursor, hasArguments);
            }
            case "aligned" -> {
                if (hasArguments) {
                    cursor.next();
                    aligned = Math.max(aligned, checkedAlignment(evaluator.integer("an alignment"), name, cursor));
                    cursor.expect(")", "after the alignment");
                } else {
                    aligned = Math.max(aligned, BIGGEST_ALIGNMENT);
                }
            }
            case "nonnull" -> {
                if (hasArguments && !cursor.peek(1).is(")")) {
                    cursor.next();
                    do {
                        Token at = cursor.peek();
                        long index = evaluator.integer("a nonnull parameter index");
                        if (index < 1 || index > Integer.MAX_VALUE) {
                            throw cursor.error(at, "nonnull parameter index " + index + " is not a parameter");
                        }
                        nonnull.add((int) index);
                    } while (cursor.accept(","));
                    cursor.expect(")", "after the nonnull parameter indexes");
                } else {
                    nonnullAll = true;
                    skipArguments(cursor, hasArguments);
                }
            }
            case "deprecated", "unavailable" -> deprecated = hasArguments ? message(cursor) : "";
            case "mode" -> {
                cursor.expect("(", "after mode");
                Token mode = cursor.next();
                if (!mode.isIdentifier()) {
                    throw cursor.expected("a machine mode such as __word__", mode);
                }
                this.mode = mode.text().replace("__", "");
                cursor.expect(")", "after the machine mode");
            }
            case "vector_size" -> {
                cursor.expect("(", "after vector_size");
                vectorSize = evaluator.integer("a vector size");
                cursor.expect(")", "after the vector size");
            }
            default -> skipArguments(cursor, hasArguments);
        }
    }

    private static void skipArguments(TokenCursor cursor, boolean hasArguments) {
        if (hasArguments) {
            cursor.skipBalanced();
        }
    }

    private static String message(TokenCursor cursor) {
        cursor.expect("(", "before the message");
        String text = cursor.peek().kind() == TokenKind.STRING ? Literals.concatenatedString(cursor) : "";
        while (!cursor.peek().is(")")) {
            if (cursor.atEnd()) {
                throw cursor.expected("')'", cursor.peek());
            }
            cursor.next();
        }
        cursor.next();
        return text;
    }

    private static long checkedAlignment(long value, Token at, TokenCursor cursor) {
        if (value <= 0 || Long.bitCount(value) != 1) {
            throw cursor.error(at, "requested alignment " + value + " is not a positive power of two");
        }
        return value;
    }

    /** Adds another set's attributes to this one. */
    void merge(Attributes other) {
        packed |= other.packed;
        aligned = Math.max(aligned, other.aligned);
        nonnullAll |= other.nonnullAll;
        nonnull.addAll(other.nonnull);
        if (other.deprecated != null) {
            deprecated = other.deprecated;
        }
        if (other.mode != null) {
            mode = other.mode;
        }
        if (other.vectorSize != 0) {
            vectorSize = other.vectorSize;
        }
    }
}
