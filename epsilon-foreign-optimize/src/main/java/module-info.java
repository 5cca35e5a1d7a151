/**
 * Compile-time bindings (annotation processor) and hyper-optimized common functions. The processor runs inside
 * javac and reads C through marshalling's front end; generated bindings call core and the exported support package
 * at run time.
 */
module epsilon.foreign.optimize {
    requires epsilon.foreign;
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.struct;
    requires epsilon.foreign.callback;
    requires epsilon.foreign.inline;
    requires java.compiler;

    exports epsilon.foreign.optimize;
    exports epsilon.foreign.optimize.support;

    provides javax.annotation.processing.Processor
            with epsilon.foreign.optimize.internal.processor.BindingProcessor;
}
