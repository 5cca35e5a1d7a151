/**
 * Compile-time bindings: an annotation processor that writes direct bindings for annotated interfaces, a runtime switch, and hyper-optimized common functions.
 */
package epsilon.foreign.optimize;
