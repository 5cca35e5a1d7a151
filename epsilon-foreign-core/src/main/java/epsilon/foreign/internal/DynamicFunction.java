package epsilon.foreign.internal;

import epsilon.foreign.CallOption;
import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.ErrnoResult;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.ForeignMemory;
import epsilon.foreign.Library;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.StringType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.Adapters;
import epsilon.foreign.marshalling.internal.convert.CapturedErrno;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import epsilon.foreign.struct.StructView;
import epsilon.foreign.trampoline.BoundTrampoline;
import epsilon.foreign.trampoline.Trampolines;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A resolved function: checks and converts arguments, then calls through the shared trampoline of its
 * shape. Variadic functions keep one bound trampoline per list of variadic argument types seen.
 *
 * <p>The carriers handed to the trampoline follow the linker's order: a {@code SegmentAllocator} when the
 * function returns a struct by value, then the errno capture segment when errno is captured, then the
 * arguments.
 */
public final class DynamicFunction implements ForeignFunction {
    private final String name;
    private final NativeLibrary library;
    private final MemorySegment address;
    /** True when calls go through the JVM's own address for the symbol, which needs an explicit open check. */
    private final boolean checksOpen;
    private final CPrototype signature;
    private final List<CallOption> callOptions;
    private final String documentation;
    /** The address calls go through: the library arena's, or the JVM's own for a library it keeps loaded. */
    private final MemorySegment callAddress;
    private final BoundTrampoline fixedShape;
    private final ConcurrentHashMap<List<CType>, BoundTrampoline> variadicShapes;
    private final ErrnoPolicy errnoPolicy;
    private final boolean heapAccess;
    /** Strings, arrays, a struct return or errno capture need scratch memory; scalar-only calls skip the frame. */
    private final boolean needsFrame;
    private final CType[] parameterTypes;
    /**
     * Per parameter, the box class that is already the carrier (Long for long, Double for double, MemorySegment
     * for a pointer), or null: such an argument passes as it is, without the general converter.
     */
    private final Class<?>[] exactBoxes;
    /**
     * Per parameter, the charset of a {@code char *} parameter given as a String, else null: the common conversion,
     * done inline with no dispatch on the type, so that the call stays small enough for the JIT to inline whole
     * and the frame, the argument copy and the string's segment are never allocated on the heap.
     */
    private final Charset[] stringCharsets;
    /** Whether the raw result is already the return type's Java value (signed integers, floating types). */
    private final boolean rawResult;
    /** The struct a {@code struct T *} result points to when T's layout is known (the result is a view), else null. */
    private final StructType pointedStruct;
    /** How a {@code char *} result is freed after decoding ({@code CallOption.freedWith}), or null. */
    private final ResultFreeing resultFreeing;
    /**
     * Whether C may call back into Java during this call: it takes a function pointer, or a pointer of any kind
     * (a callback may be passed as {@code void *}), or is variadic. Only then is the pending callback failure read.
     */
    private final boolean mayCallBack;
    /** Carriers before the arguments: the struct-return allocator and the errno capture segment. */
    private final int leading;

    /**
     * The bound trampoline when every call with exact arguments can go through its generated exact path
     * ({@link BoundTrampoline#invokeIfExact}), with nothing before or after the downcall: fixed arity, every
     * parameter's carrier box its Java type, a result already its Java value, no errno capture, no struct return,
     * no callback to watch for. Else null. The generated class tests the arguments with their classes as
     * constants, which a field of this object (not trusted as a constant by the JIT) cannot give.
     */
    private final BoundTrampoline exactPath;
    /**
     * The box of the result {@link #invoke} returns when {@code invokeLong}, {@code invokeInt} or
     * {@code invokeDouble} may unbox it, else null (void, a reference type, or an {@code ErrnoResult}).
     */
    private final Class<?> unboxedReturn;
    /** Per parameter, whether C declares it nonnull: such a pointer argument is refused when NULL. */
    private final boolean[] nonnull;
    /** Whether any parameter is nonnull, so the all-segments fast path needs the check at all. */
    private final boolean checksNonnull;
    /**
     * Whether this function may get a generated {@link StringCall}: fixed arity, nothing before the arguments, no
     * callback to watch for, a {@code char *} parameter, and every other parameter passed as its carrier's box.
     */
    private final boolean takesStrings;
    /**
     * The generated call for Strings, made once {@value #STRING_CALLS_BEFORE_GENERATING} calls have converted one
     * (a program that passes text once does not pay for a class); null until then. Written once, under this
     * object's lock; a thread that has not seen it yet takes the general path, which gives the same answer.
     */
    private StringCall stringCall;
    /** Calls that converted a String while {@link #stringCall} was not made: counted loosely, as a trigger only. */
    private int stringCalls;
    static final int STRING_CALLS_BEFORE_GENERATING = 64;

