/**
 * The one C front end of Epsilon Foreign: the C type vocabulary ({@link epsilon.foreign.marshalling.CType}), the
 * preprocessor and parser behind {@link epsilon.foreign.marshalling.CPrototype} and
 * {@link epsilon.foreign.marshalling.CHeader}, struct layouts ({@link epsilon.foreign.marshalling.StructType}), a
 * database of known libc prototypes, the conversions of Java values to and from C
 * ({@link epsilon.foreign.marshalling.Marshal}), enums, string and array helpers, and the
 * {@link epsilon.foreign.marshalling.ForeignError} hierarchy.
 *
 * <p>Reading a C string, array or struct from an address C returned needs
 * {@link java.lang.foreign.MemorySegment#reinterpret(long)}, a restricted method: on the module path run with
 * {@code --enable-native-access=epsilon.foreign.marshalling} (on the class path, {@code ALL-UNNAMED}).
 *
 * <p>The struct, callback and core modules convert values through the package {@code internal.convert}, exported to
 * them alone, so that a value is accepted or refused alike in a call, a struct field and a callback.
 */
module epsilon.foreign.marshalling {
    exports epsilon.foreign.marshalling;
    exports epsilon.foreign.marshalling.internal.convert to epsilon.foreign.struct, epsilon.foreign.callback,
            epsilon.foreign, epsilon.foreign.optimize, epsilon.foreign.batch;
}
