package epsilon.foreign.batch;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named, reusable plan (Lisp {@code define-batch-operation}): defined once, found by name anywhere, run with a
 * row of arguments each time.
 *
 * {@snippet :
 * BatchOperation.define("lengths", BatchPlan.builder()
 *         .call("size_t strlen(const char *s)", "c")
 *         .call("size_t strlen(const char *s)", "c")
 *         .build());
 * BatchResults r = BatchOperation.named("lengths").orElseThrow().invoke("ab", "cde");
 * }
 *
 * @param name the operation's name
 * @param plan what it runs
 */
public record BatchOperation(String name, BatchPlan plan) {
    private static final ConcurrentHashMap<String, BatchOperation> DEFINED = new ConcurrentHashMap<>();

    /**
     * Checks both are given.
     *
     * @param name the operation's name, not blank
     * @param plan what it runs
     * @throws IllegalArgumentException for a blank name
     */
    public BatchOperation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plan, "plan");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a batch operation needs a name");
        }
    }

    /**
     * Defines (or redefines) the operation {@code name}.
     *
     * @param name the name it is found by
     * @param plan what it runs
     * @return the operation
     * @throws IllegalArgumentException for a blank name
     */
    public static BatchOperation define(String name, BatchPlan plan) {
        BatchOperation operation = new BatchOperation(name, plan);
        DEFINED.put(name, operation);
        return operation;
    }

    /**
     * The operation defined as {@code name}.
     *
     * @param name the name
     * @return the operation, or empty when none is defined by that name
     */
    public static Optional<BatchOperation> named(String name) {
        return Optional.ofNullable(DEFINED.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Runs the plan once.
     *
     * @param row every call's arguments, in order
     * @return the results
     * @throws BatchError when a call fails, naming it and the calls that ran
     * @throws epsilon.foreign.marshalling.ArityError when the row does not fit the plan
     */
    public BatchResults invoke(Object... row) {
        return plan.run(row);
    }
}
