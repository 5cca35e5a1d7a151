package epsilon.foreign.marshalling;

/**
 * C text that could not be read: a type name, a prototype, a declaration or a header, or a preprocessor directive
 * in one. The message says what was expected, what was found and where: a header's starts with the position
 * ({@code zlib.h:212:17: }, or {@code <text>:3:5: } for header text given as a string); a prototype's or type name's
 * gives it after the problem and quotes the text ({@code ... at 1:28 in "size_t strlen(const char *s"}), except for
 * a character C does not allow, which starts {@code <prototype>:1:5: } or {@code <type>:1:5: }. The same facts are
 * available as values.
 *
 * {@snippet :
 * try {
 *     CPrototype.parse("size_t strlen(const char *s");
 * } catch (ParseError e) {
 *     e.line();    // 1
 *     e.column();  // 28, where the text ends and ')' was expected
 * }
 * }
 */
public final class ParseError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** The file that failed to parse, or a label for text given as a string. */
    private final String source;
    /** The 1-based line of the failure. */
    private final int line;
    /** The 1-based column of the failure. */
    private final int column;

    /**
     * Reports C text that could not be read, at a position.
     *
     * @param message what was expected and what was found, starting with the position
     * @param source  the file that failed to parse, or a label such as {@code <prototype>}, {@code <type>} or
     *                {@code <text>} for text given as a string
     * @param line    the 1-based line of the failure
     * @param column  the 1-based column of the failure
     */
    public ParseError(String message, String source, int line, int column) {
        super(message, null);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** {@return the file that failed to parse, or a label such as {@code <prototype>} for text given as a string} */
    public String source() {
        return source;
    }

    /** {@return the 1-based line where parsing failed} */
    public int line() {
        return line;
    }

    /** {@return the 1-based column where parsing failed} */
    public int column() {
        return column;
    }
}
