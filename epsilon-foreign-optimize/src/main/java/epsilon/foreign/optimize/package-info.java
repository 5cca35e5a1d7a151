/**
 * Compile-time bindings: {@link epsilon.foreign.optimize.NativeLibrary} on an interface asks this module's
 * annotation processor to write its binding as Java source ({@code <Interface>Native}), and
 * {@link epsilon.foreign.optimize.Optimize} switches generated bindings to the dynamic path at run time.
 * Hyper-optimized common functions live here too.
 */
package epsilon.foreign.optimize;
