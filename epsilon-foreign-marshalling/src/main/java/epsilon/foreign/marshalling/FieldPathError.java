package epsilon.foreign.marshalling;

/**
 * A path into a struct that does not lead to a field: an unknown field name ({@code "tm_secs"}), an index past
 * the end of an array ({@code "grid[5][0]"}), a {@code .} after a scalar, or a malformed path. The message names the
 * struct, the path and what it has instead.
 */
public final class FieldPathError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a path that leads to no field.
     *
     * @param message names the struct, the path and the fields or bounds it has
     */
    public FieldPathError(String message) {
        super(message, null);
    }
}
