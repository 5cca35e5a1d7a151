/**
 * Compile-time bindings (annotation processor) and hyper-optimized common functions. It will build on
 * {@code epsilon.foreign} (core) and requires it, by the design's load order, once it has code that uses it.
 */
module epsilon.foreign.optimize {
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.inline;

    exports epsilon.foreign.optimize;
}
