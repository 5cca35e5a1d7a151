/** Size-class pooling of native memory segments. */
module epsilon.foreign.memorypool {
    requires org.slf4j;
    exports epsilon.foreign.memorypool;
}
