/** Many native calls grouped: resolved once, marshalled into one arena, executed in one loop. */
module epsilon.foreign.batch {
    requires epsilon.foreign;
    requires epsilon.foreign.marshalling;
}
