/** Static-final downcall handles for hot libc functions, and a way to define such a handle for any function. */
module epsilon.foreign.inline {
    exports epsilon.foreign.inline;
}