    DynamicFunction(NativeLibrary library, MemorySegment address, CPrototype signature,
                    List<CallOption> callOptions, String documentation) {
        String name = signature.name();
        this.name = name;
        this.library = library;
        this.address = address;
        MemorySegment permanent = library.permanentAddress(signature.symbol()).orElse(null);
        this.checksOpen = permanent != null;
        this.callAddress = permanent != null ? permanent : library.heldAddress(signature.symbol());
        this.signature = signature;
        this.callOptions = List.copyOf(callOptions);
        this.documentation = documentation == null ? "" : documentation;
        ErrnoPolicy policy = null;
        boolean heap = false;
        ResultFreeing freeing = null;
        for (CallOption option : this.callOptions) {
            switch (option) {
                case CallOption.CaptureErrno capture -> policy = capture.policy();
                case CallOption.Critical critical -> heap |= critical.heapAccess();
                case CallOption.FreeResult free -> freeing = ResultFreeing.of(signature.returnType(), free.function(),
                        library, name);
            }
        }
        this.resultFreeing = freeing;
        if (policy == ErrnoPolicy.THROW) {
            ErrnoSupport.checkThrowable(name, signature.returnType());
        }
        this.errnoPolicy = policy;
        this.heapAccess = heap;
        // loops and ifs rather than lambdas and streams here and below: each lambda spins a class on a program's
        // first call (benchmarks/WARMUP.md)
        if (signature.unsupported().isPresent()) {
            throw new DeclarationError("cannot call " + name + " (" + signature + "): "
                    + signature.unsupported().get(), name);
        }
        this.parameterTypes = signature.parameterTypes().toArray(new CType[0]);
        this.nonnull = new boolean[parameterTypes.length];
        for (int i = 0; i < nonnull.length; i++) {
            nonnull[i] = signature.parameters().get(i).nonnull();
        }
        this.checksNonnull = signature.nonnullParameters().length > 0;
        boolean pointers = false;
        boolean allocates = false;
        for (CType type : parameterTypes) {
            pointers |= CallbackArguments.mayCarryCallback(type);
            allocates |= type.needsAllocator() || type.kind() == CType.Kind.STRUCT || type.kind() == CType.Kind.ARRAY;
        }
        this.mayCallBack = signature.variadic() || pointers;
        this.exactBoxes = new Class<?>[parameterTypes.length];
        this.stringCharsets = new Charset[parameterTypes.length];
        for (int i = 0; i < parameterTypes.length; i++) {
            exactBoxes[i] = exactBox(parameterTypes[i]);
            if (parameterTypes[i] instanceof StringType text) {
                stringCharsets[i] = text.charset();
            }
        }
        this.pointedStruct = StructArguments.pointedStruct(signature.returnType());
        this.rawResult = !signature.returnType().isVoid() && switch (signature.returnType().kind()) {
            case INT8, INT16, INT32, INT64, UINT64, FLOAT, DOUBLE, BOOL -> exactBox(signature.returnType()) != null;
            default -> false;
        };
        this.leading = (Prototypes.returnsStruct(signature) ? 1 : 0) + (policy != null ? 1 : 0);
        this.needsFrame = signature.variadic() || Prototypes.returnsStruct(signature) || policy != null || allocates;
        if (signature.variadic()) {
            this.fixedShape = null;
            this.variadicShapes = new ConcurrentHashMap<>();
        } else {
            this.fixedShape = bind(List.of());
            this.variadicShapes = null;
        }
        Class<?> returnJava = MethodType.methodType(signature.returnType().javaType()).wrap().returnType();
        this.unboxedReturn = policy == ErrnoPolicy.RETURN || signature.returnType().isVoid()
                || !Number.class.isAssignableFrom(returnJava) ? null : returnJava;
        boolean allExactBoxes = true;
        for (Class<?> box : exactBoxes) {
            allExactBoxes &= box != null;
        }
        this.exactPath = fixedShape != null && leading == 0 && allExactBoxes && rawResult && !mayCallBack
                ? fixedShape : null;
        boolean text = false;
        boolean carriersOrText = true;
        for (int i = 0; i < parameterTypes.length; i++) {
            text |= stringCharsets[i] != null;
            carriersOrText &= stringCharsets[i] != null || exactBoxes[i] != null;
        }
        this.takesStrings = fixedShape != null && leading == 0 && !mayCallBack && text && carriersOrText;
    }

