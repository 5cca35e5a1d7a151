/** C struct and union layout, zero-copy typed views, bit-fields, and header declaration parsing. */
module epsilon.foreign.struct {
    exports epsilon.foreign.struct;
}
