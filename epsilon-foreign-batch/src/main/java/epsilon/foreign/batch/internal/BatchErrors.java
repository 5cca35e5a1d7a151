package epsilon.foreign.batch.internal;

import epsilon.foreign.batch.BatchError;
import epsilon.foreign.marshalling.ForeignError;

/** The messages of a stopped run. */
final class BatchErrors {
    private BatchErrors() {}

    /** Call {@code index} failed with stop-on-error: every call before it ran, none after it will. */
    static BatchError stopped(CompiledPlan plan, int index, int row, ForeignError failure,
                              epsilon.foreign.batch.BatchResults partial) {
        String name = plan.function(index).name();
        String before = index == 0 ? "no call had run before it"
                : index == 1 ? "call 0 (" + plan.function(0).name() + ") had already run"
                : "calls 0 to " + (index - 1) + " had already run";
        String where = row >= 0 ? " of row " + row : "";
        return new BatchError("call " + index + " of " + plan.size() + where + " (" + name + ") failed: "
                + failure.getMessage() + "; " + before + ", and what C did in them stays done; the calls after it"
                + " did not run", name, index, index, row, failure, partial);
    }
}
