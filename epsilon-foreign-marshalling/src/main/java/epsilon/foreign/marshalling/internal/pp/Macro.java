package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;
import epsilon.foreign.marshalling.internal.source.Token;

import java.util.List;

/**
 * One macro definition as {@code #define} made it.
 *
 * @param name        the macro's name
 * @param parameters  the parameter names of a function-like macro, in order, or null for an object-like one; a
 *                    variadic macro's last parameter is its variable one: {@code __VA_ARGS__} for {@code ...},
 *                    or the name given in {@code args...}
 * @param variadic    whether the last parameter takes the variable arguments
 * @param replacement the replacement list as written (a token's {@link Token#spaceBefore()} tells where white
 *                    space was; the first token's is not significant)
 * @param position    where the name was written ({@link SourcePosition#BUILT_IN} for predefined macros,
 *                    {@code <command-line>} for user definitions)
 * @param builtIn     whether it is one of the predefined macros of the platform profile
 */
public record Macro(String name, List<String> parameters, boolean variadic, List<Token> replacement,
        SourcePosition position, boolean builtIn) {
    /** Copies the lists, so that a macro stays immutable. */
    public Macro {
        parameters = parameters == null ? null : List.copyOf(parameters);
        replacement = List.copyOf(replacement);
    }

    /** Whether the macro takes arguments ({@code #define f(x)}, also {@code #define f()}). */
    public boolean functionLike() {
        return parameters != null;
    }

    /**
     * The replacement list as text, tokens separated by one space where there was white space: how
     * {@code cpp -dM} prints it, and what the parser reads a constant macro from.
     */
    public String replacementText() {
        StringBuilder b = new StringBuilder();
        for (Token t : replacement) {
            if (!b.isEmpty() && t.spaceBefore()) {
                b.append(' ');
            }
            b.append(t.text());
        }
        return b.toString();
    }

    /** What follows {@code #define }: {@code NAME VALUE} or {@code f(a, b) a + b}. */
    public String definition() {
        StringBuilder b = new StringBuilder(name);
        if (parameters != null) {
            b.append('(');
            for (int i = 0; i < parameters.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                String p = parameters.get(i);
                boolean last = i == parameters.size() - 1;
                b.append(variadic && last ? p.equals("__VA_ARGS__") ? "..." : p + "..." : p);
            }
            b.append(')');
        }
        String text = replacementText();
        return text.isEmpty() ? b.toString() : b.append(' ').append(text).toString();
    }

    /**
     * Whether {@code other} is the same definition in the sense of C17 6.10.3p2 (same kind, parameters, and
     * replacement spelling, with white space between the same tokens, however much): redefining a macro so is
     * allowed silently.
     */
    public boolean sameDefinitionAs(Macro other) {
        if (variadic != other.variadic || !java.util.Objects.equals(parameters, other.parameters)
                || replacement.size() != other.replacement.size()) {
            return false;
        }
        for (int i = 0; i < replacement.size(); i++) {
            Token a = replacement.get(i);
            Token b = other.replacement.get(i);
            if (!a.text().equals(b.text()) || i > 0 && a.spaceBefore() != b.spaceBefore()) {
                return false;
            }
        }
        return true;
    }
}
