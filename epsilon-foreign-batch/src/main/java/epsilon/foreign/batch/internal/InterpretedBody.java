package epsilon.foreign.batch.internal;

import java.lang.invoke.MethodHandle;

/**
 * The reference execution of a plan: a loop over the step handles. Each {@code invokeExact} goes through a handle
 * read from an array, which the JIT cannot treat as a constant, so every step pays a dispatch through the handle's
 * lambda form; {@link PlanGenerator}'s class, whose handles are constants, is the default.
 */
final class InterpretedBody implements PlanBody {
    private final MethodHandle[] steps;

    InterpretedBody(MethodHandle[] steps) {
        this.steps = steps.clone();
    }

    @Override
    public void run(Object[] row, Run run) {
        for (int i = 0; i < steps.length; i++) {
            try {
                steps[i].invokeExact(row, run);
            } catch (Throwable failure) {
                run.failed(i, failure);
            }
        }
    }
}
