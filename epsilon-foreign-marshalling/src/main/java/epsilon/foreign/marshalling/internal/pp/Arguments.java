package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The arguments of one function-like macro invocation: as written (for {@code #} and {@code ##}) and, computed
 * once on first use, fully macro-expanded (for every other use, C17 6.10.3.1).
 */
final class Arguments {
    private final List<List<ExpToken>> raw;
    private final List<List<ExpToken>> expanded;
    private final ExpToken close;
    private final Function<List<ExpToken>, List<ExpToken>> expander;
    private final boolean variableAbsent;

    private Arguments(List<List<ExpToken>> raw, ExpToken close, Function<List<ExpToken>, List<ExpToken>> expander,
            boolean variableAbsent) {
        this.variableAbsent = variableAbsent;
        this.raw = raw;
        this.close = close;
        this.expander = expander;
        this.expanded = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            expanded.add(null);
        }
    }

    /**
     * Checks the count of {@code collected} against {@code macro}'s parameters (a missing variable argument is
     * allowed, as gcc allows it) and makes the arguments.
     */
    static Arguments of(Macro macro, Token use, List<List<ExpToken>> collected, ExpToken close,
            Function<List<ExpToken>, List<ExpToken>> expander) {
        int wanted = macro.parameters().size();
        int given = collected.size();
        if (wanted == 0) {
            if (given == 1 && collected.getFirst().isEmpty()) {
                return new Arguments(new ArrayList<>(), close, expander, false);
            }
            throw Errors.at(use, "macro \"" + macro.name() + "\" passed " + given + " arguments, but takes just 0");
        }
        // gcc counts the variable argument as absent when no comma introduced it, or when it is the only
        // parameter and nothing was written between the parentheses
        boolean absent = macro.variadic() && (given == wanted - 1
                || wanted == 1 && given == 1 && collected.getFirst().isEmpty());
        if (macro.variadic() && given == wanted - 1) {
            collected.add(new ArrayList<>());
            given++;
        }
        if (given < wanted) {
            throw Errors.at(use, "macro \"" + macro.name() + "\" requires " + (macro.variadic() ? "at least " : "")
                    + (macro.variadic() ? wanted - 1 : wanted) + " arguments, but only " + given + " given");
        }
        if (given > wanted) {
            throw Errors.at(use, "macro \"" + macro.name() + "\" passed " + given + " arguments, but takes just "
                    + wanted);
        }
        return new Arguments(collected, close, expander, absent);
    }

    /** Whether a variadic macro's variable argument was left out, which is when GNU {@code , ##} drops the comma. */
    boolean variableAbsent() {
        return variableAbsent;
    }

    /** The closing parenthesis: its hide set bounds the expansion's (Prosser's algorithm). */
    ExpToken close() {
        return close;
    }

    List<ExpToken> raw(int index) {
        return raw.get(index);
    }

    List<ExpToken> expanded(int index) {
        List<ExpToken> e = expanded.get(index);
        if (e == null) {
            e = expander.apply(raw.get(index));
            expanded.set(index, e);
        }
        return e;
    }
}
