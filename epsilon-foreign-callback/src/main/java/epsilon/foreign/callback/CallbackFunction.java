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
     * @return the result to give C, or {@code null} for a {@code void} callback (and for NULL, for a pointer). A
     *         result that would need memory to reach C (a {@code String} for {@code char *}, a Java array) is
     *         refused, as a failure of the callback: return a {@code MemorySegment} that stays valid after the
     *         callback returns
     * @throws Exception anything: it is caught before it reaches C, C gets the default result, and the failure is
     *                   routed as {@link CallbackFailures} describes
     */
    Object apply(Object[] arguments) throws Exception;
}
