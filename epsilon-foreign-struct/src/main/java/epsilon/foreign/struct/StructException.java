package epsilon.foreign.struct;

/**
 * A struct used wrongly: an unknown field or path, a value of the wrong Java type for a field, an index past the
 * end of an array field, a segment too small for the struct, a definition C does not allow (duplicate field, a
 * bit-field wider than its type). The message names the struct, the field and the values involved.
 */
public final class StructException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the struct, the field and the values involved */
    public StructException(String message) {
        super(message);
    }

    /** @param message names the struct, the field and the values involved; {@code cause} is the JDK's report */
    public StructException(String message, Throwable cause) {
        super(message, cause);
    }
}
