package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The stack of open {@code #if} groups (C17 6.10.1): which group is live, whether a branch of each was taken, and
 * where each was opened, for the error when one never closes. Nesting is bounded by
 * {@link PreprocessorConfig.Limits#maxConditionalDepth()}.
 */
final class Conditionals {
    private static final class Group {
        final Token opened;
        final boolean parentLive;
        boolean taken;
        boolean live;
        boolean sawElse;

        Group(Token opened, boolean parentLive, boolean live) {
            this.opened = opened;
            this.parentLive = parentLive;
            this.live = live;
            this.taken = live || !parentLive;
        }
    }

    private final List<Group> stack = new ArrayList<>();
    private final int max;

    Conditionals(int max) {
        this.max = max;
    }

    int depth() {
        return stack.size();
    }

    /** Whether the text here is in a group that is skipped. */
    boolean skipping() {
        return !stack.isEmpty() && !stack.getLast().live;
    }

    /** Opens a group at {@code directive} (its name token); {@code value} matters only when the text is live. */
    void open(Token directive, boolean value) {
        if (stack.size() >= max) {
            throw Errors.at(directive, "#if nesting deeper than " + max + " (limit maxConditionalDepth)");
        }
        boolean parentLive = !skipping();
        stack.add(new Group(directive, parentLive, parentLive && value));
    }

    /** Whether an {@code #elif} here must be evaluated: its group's text is live and no branch was taken yet. */
    boolean elifNeedsValue(int base, Token directive) {
        Group g = top(base, directive);
        if (g.sawElse) {
            throw Errors.at(directive, "#" + directive.text() + " after #else");
        }
        return g.parentLive && !g.taken;
    }

    /** An {@code #elif} (or {@code #elifdef}, {@code #elifndef}) whose value, when it was needed, is {@code value}. */
    void elif(int base, Token directive, boolean value) {
        Group g = top(base, directive);
        g.live = g.parentLive && !g.taken && value;
        g.taken |= g.live;
    }

    void otherwise(int base, Token directive) {
        Group g = top(base, directive);
        if (g.sawElse) {
            throw Errors.at(directive, "#else after #else (the group opened at " + g.opened.position() + ")");
        }
        g.sawElse = true;
        g.live = g.parentLive && !g.taken;
        g.taken = true;
    }

    void close(int base, Token directive) {
        top(base, directive);
        stack.removeLast();
    }

    /** The innermost group opened at a depth above {@code base}, or null: what a file leaves open at its end. */
    Token unclosed(int base) {
        return stack.size() > base ? stack.getLast().opened : null;
    }

    private Group top(int base, Token directive) {
        if (stack.size() <= base) {
            throw Errors.at(directive, "#" + directive.text() + " without #if");
        }
        return stack.getLast();
    }
}
