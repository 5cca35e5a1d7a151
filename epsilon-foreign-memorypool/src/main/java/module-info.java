/** Size-class pooling of native memory segments. */
module epsilon.foreign.memorypool {
    exports epsilon.foreign.memorypool;
}
