/** The C type vocabulary, C prototype parsing, Java value to native memory conversion, enums, and the ForeignError hierarchy. */
module epsilon.foreign.marshalling {
    exports epsilon.foreign.marshalling;
}
