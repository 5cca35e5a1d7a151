/**
 * Batches of native calls: resolved once, marshalled into one arena, executed in one tight loop, every result returned.
 */
package epsilon.foreign.batch;
