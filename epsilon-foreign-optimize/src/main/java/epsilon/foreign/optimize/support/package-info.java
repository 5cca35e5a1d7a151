/**
 * What generated bindings call at run time: the per-thread call frame ({@link
 * epsilon.foreign.optimize.support.BindingFrame}), the library they are bound to ({@link
 * epsilon.foreign.optimize.support.BoundLibrary}) and the conversions and checks that are more than a cast ({@link
 * epsilon.foreign.optimize.support.Conversions}). Exported for the generated code in users' packages, not as an API
 * to call by hand: it changes with the processor.
 */
package epsilon.foreign.optimize.support;
