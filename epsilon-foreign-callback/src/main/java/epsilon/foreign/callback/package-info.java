/**
 * C function pointers made from Java lambdas (upcall stubs), registered with a lifecycle, converting their arguments, and never letting an exception kill the JVM.
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.callback;
