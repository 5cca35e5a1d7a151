package epsilon.foreign.batch;

import epsilon.foreign.ForeignFunction;
import epsilon.foreign.batch.internal.CompiledPlan;
import epsilon.foreign.batch.internal.Functions;
import epsilon.foreign.marshalling.CType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * The shape of a batch (its functions and their types, not its values) resolved and compiled once, then run with
 * new rows of arguments, like a prepared statement: a run does no lookup and no dispatch. A row is every call's
 * arguments in order, as {@code sharedCall} takes them; {@code plan.arity()} says how many.
 *
 * <p>The plan runs in a generated class whose step handles are constants; each run takes the temporaries of its
 * calls (strings, copied arrays, out-parameter cells) from one block and frees it when the run ends. When every
 * function is declared critical ({@code CallOption.critical()}) every call of the plan is critical. A plan is
 * immutable: any number of threads may run it at once.
 *
 * {@snippet :
 * BatchPlan lengths = BatchPlan.builder()
 *         .call("size_t strlen(const char *s)", "c")
 *         .call("long labs(long j)", "c")
 *         .build();
 * BatchResults r = lengths.run("hello", -7L);
 * r.getLong(0);   // 5
 * r.getLong(1);   // 7
 * }
 */
public final class BatchPlan {
    private final CompiledPlan compiled;

    BatchPlan(CompiledPlan compiled) {
        this.compiled = compiled;
    }

    /** {@return a builder of a plan, empty} */
    public static Builder builder() {
        return new Builder();
    }

    /** The steps of a plan, added in order; the plan is compiled by {@link #build()}. */
    public static final class Builder {
        private final List<ForeignFunction> functions = new ArrayList<>();
        private final List<List<CType>> variadicTypes = new ArrayList<>();
        private boolean captureErrno;

        private Builder() {}

        /**
         * Adds a call of a resolved function.
         *
         * @param function      the function
         * @param variadicTypes for a variadic function, the C types of the arguments past the fixed ones, as C's
         *                      promotions make them ({@link CType#INT}, {@link CType#LONG_LONG}, {@link CType#DOUBLE},
         *                      {@link CType#STRING}, {@link CType#POINTER}); none for a fixed-arity function
         * @return this builder
         * @throws IllegalArgumentException when variadic types are given for a fixed-arity function
         */
        public Builder call(ForeignFunction function, CType... variadicTypes) {
            Objects.requireNonNull(function, "function");
            List<CType> types = List.of(Objects.requireNonNull(variadicTypes, "variadicTypes"));
            if (!function.isVariadic() && !types.isEmpty()) {
                throw new IllegalArgumentException(function.name() + " is not variadic (" + function.prototype()
                        + "), but " + types.size() + " variadic types were given");
            }
            functions.add(function);
            this.variadicTypes.add(types);
            return this;
        }

        /**
         * Adds a call of the function a C prototype declares.
         *
         * @param prototype     one C declaration, as {@code Foreign.sharedCall(String, String, Object...)} takes it
         * @param library       the library, as {@code Foreign.libOpen} takes it
         * @param variadicTypes the C types of variadic arguments, as {@link #call(ForeignFunction, CType...)} says
         * @return this builder
         * @throws epsilon.foreign.marshalling.ForeignError when the prototype does not parse or the library or
         *         symbol is not found
         */
        public Builder call(String prototype, String library, CType... variadicTypes) {
            return call(Functions.declared(Objects.requireNonNull(prototype, "prototype"),
                    Objects.requireNonNull(library, "library")), variadicTypes);
        }

        /**
         * Adds a call of a function named with its C types.
         *
         * @param function       the C symbol
         * @param library        the library, as {@code Foreign.libOpen} takes it
         * @param returnType     the C return type
         * @param parameterTypes the C parameter types
         * @return this builder
         * @throws epsilon.foreign.marshalling.ForeignError when the library or symbol is not found
         */
        public Builder call(String function, String library, CType returnType, List<CType> parameterTypes) {
            return call(Functions.typed(Objects.requireNonNull(function, "function"),
                    Objects.requireNonNull(library, "library"), Objects.requireNonNull(returnType, "returnType"),
                    Objects.requireNonNull(parameterTypes, "parameterTypes")));
        }

        /**
         * Captures {@code errno} after every call, for {@link BatchResults#errno(int)}; results are unchanged.
         *
         * @return this builder
         */
        public Builder captureErrno() {
            this.captureErrno = true;
            return this;
        }

        /**
         * Compiles the plan: links one downcall handle per call and generates the code that runs them.
         *
         * @return the plan
         * @throws BatchError for a function a batch cannot call ({@code CallOption.freedWith})
         */
        public BatchPlan build() {
            return new BatchPlan(CompiledPlan.compile(functions, variadicTypes, captureErrno));
        }
    }

