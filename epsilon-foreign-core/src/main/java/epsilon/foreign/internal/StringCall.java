package epsilon.foreign.internal;

/**
 * The dynamic call of one function that takes text, generated for it ({@link StringCallGenerator}) once it has
 * been called with Strings: the argument checks, the string encoding into the thread's call frame and the downcall
 * in one straight-line method with the function's types and handle as constants.
 *
 * <p>A function of up to four parameters is called with its arguments one by one ({@code invoke1} to
 * {@code invoke4}, the one of its arity; the others decline), so that {@code ForeignFunction.invoke}'s argument
 * array stays in the caller, where the JIT can drop it, even where this call is compiled on its own and not inlined
 * (C2 does not inline a callee already compiled into a large method); more go in the array ({@code invokeN}).
 *
 * <p>Each method calls the function when every argument is what this path takes: each {@code char *} parameter a
 * String or a MemorySegment (not C's {@code NULL} where C declares it nonnull), and every other parameter its
 * carrier's box ({@code Long} for {@code long}). It returns the raw result, boxed ({@code null} for {@code void}),
 * or {@code BoundTrampoline.NOT_EXACT} without calling, leaving the arguments to the general path. It throws
 * {@link epsilon.foreign.marshalling.ConversionError} for a String with a NUL or a character its charset cannot
 * encode, naming the function and the parameter, and the linker's {@link IllegalStateException} when a segment
 * argument was closed.
 */
interface StringCall {

    /**
     * The call of a function of one parameter.
     *
     * @param a0 the argument
     * @return the raw result, or {@code NOT_EXACT}
     */
    Object invoke1(Object a0);

    /**
     * The call of a function of two parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @return the raw result, or {@code NOT_EXACT}
     */
    Object invoke2(Object a0, Object a1);

    /**
     * The call of a function of three parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @return the raw result, or {@code NOT_EXACT}
     */
    Object invoke3(Object a0, Object a1, Object a2);

    /**
     * The call of a function of four parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @param a3 the fourth
     * @return the raw result, or {@code NOT_EXACT}
     */
    Object invoke4(Object a0, Object a1, Object a2, Object a3);

    /**
     * The call of a function of five parameters or more.
     *
     * @param arguments the arguments as {@code invoke} received them
     * @return the raw result, or {@code NOT_EXACT}
     */
    Object invokeN(Object[] arguments);
}
