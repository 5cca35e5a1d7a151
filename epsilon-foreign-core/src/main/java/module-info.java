/**
 * The Epsilon Foreign facade: libraries, shared calls, resolved functions, allocation.
 *
 * <p>Public signatures use the marshalling module's {@code CType} and {@code ForeignError}: since no module
 * here {@code requires transitive}, a user module requires both {@code epsilon.foreign} and
 * {@code epsilon.foreign.marshalling}.
 */
module epsilon.foreign {
    requires epsilon.foreign.trampoline;
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.struct;
    requires epsilon.foreign.callback;
    requires epsilon.foreign.inline;
    requires epsilon.foreign.memorypool;
    exports epsilon.foreign;
}
