package epsilon.foreign.callback;

/**
 * The fully dynamic shape of a callback: the converted arguments in, the result out. Each call boxes its arguments
 * into a fresh array; for hot callbacks (a {@code qsort} comparator) use a typed functional interface with
 * {@link Callbacks#of(Class, Object, CallbackSignature, CallbackOption...)} instead.
 *
 * <p>Arguments arrive as the signature's {@link CallbackType#javaType() Java types} ({@code Integer} for
 * {@code int}, {@code MemorySegment} for pointers, {@code String} for {@link CallbackType#string() strings}, the
 * enum constant for {@link CallbackType#enumOf enums}); the result must be of the result's Java type (or
 * {@code null} for {@code void}).
 */
@FunctionalInterface
public interface CallbackFunction {
    /**
     * Runs the callback. Anything it throws is caught before it reaches C; see {@link CallbackFailures}.
     *
     * @param arguments one element per C parameter, already converted
     * @return the result to give C, or {@code null} for a {@code void} callback
     */
    Object apply(Object[] arguments) throws Exception;
}
