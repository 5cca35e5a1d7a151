/**
 * Many native calls grouped: resolved once into a {@link epsilon.foreign.batch.BatchPlan}, marshalled into one arena
 * per run, executed by generated code with constant handles, every result returned in order.
 *
 * <p>Like core, it requires without {@code transitive}: a user module requires {@code epsilon.foreign.batch},
 * {@code epsilon.foreign} and {@code epsilon.foreign.marshalling} (and struct or callback when it passes their
 * values).
 */
module epsilon.foreign.batch {
    requires epsilon.foreign;
    requires epsilon.foreign.marshalling;
    requires epsilon.foreign.struct;
    requires epsilon.foreign.callback;
    exports epsilon.foreign.batch;
}