    private BoundTrampoline bind(List<CType> variadicTypes) {
        FunctionDescriptor descriptor = Prototypes.descriptor(signature, variadicTypes);
        List<Linker.Option> linkOptions = new ArrayList<>();
        for (CallOption option : callOptions) {
            switch (option) {
                case CallOption.CaptureErrno capture -> linkOptions.add(Linker.Option.captureCallState("errno"));
                case CallOption.Critical critical -> linkOptions.add(Linker.Option.critical(critical.heapAccess()));
                case CallOption.FreeResult free -> { } // done after the call, by the result conversion
            }
        }
        if (signature.variadic()) {
            linkOptions.add(Linker.Option.firstVariadicArg(signature.arity()));
        }
        return Trampolines.of(descriptor, linkOptions.toArray(new Linker.Option[0])).bind(callAddress);
    }

    @Override
    public Object invoke(Object... arguments) {
        if (!checksOpen) {
            return invokeOpen(arguments); // holds the library for the call: its address is not checked by the JDK
        }
        if (!library.isOpen()) {
            throw library.closedError(name);
        }
        if (exactPath != null) { // the generated path straight from here: one call less for the JIT to inline
            Object result = invokeExactPath(arguments);
            if (result != BoundTrampoline.NOT_EXACT) {
                return result;
            }
        }
        return dispatch(arguments);
    }

    @Override
    public long invokeLong(Object... arguments) {
        if (unboxedReturn != Long.class) {
            throw unboxedReturnError("invokeLong", "long");
        }
        return (Long) invoke(arguments);
    }

    @Override
    public int invokeInt(Object... arguments) {
        if (unboxedReturn != Integer.class) {
            throw unboxedReturnError("invokeInt", "int");
        }
        return (Integer) invoke(arguments);
    }

    @Override
    public double invokeDouble(Object... arguments) {
        if (unboxedReturn != Double.class && unboxedReturn != Float.class) {
            throw unboxedReturnError("invokeDouble", "double or float");
        }
        return ((Number) invoke(arguments)).doubleValue();
    }

    private DeclarationError unboxedReturnError(String method, String wanted) {
        String why = errnoPolicy == ErrnoPolicy.RETURN ? "it returns an ErrnoResult (ErrnoPolicy.RETURN)"
                : "its return type " + signature.returnType().name() + " is "
                        + (signature.returnType().isVoid() ? "void" : "a " + javaTypeName() + " in Java");
        return new DeclarationError(method + " needs a function returning " + wanted + ", but " + name + " ("
                + signature + ") does not: " + why + "; call invoke", name);
    }

    private String javaTypeName() {
        return signature.returnType().javaType().getSimpleName();
    }

    /**
     * The generated exact path, for a library the JVM keeps loaded: {@link BoundTrampoline#NOT_EXACT} when the
     * arguments need the general path (a conversion, a NULL to check, a wrong count), which then decides.
     */
    private Object invokeExactPath(Object[] arguments) {
        try {
            return exactPath.invokeIfExact(arguments);
        } catch (IllegalStateException | IllegalArgumentException | WrongThreadException rejected) {
            throw translate(rejected, arguments);
        }
    }