    /** {@return the number of calls} */
    public int size() {
        return compiled.size();
    }

    /** {@return the number of arguments a row has: the calls' arguments, in order} */
    public int arity() {
        return compiled.arity();
    }

    /** {@return the function of each call, in order} */
    public List<ForeignFunction> functions() {
        List<ForeignFunction> list = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            list.add(compiled.function(i));
        }
        return List.copyOf(list);
    }

    /** {@return whether every call is critical, because every function is declared critical} */
    public boolean isCritical() {
        return compiled.isCritical();
    }

    /**
     * Runs every call once with the arguments of {@code row}, stopping at the first failure.
     *
     * @param row every call's arguments, in order, as {@code sharedCall} takes them
     * @return the results, in call order
     * @throws epsilon.foreign.marshalling.ArityError when the row has not {@link #arity()} arguments
     * @throws epsilon.foreign.marshalling.ClosedLibraryError when a library of the plan has been closed
     * @throws BatchError when a call fails, naming it and the calls that had run
     */
    public BatchResults run(Object... row) {
        return compiled.run(row, true);
    }

    /**
     * Runs every call once, stopping or going on after a failure as {@code onError} says.
     *
     * @param onError what a failed call does to the run
     * @param row     every call's arguments, in order
     * @return the results, in call order, with the failures under {@link OnError#CONTINUE}
     * @throws epsilon.foreign.marshalling.ArityError when the row has not {@link #arity()} arguments
     * @throws BatchError under {@link OnError#STOP}, when a call fails
     */
    public BatchResults run(OnError onError, Object... row) {
        return compiled.run(row, Objects.requireNonNull(onError, "onError") == OnError.STOP);
    }

    /**
     * Runs rows one after another on this thread, reusing one block of memory for their temporaries.
     *
     * @param rows    the rows, each as {@link #run(Object...)} takes it
     * @param onError what a failed call does: under {@link OnError#STOP} the first failure ends the replay
     * @return the results of each row, in row order
     * @throws epsilon.foreign.marshalling.ArityError when a row has not {@link #arity()} arguments (before any runs)
     * @throws BatchError under {@link OnError#STOP}, naming the row and the call
     */
    public List<BatchResults> runAll(List<Object[]> rows, OnError onError) {
        return compiled.runAll(List.copyOf(rows), Objects.requireNonNull(onError, "onError") == OnError.STOP);
    }

    /**
     * Runs rows one after another on this thread, as {@link #runAll} does, handing each row's results to
     * {@code each} as soon as the row has run instead of keeping them all: a replay of millions of rows then keeps
     * nothing alive.
     *
     * {@snippet :
     * long[] total = {0};
     * plan.runEach(rows, OnError.STOP, r -> total[0] += r.getLong(0));
     * }
     *
     * @param rows    the rows, each as {@link #run(Object...)} takes it
     * @param onError what a failed call does: under {@link OnError#STOP} the first failure ends the replay
     * @param each    receives each row's results, in row order, on this thread
     * @throws epsilon.foreign.marshalling.ArityError when a row has not {@link #arity()} arguments (before any runs)
     * @throws BatchError under {@link OnError#STOP}, naming the row and the call
     */
    public void runEach(List<Object[]> rows, OnError onError, java.util.function.Consumer<BatchResults> each) {
        compiled.runEach(Objects.requireNonNull(rows, "rows"), Objects.requireNonNull(onError, "onError") == OnError.STOP,
                Objects.requireNonNull(each, "each"));
    }

    /**
     * Runs independent rows split across the threads of {@code pool}; each thread's rows share one block of memory.
     *
     * @param rows    the rows, which must not depend on one another's effects
     * @param pool    the pool to run them in, such as {@link ForkJoinPool#commonPool()}
     * @param onError what a failed call does: under {@link OnError#STOP} the first failure is thrown once the rows
     *                other threads were running have finished (they may have run), and rows not started never run
     * @return the results of each row, in row order
     * @throws epsilon.foreign.marshalling.ArityError when a row has not {@link #arity()} arguments
     * @throws BatchError under {@link OnError#STOP}, naming the row and the call
     */
    public List<BatchResults> runParallel(List<Object[]> rows, ForkJoinPool pool, OnError onError) {
        return compiled.runParallel(List.copyOf(rows), Objects.requireNonNull(pool, "pool"),
                Objects.requireNonNull(onError, "onError") == OnError.STOP);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("BatchPlan[");
        for (int i = 0; i < size(); i++) {
            text.append(i == 0 ? "" : "; ").append(compiled.function(i).prototype());
        }
        return text.append(isCritical() ? "; critical]" : "]").toString();
    }
}
