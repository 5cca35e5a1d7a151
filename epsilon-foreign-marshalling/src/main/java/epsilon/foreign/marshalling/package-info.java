/**
 * The C type vocabulary ({@code CType}), the C prototype parser, conversion of Java values to and from native memory, enums with keyword mappings, array and string helpers, and the {@link epsilon.foreign.marshalling.ForeignError} hierarchy that every failure is reported through.
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.marshalling;
