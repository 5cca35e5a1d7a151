package epsilon.foreign.marshalling;

/** C text (a type name, a prototype, a declaration) that could not be parsed; the message shows where. */
public final class ParseError extends ForeignError {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final int position;

    /**
     * @param message  what was expected and what was found, with the position
     * @param text     the whole text that was being parsed
     * @param position the zero-based character offset where parsing failed
     */
    public ParseError(String message, String text, int position) {
        super(message, null);
        this.text = text;
        this.position = position;
    }

    /** The text that failed to parse. */
    public String text() {
        return text;
    }

    /** The zero-based character offset in {@link #text()} where parsing failed. */
    public int position() {
        return position;
    }
}
