package epsilon.foreign;

/**
 * A result with the {@code errno} captured right after the call ({@link ErrnoPolicy#RETURN}). C leaves
 * {@code errno} unchanged on success, so it means something only when {@code value} says the call failed.
 *
 * @param value the function's result as its Java type ({@code null} for void)
 * @param errno the value of {@code errno} right after the call
 */
public record ErrnoResult(Object value, int errno) {}
