/**
 * Zero-copy typed views of C structs and unions in native memory, precompiled field accessors and bit-fields, over
 * the struct types of the marshalling module (its {@code StructType}, built with a builder or read from a header).
 */
module epsilon.foreign.struct {
    requires epsilon.foreign.marshalling;
    exports epsilon.foreign.struct;
}
