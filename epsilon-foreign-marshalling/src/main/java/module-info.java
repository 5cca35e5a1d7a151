/**
 * The C type vocabulary ({@link epsilon.foreign.marshalling.CType}), the C prototype parser
 * ({@link epsilon.foreign.marshalling.CPrototype}) and a database of known libc prototypes, conversion of Java
 * values to and from native memory ({@link epsilon.foreign.marshalling.Marshal}), enums with keyword mappings,
 * string and array helpers, and the {@link epsilon.foreign.marshalling.ForeignError} hierarchy.
 *
 * <p>Reading a C string or array from a pointer C returned needs
 * {@link java.lang.foreign.MemorySegment#reinterpret(long)}, a restricted method: on the module path run with
 * {@code --enable-native-access=epsilon.foreign.marshalling} (on the class path, {@code ALL-UNNAMED}).
 */
module epsilon.foreign.marshalling {
    exports epsilon.foreign.marshalling;
}
