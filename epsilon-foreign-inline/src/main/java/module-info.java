/** Static-final downcall handles for hot libc functions. */
module epsilon.foreign.inline {
}
