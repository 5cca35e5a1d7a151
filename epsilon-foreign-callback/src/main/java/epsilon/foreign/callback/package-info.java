/**
 * C function pointers made from Java code (upcall stubs), registered with a lifecycle, converting their
 * arguments, and never letting anything thrown in Java reach C, a stack overflow or an out-of-memory error
 * included: C gets the callback's default result. {@link CallbackFailures} says where the failure goes, and
 * what no callback can protect against (C calling a freed pointer, C that {@code longjmp}s over Java frames).
 *
 * <table class="striped">
 * <caption>Lisp Epsilon to Java</caption>
 * <tr><th>Lisp</th><th>Java</th></tr>
 * <tr><td>{@code make-callback}</td><td>{@link Callbacks#of Callbacks.of} (typed) and
 *     {@link Callbacks#create Callbacks.create} (dynamic)</td></tr>
 * <tr><td>{@code with-callback}</td><td>{@link Callbacks#withCallback Callbacks.withCallback}</td></tr>
 * <tr><td>{@code defcallback}, {@code register-callback}</td><td>{@link Callbacks#register Callbacks.register},
 *     {@link CallbackOption#name CallbackOption.name}</td></tr>
 * <tr><td>{@code callback-pointer}</td><td>{@link Callback#pointer()}</td></tr>
 * <tr><td>{@code get-callback}, {@code list-callbacks}, {@code unregister-callback}</td>
 *     <td>{@link CallbackRegistry}, from {@link Callbacks#registry()}</td></tr>
 * <tr><td>{@code with-callback-scope}</td><td>{@link CallbackScope}, {@link Callbacks#withCallbackScope}</td></tr>
 * <tr><td>{@code call-callback}</td><td>{@link Callbacks#call Callbacks.call}, {@link Callback#call}</td></tr>
 * </table>
 *
 * <p>Unlike the Lisp original, callbacks are freed: by {@link Callback#close()}, by their scope, or at the end of
 * {@code withCallback}. Exceptions thrown by callbacks are routed as {@link CallbackFailures} describes.
 *
 * <p>A method of this package given {@code null} where its documentation does not say what {@code null} means
 * throws {@link java.lang.NullPointerException}.
 *
 * <p>Making a stub and reading C strings are restricted operations: on the module path run with
 * {@code --enable-native-access=epsilon.foreign.callback} (on the class path, {@code ALL-UNNAMED}).
 * Depends on the marshalling module (the C types, prototypes and conversion rules) and the SLF4J 2 API; which
 * SLF4J provider prints the log is the application's choice (with none, SLF4J discards it).
 *
 * <p>System properties: {@code epsilon.callback.stackReserve} (bytes of stack a nested callback must find free,
 * default 32768, 0 for no check; see {@link CallbackFailures}); {@code epsilon.callback.guard=plain} runs every
 * callback through a plain Java guard over boxed arguments instead of the guard generated for its C signature;
 * {@code epsilon.callback.dump=DIR} writes the generated guard classes there, and
 * {@code epsilon.callback.verify=true} verifies each before it is defined.
 */
package epsilon.foreign.callback;