    /**
     * {@link #invoke} for a caller that has just seen the library open (the identity cache of
     * {@code sharedCallFast}), which spares the hot path a second volatile read. A library the JVM keeps loaded (the
     * C and math libraries) is called directly; any other is held for the whole call, result conversion included,
     * so that closing it on another thread waits for this call instead of unmapping what its result points to.
     */
    public Object invokeOpen(Object... arguments) {
        if (checksOpen) {
            if (exactPath != null) {
                Object result = invokeExactPath(arguments);
                if (result != BoundTrampoline.NOT_EXACT) {
                    return result;
                }
            }
            return dispatch(arguments);
        }
        if (!(mayCallBack ? library.enterMayCallBack() : library.enter())) {
            throw library.closedError(name);
        }
        try {
            return dispatch(arguments);
        } finally {
            if (mayCallBack) {
                library.exitMayCallBack();
            } else {
                library.exit();
            }
        }
    }

    private Object dispatch(Object[] args) {
        if (args == null) {
            return dispatchGeneral(new Object[] {null}); // f.invoke((Object[]) null): one null argument
        }
        StringCall strings = stringCall;
        if (strings != null && args.length == parameterTypes.length) {
            Object raw;
            try { // the arguments one by one, so that the array need not leave the caller (see StringCall)
                raw = switch (args.length) {
                    case 1 -> strings.invoke1(args[0]);
                    case 2 -> strings.invoke2(args[0], args[1]);
                    case 3 -> strings.invoke3(args[0], args[1], args[2]);
                    case 4 -> strings.invoke4(args[0], args[1], args[2], args[3]);
                    default -> strings.invokeN(args);
                };
            } catch (IllegalStateException | IllegalArgumentException | WrongThreadException rejected) {
                throw translate(rejected, args);
            }
            if (raw != BoundTrampoline.NOT_EXACT) {
                return rawResult ? raw : convertResult(raw);
            }
        }
        checkArity(args.length);
        if (leading == 0 && fixedShape != null) {
            return allExact(args) ? callExact(args) : callConverted(args);
        }
        return dispatchGeneral(args);
    }

    /** Whether the generated call for Strings has been made; for tests, which cannot see it in a stack trace. */
    boolean hasStringCall() {
        return stringCall != null;
    }

    /** Counts a call that converted a String and, at the threshold, generates this function's {@link StringCall}. */
    private void countStringCall() {
        if (++stringCalls == STRING_CALLS_BEFORE_GENERATING) {
            synchronized (this) {
                if (stringCall == null) {
                    stringCall = StringCallGenerator.generate(name, fixedShape.handle(), stringCharsets, nonnull);
                }
            }
        }
    }

    /** Out of line, so that the common case above stays small enough for the JIT to inline into its caller. */
    private Object dispatchGeneral(Object[] args) {
        checkArity(args.length);
        if (leading == 0 && fixedShape != null) {
            return allExact(args) ? callExact(args) : callConverted(args);
        }
        if (!needsFrame) {
            return call(args, null);
        }
        CallFrame.Stack frame = CallFrame.stack();
        long mark = frame.mark();
        try {
            return call(args, frame);
        } finally {
            frame.release(mark);
        }
    }

