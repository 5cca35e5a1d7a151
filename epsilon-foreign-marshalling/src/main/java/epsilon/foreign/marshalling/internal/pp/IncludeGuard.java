package epsilon.foreign.marshalling.internal.pp;

/**
 * Watches one file for the include-guard shape, {@code #ifndef G} (or {@code #if !defined G}) first, the matching
 * {@code #endif} last, nothing but white space and comments outside: such a file need not be read again while
 * {@code G} is defined, which is what makes glibc's many repeated includes cheap (gcc's multiple-include
 * optimization).
 */
final class IncludeGuard {
    private enum State { START, INSIDE, AFTER, NONE }

    private State state = State.START;
    private String macro;
    private int depth;

    /** A token outside any directive. */
    void token() {
        if (state != State.INSIDE) {
            state = State.NONE;
        }
    }

    /**
     * A directive.
     *
     * @param name        its name
     * @param depthBefore the conditional depth before it took effect
     * @param guardMacro  for {@code #ifndef G} or {@code #if !defined G}, {@code G}; else null
     */
    void directive(String name, int depthBefore, String guardMacro) {
        switch (state) {
            case START -> {
                if (guardMacro != null) {
                    state = State.INSIDE;
                    macro = guardMacro;
                    depth = depthBefore + 1;
                } else {
                    state = State.NONE;
                }
            }
            case INSIDE -> {
                if (depthBefore == depth) {
                    state = name.equals("endif") ? State.AFTER
                            : name.startsWith("el") ? State.NONE : State.INSIDE;
                }
            }
            case AFTER -> state = State.NONE;
            case NONE -> {
                // stays not a guarded file
            }
        }
    }

    /** At the file's end: the guard macro when the whole file was the guarded group, else null. */
    String guardMacro() {
        return state == State.AFTER ? macro : null;
    }
}
