/**
 * C function pointers made from Java lambdas (upcall stubs), kept in a registry with a lifecycle, converting
 * their arguments, and never letting an exception thrown by Java code kill the JVM.
 */
module epsilon.foreign.callback {
    exports epsilon.foreign.callback;
}