    /**
     * Whether every argument is already its carrier (a Long for a long, a MemorySegment for a pointer), and no
     * nonnull parameter is given NULL.
     */
    private boolean allExact(Object[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!isExact(args[i], i)) {
                return false;
            }
        }
        if (checksNonnull) {
            checkNonnull(args);
        }
        return true;
    }

    /** Refuses NULL for a parameter C declares nonnull, before C dereferences it. */
    private void checkNonnull(Object[] args) {
        for (int i = 0; i < nonnull.length; i++) {
            if (nonnull[i] && (args[i] == null || args[i] instanceof MemorySegment segment && segment.isNative()
                    && segment.address() == 0)) {
                throw Adapters.nonnullError(args[i], parameterTypes[i], name, i);
            }
        }
    }

    /**
     * Whether an argument is already its carrier. MemorySegment is an interface, so a segment is recognised with
     * {@code instanceof}; a box by its exact class, which rules out an Integer for a long (the converter widens it).
     */
    private boolean isExact(Object value, int index) {
        Class<?> box = exactBoxes[index];
        return value != null && (box == MemorySegment.class ? value instanceof MemorySegment : value.getClass() == box);
    }

    /**
     * The common case, kept small enough to inline so the JIT sees through the argument array: fixed arity,
     * every argument already its carrier, so no conversion, no scratch memory and no copy-back.
     */
    private Object callExact(Object[] args) {
        Object suspended = mayCallBack ? CallbackFailures.suspendPending() : null;
        Object raw;
        try {
            raw = fixedShape.invokePrechecked(args); // allExact and checkArity have checked them
        } catch (IllegalStateException | IllegalArgumentException | WrongThreadException rejected) {
            throw refused(rejected, args, suspended);
        }
        if (mayCallBack) {
            rethrowCallbackFailure(suspended);
        }
        return rawResult ? raw : convertResult(raw);
    }

    /**
     * Fixed arity, nothing before the arguments, some argument to convert (a String, an Integer for a long, a
     * Java array): kept apart from {@link #call} so that it stays small enough to inline.
     */
    private Object callConverted(Object[] args) {
        if (checksNonnull) {
            checkNonnull(args);
        }
        // The thread's frame stack, marked and released: no object per call, even when this is not inlined.
        CallFrame.Stack frame = needsFrame ? CallFrame.stack() : null;
        long mark = frame != null ? frame.mark() : 0;
        Object[] carriers = frame != null ? frame.carriers(args) : args.clone();
        try {
            boolean arrays = false;
            boolean encoded = false;
            for (int i = 0; i < args.length; i++) {
                Object value = args[i];
                Charset charset = stringCharsets[i];
                if (charset != null && value instanceof String text) { // the common conversion first
                    carriers[i] = StringArguments.encode(text, charset, frame, name, i);
                    encoded = true;
                } else if (!isExact(value, i)) {
                    carriers[i] = convert(value, parameterTypes[i], frame, i);
                    arrays |= OutParameters.isCopiedBack(value) || value instanceof StructView;
                }
            }
            if (encoded && takesStrings && stringCall == null) {
                countStringCall();
            }
            Object suspended = mayCallBack ? CallbackFailures.suspendPending() : null;
            Object raw;
            try {
                raw = fixedShape.invokePrechecked(carriers); // checkArity counted them; conversions made each its carrier
            } catch (IllegalStateException | IllegalArgumentException | WrongThreadException rejected) {
                throw refused(rejected, args, suspended);
            }
            if (arrays) {
                copyBack(args, carriers, 0, null);
            }
            if (mayCallBack) {
                rethrowCallbackFailure(suspended);
            }
            return rawResult ? raw : convertResult(raw);
        } finally {
            if (frame != null) {
                CallFrame.Stack.clearCarriers(carriers);
                frame.release(mark);
            }
        }
    }

    /** The general path: variadic calls, and calls with carriers before the arguments (struct return, errno). */
    private Object call(Object[] args, SegmentAllocator frame) {
        if (checksNonnull) {
            checkNonnull(args);
        }
        int lead = 0;
        // Without leading carriers (a variadic call) the arguments double as the carriers until a conversion
        // produces a different object; only then is the array copied.
        Object[] carriers = leading == 0 ? args : new Object[leading + args.length];
        if (Prototypes.returnsStruct(signature)) {
            carriers[lead++] = frame;
        }
        MemorySegment captured = null;
        if (errnoPolicy != null) {
            captured = frame.allocate(CapturedErrno.CAPTURE_LAYOUT);
            carriers[lead++] = captured;
        }
        int fixed = parameterTypes.length;
        BoundTrampoline target = fixedShape;
        CType[] variadicTypes = null;
        if (target == null) {
            variadicTypes = new CType[args.length - fixed];
            for (int i = fixed; i < args.length; i++) {
                Object value = switch (args[i]) {
                    case ForeignMemory memory -> memory.segment();
                    case Callback callback -> CallbackArguments.pointer(callback, CType.POINTER, name, i);
                    case StructView view -> StructArguments.pointerTo(view, CType.POINTER, frame, name, i);
                    case null, default -> args[i];
                };
                variadicTypes[i - fixed] = Marshal.variadicType(value, name, i);
                Object carrier = convert(value, variadicTypes[i - fixed], frame, i);
                if (carrier != args[i] && carriers == args) {
                    carriers = args.clone();
                }
                carriers[lead + i] = carrier;
            }
            target = variadicShapes.computeIfAbsent(List.of(variadicTypes), this::bind);
        }
        for (int i = 0; i < fixed; i++) {
            Object value = args[i];
            Object carrier = isExact(value, i) ? value : convert(value, parameterTypes[i], frame, i);
            if (carrier != args[i] && carriers == args) {
                carriers = args.clone();
            }
            carriers[lead + i] = carrier;
        }
        Object suspended = mayCallBack ? CallbackFailures.suspendPending() : null;
        Object raw;
        try {
            raw = target.invoke(carriers);
        } catch (IllegalStateException | IllegalArgumentException | WrongThreadException rejected) {
            throw refused(rejected, args, suspended);
        }
        if (carriers != args) {
            copyBack(args, carriers, lead, variadicTypes);
        }
        if (mayCallBack) {
            rethrowCallbackFailure(suspended);
        }
        if (errnoPolicy == null) {
            return convertResult(raw);
        }
        if (errnoPolicy == ErrnoPolicy.THROW && CapturedErrno.isFailure(raw)) {
            throw CapturedErrno.error(name, captured);
        }
        Object result = convertResult(raw);
        return errnoPolicy == ErrnoPolicy.RETURN ? new ErrnoResult(result, CapturedErrno.errno(captured)) : result;
    }

    /** What C wrote through the pointers made for arrays and holders, back into them (as C's caller would see). */
    private void copyBack(Object[] args, Object[] carriers, int lead, CType[] variadicTypes) {
        for (int i = 0; i < args.length; i++) {
            Object carrier = carriers[lead + i];
            if (carrier != args[i]) {
                CType type = i < parameterTypes.length ? parameterTypes[i] : variadicTypes[i - parameterTypes.length];
                OutParameters.copyBack(args[i], carrier, type, name, i);
                StructArguments.copyBackIfHeap(args[i], carrier);
            }
        }
    }

    private Object convert(Object value, CType type, SegmentAllocator frame, int index) {
        if (value instanceof ForeignMemory memory) {
            return memory.segment(); // throws FreedMemoryError once freed
        }
        if (value instanceof Callback callback) {
            return CallbackArguments.pointer(callback, type, name, index);
        }
        if (type.kind() == CType.Kind.STRUCT) {
            return StructArguments.toSegment(value, type, frame, name, index);
        }
        if (value instanceof StructView view) {
            return StructArguments.pointerTo(view, type, frame, name, index);
        }
        if (heapAccess) {
            MemorySegment heap = MemoryAccess.heapSegment(value);
            if (heap != null) {
                return heap; // zero-copy: the linker passes the array's own storage (critical, heap access)
            }
        }
        return Marshal.toForeign(value, type, frame, name, index);
    }

    /**
     * The box class that passes for a type without conversion: its carrier's box when that is also its Java type
     * (Long for long), and MemorySegment for every pointer-carried type (a string or a typed pointer given as a
     * segment). Null for a struct, whose size the converter must check.
     */
    private static Class<?> exactBox(CType type) {
        if (type.kind() == CType.Kind.STRUCT) {
            return null;
        }
        if (type.carrier() == MemorySegment.class) {
            return MemorySegment.class;
        }
        Class<?> carrier = MethodType.methodType(type.carrier()).wrap().returnType();
        Class<?> java = MethodType.methodType(type.javaType()).wrap().returnType();
        return carrier == java ? carrier : null;
    }

    /**
     * A callback that threw while C was running this call returned its default to C; its exception is rethrown
     * now, to this call's Java caller, as the cause of a {@link CallbackError}. Only this call's: a failure pending
     * from before the call was set aside and is pending again.
     */
    private void rethrowCallbackFailure(Object suspended) {
        Throwable failure = CallbackFailures.resumePending(suspended);
        if (failure != null) {
            throw new CallbackError("a callback threw during the call to " + name + ": " + failure, name, failure);
        }
    }

    /** A struct returned by value lives in the call frame: it is copied out before the frame is reused. */
    private Object convertResult(Object raw) {
        if (rawResult) {
            return raw;
        }
        if (Prototypes.returnsStruct(signature)) {
            MemorySegment inFrame = (MemorySegment) raw;
            MemorySegment copy = MemoryAccess.detachedCopy(inFrame, signature.returnType().layout());
            return StructArguments.view(signature.returnType(), copy);
        }
        if (pointedStruct != null) {
            return StructArguments.viewAt(pointedStruct, (MemorySegment) raw);
        }
        if (resultFreeing != null) {
            return resultFreeing.decodeAndFree((MemorySegment) raw, ((StringType) signature.returnType()).charset());
        }
        return Marshal.fromForeign(raw, signature.returnType());
    }

    private void checkArity(int given) {
        int declared = parameterTypes.length;
        if (fixedShape != null ? given != declared : given < declared) { // no fixed shape: variadic
            throw arityError(given);
        }
    }

    private ArityError arityError(int given) {
        int declared = parameterTypes.length;
        return new ArityError(name + " takes " + (signature.variadic() ? "at least " : "") + declared
                + (declared == 1 ? " argument" : " arguments") + " (" + signature + "), got "
                + given, name, declared, given);
    }

    /** A refused call: what was set aside is pending again, and the refusal is translated. */
    private ForeignError refused(RuntimeException rejected, Object[] args, Object suspended) {
        if (mayCallBack) {
            CallbackFailures.resumePending(suspended);
        }
        return translate(rejected, args);
    }

    /** The JDK's refusal of a call, as the user's mistake it reflects. */
    private ForeignError translate(RuntimeException rejected, Object[] args) {
        if (!library.isOpen()) {
            return library.closedError(name);
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof MemorySegment segment && !segment.scope().isAlive()) {
                return new FreedMemoryError("argument " + i + " of " + name + " is memory that has been freed",
                        rejected);
            }
        }
        if (rejected instanceof WrongThreadException) {
            return new ForeignError(name + ": an argument is memory confined to another thread: "
                    + rejected.getMessage(), name, null, rejected);
        }
        if (rejected instanceof IllegalArgumentException) {
            return new ArgumentTypeError(name + ": the linker refused an argument: " + rejected.getMessage(), name,
                    -1);
        }
        return new ForeignError(name + ": call refused: " + rejected.getMessage(), name, null, rejected);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Library library() {
        return library;
    }

    @Override
    public MemorySegment address() {
        if (!library.isOpen()) {
            throw library.closedError(name);
        }
        return address;
    }

    @Override
    public CType returnType() {
        return signature.returnType();
    }

    @Override
    public List<CType> parameterTypes() {
        return signature.parameterTypes();
    }

    @Override
    public CPrototype signature() {
        return signature;
    }

    @Override
    public boolean isVariadic() {
        return signature.variadic();
    }

    @Override
    public FunctionDescriptor descriptor() {
        return signature.descriptor();
    }

    @Override
    public List<CallOption> options() {
        return callOptions;
    }

    @Override
    public String documentation() {
        return documentation;
    }

    @Override
    public ForeignFunction withDocumentation(String text) {
        return new DynamicFunction(library, address, signature, callOptions, text);
    }

    @Override
    public String prototype() {
        return signature.toString();
    }

    @Override
    public String toString() {
        return "ForeignFunction[" + prototype() + " in " + library.name() + "]";
    }
}
