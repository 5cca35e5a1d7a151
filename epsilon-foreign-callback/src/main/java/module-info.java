/**
 * C function pointers made from Java lambdas (upcall stubs), kept in a registry with a lifecycle, converting
 * their arguments with the marshalling module's rules, and never letting an exception thrown by Java code kill the
 * JVM. Signatures are the marshalling module's C prototypes, so a callback can be checked against the
 * function-pointer parameter it is passed to.
 */
module epsilon.foreign.callback {
    requires epsilon.foreign.marshalling;
    requires org.slf4j;
    exports epsilon.foreign.callback;
}
