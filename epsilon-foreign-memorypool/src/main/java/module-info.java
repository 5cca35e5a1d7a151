/** Size-class pooling of native memory segments. */
module epsilon.foreign.memorypool {
}
