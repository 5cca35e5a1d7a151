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

    /**
     * Reports an access refused by this module's own checks.
     *
     * @param message names the struct, the field and what was wrong with the memory or the access
     */
    public StructAccessError(String message) {
        super(message, null);
    }

    /**
     * Reports an access that failed on another exception: a record whose constructor or accessor this module could
     * not call, or which threw.
     *
     * @param message names the struct, the field and what was wrong
     * @param cause   the JDK's refusal of the reflective call, or what the record's own code threw
     */
    public StructAccessError(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
