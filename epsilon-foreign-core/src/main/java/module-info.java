/** The Epsilon Foreign facade: libraries, shared calls, resolved functions, allocation. */
module epsilon.foreign {
    requires epsilon.foreign.trampoline;
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.struct;
    requires epsilon.foreign.callback;
    requires epsilon.foreign.inline;
    requires epsilon.foreign.memorypool;
}
