package epsilon.foreign.batch.internal;

import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.batch.BatchError;
import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.CapturedErrno;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;

/**
 * The state of one run of a plan on one thread: its memory, the results of the row being run, the errno capture
 * cell, and the out-parameters waiting to be copied back. The step handles call its {@code store*}, {@code before}
 * and {@link #failed} methods; one {@code Run} serves every row of a replay in turn.
 */
public final class Run {
    private final CompiledPlan plan;
    private final RunMemory memory;
    private final boolean stopOnError;
    private int row = -1;
    private boolean started;
    private long[] words;
    private Object[] objects;
    private int[] errnos;
    private ForeignError[] failures;
    private MemorySegment capture;
    /** The callback failure pending before the current step, set aside while C runs it. */
    private Object suspended;
    private boolean suspending;
    private Object[] pendingValues = new Object[4];
    private Object[] pendingCarriers = new Object[4];
    private Parameter[] pendingParameters = new Parameter[4];
    private int pending;

    Run(CompiledPlan plan, RunMemory memory, boolean stopOnError) {
        this.plan = plan;
        this.memory = memory;
        this.stopOnError = stopOnError;
    }

    RunMemory memory() {
        return memory;
    }

    /** Starts a row: fresh result arrays (the last row's belong to its results), the memory rewound. */
    void startRow(int row) {
        if (started) {
            memory.rewind();
        }
        started = true;
        this.row = row;
        int size = plan.size();
        words = new long[size];
        objects = new Object[size];
        failures = null;
        if (plan.capturesErrno()) {
            errnos = new int[size];
            capture = memory.allocate(CapturedErrno.CAPTURE_LAYOUT);
        }
    }

    /** The results of the row just run; the run's arrays now belong to them. */
    RunResults results() {
        return new RunResults(plan, words, objects, errnos, failures, plan.size());
    }

    /** The errno capture cell, the leading argument of a step that captures errno. */
    MemorySegment capture() {
        return capture;
    }

    void copyBackLater(Object value, Object carrier, Parameter parameter) {
        if (pending == pendingValues.length) {
            pendingValues = java.util.Arrays.copyOf(pendingValues, pending * 2);
            pendingCarriers = java.util.Arrays.copyOf(pendingCarriers, pending * 2);
            pendingParameters = java.util.Arrays.copyOf(pendingParameters, pending * 2);
        }
        pendingValues[pending] = value;
        pendingCarriers[pending] = carrier;
        pendingParameters[pending] = parameter;
        pending++;
    }

    // ---- called by the step handles ---------------------------------------------------------------------

    /** Before a step C may call Java back in: a failure already pending is set aside, so only this call's counts. */
    static void before(Run run) {
        run.suspended = CallbackFailures.suspendPending();
        run.suspending = true;
    }

    static void storeVoid(Run run, StepInfo step) {
        if (step.mayCallBack() || step.capturesErrno() || run.pending > 0) {
            run.after(step, false);
        }
    }

    static void storeWord(long value, Run run, StepInfo step) {
        if (step.mayCallBack() || step.capturesErrno() || run.pending > 0) {
            run.after(step, value == -1);
        }
        run.words[step.index()] = value;
    }

    static void storeDouble(double value, Run run, StepInfo step) {
        if (step.mayCallBack() || step.capturesErrno() || run.pending > 0) {
            run.after(step, false);
        }
        run.words[step.index()] = Double.doubleToRawLongBits(value);
    }

    static void storeObject(Object raw, Run run, StepInfo step) {
        if (step.mayCallBack() || step.capturesErrno() || run.pending > 0) {
            run.after(step, CapturedErrno.isFailure(raw));
        }
        run.objects[step.index()] = run.convertResult(raw, step);
    }

