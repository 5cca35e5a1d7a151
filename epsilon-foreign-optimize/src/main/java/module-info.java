/** Compile-time bindings (annotation processor) and hyper-optimized common functions. */
module epsilon.foreign.optimize {
    requires epsilon.foreign;
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.inline;
}
