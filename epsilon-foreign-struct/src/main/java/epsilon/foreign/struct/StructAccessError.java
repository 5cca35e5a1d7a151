package epsilon.foreign.struct;

import epsilon.foreign.marshalling.ForeignError;

/**
 * A struct view or accessor used on memory it cannot use: a {@code NULL} or too-small segment, a read-only segment
 * written to, a typed accessor of the wrong kind ({@code getLong} on a {@code double} field), a pointer field
 * followed to a type it does not know. The message names the struct, the field and the sizes involved. Values that
 * do not fit a field are the marshalling module's {@code ConversionError} and {@code ArgumentTypeError}, the same a
 * call would throw; unknown paths its {@code FieldPathError}.
 */
public final class StructAccessError extends ForeignError {
    private static final long serialVersionUID = 1L;

    /** @param message names the struct, the field and what was wrong with the memory or the access */
    public StructAccessError(String message) {
        super(message, null);
    }

    /**
     * @param message names the struct, the field and what was wrong
     * @param cause   the JDK's refusal behind it
     */
    public StructAccessError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
