/**
 * The C preprocessor of the library's C front end (internal, not exported): {@link
 * epsilon.foreign.marshalling.internal.pp.Preprocessor} turns a file or text, with the headers it includes, into
 * the expanded tokens and final macro table of a {@link epsilon.foreign.marshalling.internal.pp.PreprocessedUnit},
 * which the declaration parser reads; {@link epsilon.foreign.marshalling.internal.pp.ExternalPreprocessor} gives
 * the same from an installed {@code cpp}. {@link epsilon.foreign.marshalling.internal.pp.PlatformMacros} describes
 * the running platform as a GCC-compatible compiler would, and the built-in freestanding headers ({@code stddef.h},
 * {@code limits.h}, ...) are resources of this package.
 *
 * <p>Pure Java on java.base. Every failure is a {@link epsilon.foreign.marshalling.ParseError} whose message starts
 * with the position; hostile input meets the limits of
 * {@link epsilon.foreign.marshalling.internal.pp.PreprocessorConfig.Limits} rather than the stack or the heap.
 */
package epsilon.foreign.marshalling.internal.pp;
