package epsilon.foreign.batch;

import epsilon.foreign.ForeignFunction;
import epsilon.foreign.batch.internal.CallRecorder;
import epsilon.foreign.batch.internal.Functions;
import epsilon.foreign.batch.internal.PlanCache;
import epsilon.foreign.batch.internal.RunMemory;
import epsilon.foreign.marshalling.CType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Calls collected, then run together: each {@code add} records a function and its arguments, and {@link #run()}
 * runs them in order and returns every result. Functions are resolved once and kept; the batch's shape (its
 * functions and types) compiles to a {@link BatchPlan} the first time it is run, and a batch of the same shape built
 * again runs that plan. All temporaries of a run come from one block, freed when the run ends.
 *
 * <p>FFM cannot run several downcalls under one thread transition, so a batch saves what lies around the calls:
 * the lookup of each function, the dispatch of a dynamic call, and the per-call scratch memory. For many rows of one
 * shape, build a {@link BatchPlan} and run it with each row.
 *
 * {@snippet :
 * BatchResults r = Batch.create()
 *         .add("strlen", "c", CType.SIZE_T, List.of(CType.STRING), "hello")
 *         .add("long labs(long j)", "c", -7L)
 *         .add("int snprintf(char *s, size_t n, const char *format, ...)", "c", buffer, 32L, "%d-%s", 42, "x")
 *         .run();
 * long five = r.getLong(0);
 * }
 *
 * <p>A batch is not thread-safe; the plan it compiles is.
 */
public final class Batch {
    private final List<ForeignFunction> functions = new ArrayList<>();
    private final List<List<CType>> variadicTypes = new ArrayList<>();
    private final List<Object> arguments = new ArrayList<>();
    private boolean captureErrno;
    private OnError onError = OnError.STOP;

    private Batch() {}

    /** {@return a new, empty batch that stops at the first failure} */
    public static Batch create() {
        return new Batch();
    }

    /**
     * Adds a call with C types given as values, as {@code Foreign.sharedCall(String, String, CType, List, Object...)}
     * takes it.
     *
     * @param function       the C symbol
     * @param library        the library, as {@code Foreign.libOpen} takes it
     * @param returnType     the C return type
     * @param parameterTypes the C parameter types
     * @param arguments      one Java value per parameter
     * @return this batch
     * @throws epsilon.foreign.marshalling.ForeignError when the library or the symbol is not found
     * @throws epsilon.foreign.marshalling.ArityError   when the argument count does not match
     */
    public Batch add(String function, String library, CType returnType, List<CType> parameterTypes,
                     Object... arguments) {
        return add(Functions.typed(Objects.requireNonNull(function, "function"), Objects.requireNonNull(library,
                "library"), Objects.requireNonNull(returnType, "returnType"),
                Objects.requireNonNull(parameterTypes, "parameterTypes")), arguments);
    }

    /**
     * Adds a call of the function a C prototype declares (the form for variadic functions), as
     * {@code Foreign.sharedCall(String, String, Object...)} takes it.
     *
     * @param prototype one C declaration
     * @param library   the library, as {@code Foreign.libOpen} takes it
     * @param arguments one Java value per declared parameter, then any variadic ones, typed by their Java type
     * @return this batch
     * @throws epsilon.foreign.marshalling.ParseError  when the prototype is not valid C
     * @throws epsilon.foreign.marshalling.ArityError  when the argument count does not match
     */
    public Batch add(String prototype, String library, Object... arguments) {
        return add(Functions.declared(Objects.requireNonNull(prototype, "prototype"),
                Objects.requireNonNull(library, "library")), arguments);
    }

    /**
     * Adds a call of a resolved function, with its call options (errno, critical).
     *
     * @param function  the function
     * @param arguments one Java value per parameter, then any variadic ones
     * @return this batch
     * @throws epsilon.foreign.marshalling.ArityError when the argument count does not match
     */
    public Batch add(ForeignFunction function, Object... arguments) {
        Objects.requireNonNull(function, "function");
        Object[] values = arguments == null ? new Object[] {null} : arguments;
        int declared = function.parameterTypes().size();
        if (function.isVariadic() ? values.length < declared : values.length != declared) {
            throw new epsilon.foreign.marshalling.ArityError("call " + functions.size() + " of the batch: "
                    + function.name() + " takes " + (function.isVariadic() ? "at least " : "") + declared
                    + (declared == 1 ? " argument" : " arguments") + " (" + function.prototype() + "), got "
                    + values.length, function.name(), declared, values.length);
        }
        variadicTypes.add(Functions.variadicTypes(function, values));
        functions.add(function);
        this.arguments.addAll(Arrays.asList(values));
        return this;
    }

    /**
     * A recorder of {@code type}, an interface whose methods declare C functions of {@code library} as
     * {@code Foreign.bind} reads them ({@code @CFunction}, {@code @NativeType}, {@code @Critical}, {@code @Errno}):
     * each call of a method adds that call to this batch and returns the zero of its return type ({@code 0},
     * {@code false}, {@code null}); the value is in the results at the call's index ({@link #size()} before it).
     * An interface generated by the optimize module's processor is recorded the same way, from its annotations.
     *
     * {@snippet :
     * Libc libc = batch.record(Libc.class, "c");
     * libc.strlen("hello");       // call 0
     * libc.labs(-7L);             // call 1
     * BatchResults r = batch.run();
     * }
     *
     * @param <T>     the interface
     * @param type    an interface of C functions; a default method runs its body, recording the calls it makes
     * @param library the library, as {@code Foreign.libOpen} takes it
     * @return the recorder, tied to this batch
     * @throws epsilon.foreign.marshalling.ForeignError naming the method, when one of its types has no C type a
     *         batch can infer ({@code @NativeType} gives one), or the library lacks a function
     */
    public <T> T record(Class<T> type, String library) {
        return CallRecorder.recorder(Objects.requireNonNull(type, "type"), Objects.requireNonNull(library, "library"),
                this::add);
    }

    /**
     * Captures {@code errno} after every call, read with {@link BatchResults#errno(int)}.
     *
     * @return this batch
     */
    public Batch captureErrno() {
        this.captureErrno = true;
        return this;
    }

    /**
     * Chooses what a failed call does to the run: {@link OnError#STOP} (the default) or {@link OnError#CONTINUE}.
     *
     * @param onError the choice
     * @return this batch
     */
    public Batch onError(OnError onError) {
        this.onError = Objects.requireNonNull(onError, "onError");
        return this;
    }

    /** {@return the number of calls added} */
    public int size() {
        return functions.size();
    }

    /**
     * The plan of this batch's shape, to run again with new rows; compiled once per shape.
     *
     * @return the plan
     * @throws BatchError for a function a batch cannot call ({@code CallOption.freedWith})
     */
    public BatchPlan plan() {
        return new BatchPlan(PlanCache.plan(functions, variadicTypes, captureErrno));
    }

    /**
     * Runs the calls in the order they were added. The batch keeps its calls and can be run again.
     *
     * @return the results, in call order
     * @throws BatchError under {@link OnError#STOP}, when a call fails: it names the call and the calls that ran
     * @throws epsilon.foreign.marshalling.ClosedLibraryError when a library of the batch has been closed
     */
    public BatchResults run() {
        return plan().run(onError, arguments.toArray());
    }

    /**
     * {@return how many runs' memory blocks are allocated and not yet freed, in the whole JVM} Zero whenever no run
     * is in progress: a leak check for tests.
     */
    public static int liveRunMemories() {
        return RunMemory.open();
    }
}
