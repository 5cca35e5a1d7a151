/**
 * Many native calls grouped: resolved once, marshalled into one arena, executed in one loop. It will build on
 * {@code epsilon.foreign} (core) and requires it, by the design's load order, once it has code that uses it.
 */
module epsilon.foreign.batch {
}
