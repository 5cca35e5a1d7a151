/**
 * C struct and union layouts with the platform ABI rules (alignment, padding, packing, bit-fields), zero-copy typed views over native memory, and parsing of {@code struct}, {@code union} and {@code typedef} declarations from header text.
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.struct;
