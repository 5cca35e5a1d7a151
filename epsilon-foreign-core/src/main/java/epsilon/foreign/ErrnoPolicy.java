package epsilon.foreign;

/** What a call with {@link CallOption#errno(ErrnoPolicy)} does with the {@code errno} it captured. */
public enum ErrnoPolicy {
    /**
     * Throw {@link epsilon.foreign.marshalling.ErrnoError} (errno value and {@code strerror} text) when the
     * function returns C's failure value: -1 for a signed integer return, {@code NULL} for a pointer or string
     * return. C functions do not clear {@code errno} on success, so only the failure value says it is meaningful;
     * a function with any other return type is refused at declaration: use {@link #RETURN}.
     */
    THROW,
    /** Return an {@link ErrnoResult}: the converted value with the {@code errno} captured after the call. */
    RETURN
}
