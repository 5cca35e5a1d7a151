/** C function pointers from Java lambdas, with a registry, lifecycle and crash safety. */
module epsilon.foreign.callback {
}
