package epsilon.foreign.callback;

import epsilon.foreign.marshalling.CPrototype;

/**
 * The fully dynamic shape of a callback: the converted arguments in, the result out. Each call boxes its arguments
 * into a fresh array; for hot callbacks (a {@code qsort} comparator) use a typed functional interface with
 * {@link Callbacks#of(Class, Object, CPrototype, CallbackOption...)} instead.
 *
 * <p>Arguments arrive as the C types' Java types ({@link epsilon.foreign.marshalling.CType#javaType()}), the same
 * a call returns and a struct field reads: {@code Integer} for {@code int}, {@code Long} for {@code unsigned int},
 * {@code MemorySegment} for pointers, {@code String} for {@code char *}, the keyword (or Java enum constant) for an
 * enum. The result is converted to C as a call argument would be, with the same checks (or {@code null} for
 * {@code void}).
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
