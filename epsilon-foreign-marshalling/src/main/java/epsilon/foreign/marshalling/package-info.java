/**
 * The C type vocabulary, C prototypes, conversions between Java and C values, and the errors every Epsilon
 * Foreign module reports.
 *
 * <ul>
 * <li>{@link epsilon.foreign.marshalling.CType}: C types, their layouts from the linker's canonical layouts, their
 *     carriers and Java types; parsed from C spellings, Lisp keywords or constant names. Its implementations are
 *     {@link epsilon.foreign.marshalling.ScalarType}, {@link epsilon.foreign.marshalling.PointerType},
 *     {@link epsilon.foreign.marshalling.StringType}, {@link epsilon.foreign.marshalling.ArrayType},
 *     {@link epsilon.foreign.marshalling.EnumType}, {@link epsilon.foreign.marshalling.StructType} and
 *     {@link epsilon.foreign.marshalling.FunctionPointerType}.</li>
 * <li>{@link epsilon.foreign.marshalling.CPrototype} and {@link epsilon.foreign.marshalling.CParameter}: function
 *     signatures parsed from C declarations; {@link epsilon.foreign.marshalling.KnownPrototypes}: over 300 libc
 *     and libm prototypes by name.</li>
 * <li>{@link epsilon.foreign.marshalling.Marshal}: checked conversion to and from downcall carriers and memory.</li>
 * <li>{@link epsilon.foreign.marshalling.CEnum}: keyword/value enumerations.</li>
 * <li>{@link epsilon.foreign.marshalling.NativeStrings}, {@link epsilon.foreign.marshalling.NativeArrays},
 *     {@link epsilon.foreign.marshalling.OutputArray}: strings in any charset, {@code char **}, arrays C fills.</li>
 * <li>{@link epsilon.foreign.marshalling.ForeignError} and its subclasses.</li>
 * </ul>
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.marshalling;
