/** Per-signature compiled invokers for native calls, cached by call shape. */
module epsilon.foreign.trampoline {
    exports epsilon.foreign.trampoline;
}
