/**
 * The Epsilon Foreign facade: libraries, shared calls, resolved functions, bound interfaces, allocation.
 *
 * <p>Public signatures use the marshalling module's {@code CType}, {@code CPrototype} and {@code ForeignError}:
 * since no module here {@code requires transitive}, a user module requires both {@code epsilon.foreign} and
 * {@code epsilon.foreign.marshalling}. Structs by value come back as the struct module's views, and callbacks are
 * the callback module's; a user module that uses them requires those modules as well.
 */
module epsilon.foreign {
    requires epsilon.foreign.trampoline;
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.struct;
    requires epsilon.foreign.callback;
    exports epsilon.foreign;
}
