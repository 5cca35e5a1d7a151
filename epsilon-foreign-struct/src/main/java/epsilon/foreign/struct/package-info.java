/**
 * Views of C structs in memory: {@link epsilon.foreign.struct.StructView} (get and set by field or path, follow
 * pointers, maps, records, bytes, {@code #<struct ...>}) and {@link epsilon.foreign.struct.StructField} (an accessor
 * compiled once, as fast as a raw {@code VarHandle}). The struct types themselves, their layouts and header parsing
 * are the marshalling module's ({@code StructType}, {@code CHeader}), so a struct means the same in a call, a view
 * and a callback.
 *
 * <p>Depends on {@code epsilon.foreign.marshalling} only.
 */
package epsilon.foreign.struct;
