package epsilon.foreign.struct;

/** Header text that {@link CHeader#parse(String)} cannot read, with the line and column where it went wrong. */
public final class DeclarationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * @param problem what was expected and what was found
     * @param line    1-based line
     * @param column  1-based column
     */
    public DeclarationException(String problem, int line, int column) {
        super(line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem. */
    public int column() {
        return column;
    }
}