    /**
     * After a step's call: out-parameters copied back, a callback's failure rethrown, errno recorded (and thrown
     * under {@link ErrnoPolicy#THROW} when the result is C's failure value).
     */
    private void after(StepInfo step, boolean failureValue) {
        if (pending > 0) {
            int count = pending;
            pending = 0;
            for (int i = 0; i < count; i++) {
                Arguments.copyBack(pendingValues[i], pendingCarriers[i], pendingParameters[i], memory);
                pendingValues[i] = null;
                pendingCarriers[i] = null;
            }
        }
        if (suspending) {
            suspending = false;
            Throwable failure = CallbackFailures.resumePending(suspended);
            suspended = null;
            if (failure != null) {
                throw new CallbackError("a callback threw during the call to " + step.function() + ": " + failure,
                        step.function(), failure);
            }
        }
        if (step.capturesErrno()) {
            int errno = CapturedErrno.errno(capture);
            errnos[step.index()] = errno;
            if (step.errnoPolicy() == ErrnoPolicy.THROW && failureValue) {
                throw CapturedErrno.error(step.function(), errno);
            }
        }
    }

    /**
     * A result as its Java type, converted while the run's memory is alive: a string is decoded (copied out), a
     * struct returned by value is copied to the Java heap, and a pointer into the run's memory is refused.
     */
    private Object convertResult(Object raw, StepInfo step) {
        if (step.returnType() instanceof StructType struct && raw instanceof MemorySegment inRun) {
            MemorySegment copy = MemorySegment.ofArray(new long[(int) ((struct.byteSize() + 7) / 8)])
                    .asSlice(0, struct.byteSize());
            return StructView.of(struct, copy.copyFrom(inRun));
        }
        if (raw instanceof MemorySegment pointer && step.returnType().kind() != CType.Kind.STRING
                && pointer.address() != 0 && memory.contains(pointer.address())) {
            throw new ConversionError("the result of " + step.function() + " (" + step.returnType().name()
                    + ") points into the batch's temporary memory, which is freed when the run ends; pass that argument"
                    + " as memory you own (a MemorySegment or Foreign.foreignAlloc) to keep the pointer",
                    step.function(), null);
        }
        if (step.pointedStruct() != null) {
            MemorySegment pointer = (MemorySegment) raw;
            if (pointer.address() == 0) {
                return null;
            }
            MemorySegment sized = (MemorySegment) Marshal.fromForeign(pointer, step.returnType());
            return StructView.of(step.pointedStruct(), sized);
        }
        return Marshal.fromForeign(raw, step.returnType());
    }

    /**
     * A step failed: with stop-on-error, the run ends with a {@link BatchError} naming the step and what ran before
     * it; otherwise the failure is kept as that step's result and the run goes on. Called by the plan's code with
     * the index it failed at.
     *
     * @param index   the step that failed
     * @param failure what it threw
     */
    public void failed(int index, Throwable failure) {
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        pending = 0;
        java.util.Arrays.fill(pendingValues, null);
        java.util.Arrays.fill(pendingCarriers, null);
        if (suspending) {
            suspending = false;
            CallbackFailures.resumePending(suspended);
            suspended = null;
        }
        ForeignError error = translate(failure, plan.function(index));
        if (failures == null) {
            failures = new ForeignError[plan.size()];
        }
        failures[index] = error;
        if (stopOnError) {
            throw BatchErrors.stopped(plan, index, row, error,
                    new RunResults(plan, words, objects, errnos, failures, index + 1));
        }
    }

    /** The JDK's refusal of a call, as the user's mistake it reflects; a ForeignError as it is. */
    private static ForeignError translate(Throwable failure, ForeignFunction function) {
        String name = function.name();
        if (failure instanceof ForeignError error) {
            return error;
        }
        if (!function.library().isOpen()) {
            return new epsilon.foreign.marshalling.ClosedLibraryError("call to '" + name + "' in library '"
                    + function.library().name() + "', which has been closed", name);
        }
        if (failure instanceof IllegalStateException closed && String.valueOf(closed.getMessage()).contains("closed")) {
            return new FreedMemoryError("an argument of " + name + " is memory that has been freed", closed);
        }
        if (failure instanceof WrongThreadException wrongThread) {
            return new ForeignError(name + ": an argument is memory confined to another thread: "
                    + wrongThread.getMessage(), name, null, wrongThread);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof ClassCastException) {
            return new ArgumentTypeError(name + ": the linker refused an argument: " + failure.getMessage(), name, -1);
        }
        return new ForeignError(name + ": call failed: " + failure, name, null, failure);
    }
}
