package epsilon.foreign.batch.internal;

import epsilon.foreign.ForeignFunction;
import epsilon.foreign.Library;
import epsilon.foreign.batch.BatchResults;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.ClosedLibraryError;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plan compiled: one handle per step, run by a generated class (or, with {@value #MODE_PROPERTY}
 * {@code =interpreted}, by a loop over the handles). Immutable apart from the memory-size hint, so one plan serves
 * any number of threads at once; each run has its own {@link Run} and {@link RunMemory}.
 */
public final class CompiledPlan {
    /** System property choosing how plans run: {@code generated} (the default) or {@code interpreted}. */
    public static final String MODE_PROPERTY = "epsilon.batch.mode";
    private static final long MAX_FIRST_BLOCK = 1 << 20;

    private final List<StepLinker.Spec> specs;
    private final StepInfo[] steps;
    private final ForeignFunction[] functions;
    private final Library[] libraries;
    private final int arity;
    private final boolean capturesErrno;
    private final boolean anyCapturesErrno;
    private final boolean critical;
    private final PlanBody body;
    /** The first block a run takes: what the runs so far needed, so that most runs take one block only. */
    private volatile long memoryHint = 256;

    private CompiledPlan(List<StepLinker.Spec> specs, boolean capturesErrno) {
        this.specs = List.copyOf(specs);
        this.capturesErrno = capturesErrno;
        this.steps = new StepInfo[specs.size()];
        this.functions = new ForeignFunction[specs.size()];
        boolean interpreted = "interpreted".equals(System.getProperty(MODE_PROPERTY));
        List<MethodHandle> handles = new ArrayList<>(specs.size());
        List<PlanGenerator.StepCode> code = new ArrayList<>(specs.size());
        Set<Library> used = new LinkedHashSet<>();
        int offset = 0;
        boolean allCritical = !specs.isEmpty();
        for (int i = 0; i < specs.size(); i++) {
            StepLinker.Spec spec = specs.get(i);
            functions[i] = spec.function();
            steps[i] = StepLinker.info(spec, i, capturesErrno);
            MethodHandle downcall = StepLinker.downcall(spec, steps[i]);
            Parameter[] parameters = StepLinker.parameters(spec);
            if (interpreted) {
                handles.add(StepLinker.link(downcall, parameters, steps[i], offset));
            } else {
                code.add(new PlanGenerator.StepCode(downcall, steps[i], parameters, offset));
            }
            offset += spec.arity();
            used.add(spec.function().library());
            allCritical &= StepLinker.isCritical(spec.function());
        }
        this.arity = offset;
        this.anyCapturesErrno = java.util.Arrays.stream(steps).anyMatch(StepInfo::capturesErrno);
        this.critical = allCritical;
        this.libraries = used.toArray(Library[]::new);
        this.body = interpreted ? new InterpretedBody(handles.toArray(MethodHandle[]::new))
                : PlanGenerator.generate(code);
    }

    /**
     * Compiles a plan.
     *
     * @param functions     the function of each step, in order
     * @param variadicTypes the promoted C types of each step's variadic arguments (an empty list for a fixed arity)
     * @param captureErrno  whether every step captures errno
     * @return the plan
     */
    public static CompiledPlan compile(List<ForeignFunction> functions, List<List<epsilon.foreign.marshalling.CType>>
            variadicTypes, boolean captureErrno) {
        List<StepLinker.Spec> specs = new ArrayList<>();
        for (int i = 0; i < functions.size(); i++) {
            specs.add(new StepLinker.Spec(functions.get(i), List.copyOf(variadicTypes.get(i))));
        }
        return new CompiledPlan(specs, captureErrno);
    }

    /** {@return the number of steps} */
    public int size() {
        return steps.length;
    }

    /** {@return the number of arguments of a row: every step's, in order} */
    public int arity() {
        return arity;
    }

    /** {@return whether every step's function is declared critical (a leaf), so the whole run is} */
    public boolean isCritical() {
        return critical;
    }

    /** {@return whether any step captures errno, so a run needs the capture cell and the errno results} */
    public boolean capturesErrno() {
        return anyCapturesErrno;
    }

    StepInfo step(int index) {
        return steps[index];
    }

    /**
     * The function of one step.
     *
     * @param index the step
     * @return its function
     */
    public ForeignFunction function(int index) {
        return functions[index];
    }

    /** {@return the number of arguments of each step} */
    public int[] arities() {
        return specs.stream().mapToInt(StepLinker.Spec::arity).toArray();
    }

    /**
     * Runs one row.
     *
     * @param row         every step's arguments, in order
     * @param stopOnError whether a failure ends the run
     * @return its results
     */
    public BatchResults run(Object[] row, boolean stopOnError) {
        checkRow(row, -1);
        checkOpen();
        try (RunMemory memory = new RunMemory(memoryHint)) {
            Run run = new Run(this, memory, stopOnError);
            run.startRow(-1);
            body.run(row, run);
            remember(memory);
            return run.results();
        }
    }

    /**
     * Runs rows in order on this thread, in one memory rewound between rows.
     *
     * @param rows        the rows
     * @param stopOnError whether a failure ends the whole replay
     * @return the results of each row, in order
     */
    public List<BatchResults> runAll(List<Object[]> rows, boolean stopOnError) {
        BatchResults[] results = new BatchResults[rows.size()];
        runRange(rows, 0, rows.size(), stopOnError, results);
        return Arrays.asList(results);
    }

    /**
     * Runs rows in order on this thread, in one memory rewound between rows, handing each row's results to
     * {@code each} as soon as the row has run, so that none need be kept.
     *
     * @param rows        the rows
     * @param stopOnError whether a failure ends the whole replay
     * @param each        receives each row's results, in order
     */
    public void runEach(List<Object[]> rows, boolean stopOnError, java.util.function.Consumer<BatchResults> each) {
        for (int r = 0; r < rows.size(); r++) {
            checkRow(rows.get(r), r);
        }
        checkOpen();
        try (RunMemory memory = new RunMemory(memoryHint)) {
            Run run = new Run(this, memory, stopOnError);
            for (int r = 0; r < rows.size(); r++) {
                run.startRow(r);
                body.run(rows.get(r), run);
                each.accept(run.results());
            }
            remember(memory);
        }
    }

    private void runRange(List<Object[]> rows, int from, int to, boolean stopOnError, BatchResults[] results) {
        for (int r = from; r < to; r++) {
            checkRow(rows.get(r), r);
        }
        checkOpen();
        try (RunMemory memory = new RunMemory(memoryHint)) {
            Run run = new Run(this, memory, stopOnError);
            for (int r = from; r < to; r++) {
                run.startRow(r);
                body.run(rows.get(r), run);
                results[r] = run.results();
            }
            remember(memory);
        }
    }

    /**
     * Runs rows split across a pool; results in row order.
     *
     * @param rows        the rows, independent of each other
     * @param pool        the pool whose threads run them
     * @param stopOnError whether a failure ends the replay: ranges not started are skipped, and the ones other
     *                    threads were running finish before the failure is thrown
     * @return the results of each row, in order
     */
    public List<BatchResults> runParallel(List<Object[]> rows, ForkJoinPool pool, boolean stopOnError) {
        BatchResults[] results = new BatchResults[rows.size()];
        int leaf = Math.max(1, rows.size() / (pool.getParallelism() * 4));
        pool.invoke(new Rows(rows, 0, rows.size(), leaf, stopOnError, results, new AtomicBoolean()));
        return Arrays.asList(results);
    }

    /**
     * A range of rows: split in halves down to a leaf's size, each leaf in one run memory. Both halves always finish
     * before the range does, even when one fails, so that a replay never returns (or throws) while another thread is
     * still calling C for it, or still holds a run memory; after a failure with {@code stopOnError}, ranges not yet
     * started are skipped.
     */
    private final class Rows extends RecursiveAction {
        private final List<Object[]> rows;
        private final int from;
        private final int to;
        private final int leaf;
        private final boolean stopOnError;
        private final BatchResults[] results;
        private final AtomicBoolean stopped;

        Rows(List<Object[]> rows, int from, int to, int leaf, boolean stopOnError, BatchResults[] results,
             AtomicBoolean stopped) {
            this.rows = rows;
            this.from = from;
            this.to = to;
            this.leaf = leaf;
            this.stopOnError = stopOnError;
            this.results = results;
            this.stopped = stopped;
        }

        @Override
        protected void compute() {
            if (stopped.get()) {
                return;
            }
            if (to - from <= leaf) {
                try {
                    runRange(rows, from, to, stopOnError, results);
                } catch (RuntimeException | Error failure) {
                    stopped.set(stopOnError);
                    throw failure;
                }
                return;
            }
            int middle = (from + to) >>> 1;
            Rows right = new Rows(rows, middle, to, leaf, stopOnError, results, stopped);
            right.fork();
            Throwable first = null;
            try {
                new Rows(rows, from, middle, leaf, stopOnError, results, stopped).compute();
            } catch (RuntimeException | Error failure) {
                first = failure;
            }
            try {
                right.join(); // even after a failure on the left: the right half may be running on another thread
            } catch (RuntimeException | Error failure) {
                first = first == null ? failure : first;
            }
            if (first instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (first != null) {
                throw (Error) first;
            }
        }
    }

    private void remember(RunMemory memory) {
        long used = memory.highWater();
        if (used > memoryHint) {
            memoryHint = Math.min(MAX_FIRST_BLOCK, used);
        }
    }

    private void checkRow(Object[] row, int index) {
        Objects.requireNonNull(row, index < 0 ? "row" : "row " + index);
        if (row.length != arity) {
            String where = index < 0 ? "" : " (row " + index + ")";
            throw new ArityError("the batch takes " + arity + " arguments in all, per call " + Arrays.toString(arities())
                    + ", got " + row.length + where, functions.length == 0 ? null : functions[0].name(), arity,
                    row.length);
        }
    }

    /** The permanent libraries' calls skip the per-call check: "closed means closed" is kept here, per run. */
    private void checkOpen() {
        for (Library library : libraries) {
            if (!library.isOpen()) {
                throw new ClosedLibraryError("a batch calls into library '" + library.name()
                        + "', which has been closed", null);
            }
        }
    }
}
