/**
 * Compiled invokers for native calls, one per call shape (a {@link java.lang.foreign.FunctionDescriptor} plus linker options), shared by every function of that shape and cached with hit and miss statistics.
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.trampoline;
