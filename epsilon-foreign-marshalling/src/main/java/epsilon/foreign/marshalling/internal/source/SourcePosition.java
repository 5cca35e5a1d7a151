package epsilon.foreign.marshalling.internal.source;

/**
 * Where a character of C text is: the source's name (a file path, or a label such as {@code <prototype>} for text
 * given as a string), and the 1-based line and column. Columns count UTF-16 code units, as editors do for ASCII.
 *
 * @param source the file path or label
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourcePosition(String source, int line, int column) {
    /** The position before any text: used for tokens the preprocessor makes up (predefined macros). */
    public static final SourcePosition BUILT_IN = new SourcePosition("<built-in>", 1, 1);

    /** {@code file.h:12:5}. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
