package epsilon.foreign.batch.internal;

import epsilon.foreign.CallOption;
import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.batch.BatchError;
import epsilon.foreign.marshalling.CParameter;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a plan as one method handle of type {@code (Object[] row, Run run)void}: it takes its arguments from
 * the row at fixed positions, converts each with the converter of its carrier (bound to the parameter's constants),
 * calls its own downcall handle, and stores the result in the run. Everything a step depends on is bound into the
 * handle when the plan is compiled, so a step does no lookup and no dispatch.
 */
final class StepLinker {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle ELEMENT = MethodHandles.arrayElementGetter(Object[].class);
    private static final MethodHandle AS_LONG = find(Arguments.class, "asLong", long.class);
    private static final MethodHandle AS_INT = find(Arguments.class, "asInt", int.class);
    private static final MethodHandle AS_DOUBLE = find(Arguments.class, "asDouble", double.class);
    private static final MethodHandle AS_SEGMENT = find(Arguments.class, "asSegment", MemorySegment.class);
    private static final MethodHandle AS_OBJECT = find(Arguments.class, "asObject", Object.class);
    private static final MethodHandle MEMORY;
    private static final MethodHandle CAPTURE;
    private static final MethodHandle BEFORE;
    private static final MethodHandle STORE_VOID;
    private static final MethodHandle STORE_WORD;
    private static final MethodHandle STORE_DOUBLE;
    private static final MethodHandle STORE_OBJECT;

    static {
        try {
            MEMORY = LOOKUP.findVirtual(Run.class, "memory", MethodType.methodType(RunMemory.class))
                    .asType(MethodType.methodType(SegmentAllocator.class, Run.class));
            CAPTURE = LOOKUP.findVirtual(Run.class, "capture", MethodType.methodType(MemorySegment.class));
            BEFORE = LOOKUP.findStatic(Run.class, "before", MethodType.methodType(void.class, Run.class));
            STORE_VOID = LOOKUP.findStatic(Run.class, "storeVoid",
                    MethodType.methodType(void.class, Run.class, StepInfo.class));
            STORE_WORD = LOOKUP.findStatic(Run.class, "storeWord",
                    MethodType.methodType(void.class, long.class, Run.class, StepInfo.class));
            STORE_DOUBLE = LOOKUP.findStatic(Run.class, "storeDouble",
                    MethodType.methodType(void.class, double.class, Run.class, StepInfo.class));
            STORE_OBJECT = LOOKUP.findStatic(Run.class, "storeObject",
                    MethodType.methodType(void.class, Object.class, Run.class, StepInfo.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StepLinker() {}

    private static MethodHandle find(Class<?> owner, String name, Class<?> returns) {
        try {
            return LOOKUP.findStatic(owner, name, MethodType.methodType(returns, Parameter.class, Object.class,
                    Run.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What one step is: a function, the C types of its variadic arguments, and where its arguments start in a row.
     *
     * @param function      the resolved function
     * @param variadicTypes the promoted C types of its variadic arguments; empty for a fixed-arity function
     */
    record Spec(ForeignFunction function, List<CType> variadicTypes) {
        int arity() {
            return function.parameterTypes().size() + variadicTypes.size();
        }
    }

    /** The step's constants: what the run needs to know about it, and whether its call is critical. */
    static StepInfo info(Spec spec, int index, boolean planCapturesErrno) {
        ForeignFunction function = spec.function();
        ErrnoPolicy policy = null;
        for (CallOption option : function.options()) {
            switch (option) {
                case CallOption.CaptureErrno capture -> policy = capture.policy();
                case CallOption.Critical critical -> { }
                case CallOption.FreeResult free -> throw new BatchError("call " + index + " (" + function.name()
                        + ") frees its result with " + free.function() + " (CallOption.freedWith), which a batch does"
                        + " not do: call it directly", function.name(), index, 0, -1, null);
            }
        }
        CType returnType = function.returnType();
        boolean mayCallBack = function.isVariadic() || function.parameterTypes().stream()
                .anyMatch(t -> t.kind() == CType.Kind.FUNCTION_POINTER || t.kind() == CType.Kind.POINTER);
        StructType pointed = returnType instanceof PointerType pointer && pointer.target() instanceof StructType struct
                && struct.isComplete() ? struct : null;
        return new StepInfo(index, function.name(), returnType, resultKind(returnType), policy,
                policy != null || planCapturesErrno, mayCallBack, pointed);
    }

    static boolean isCritical(ForeignFunction function) {
        return function.options().stream().anyMatch(o -> o instanceof CallOption.Critical);
    }

    private static StepInfo.ResultKind resultKind(CType type) {
        if (type.isVoid()) {
            return StepInfo.ResultKind.VOID;
        }
        Class<?> carrier = type.carrier();
        if (type.kind() != CType.Kind.STRUCT && carrier == type.javaType()) {
            if (carrier == long.class || carrier == int.class || carrier == short.class || carrier == byte.class) {
                return StepInfo.ResultKind.WORD;
            }
            if (carrier == double.class || carrier == float.class) {
                return StepInfo.ResultKind.DOUBLE;
            }
        }
        return StepInfo.ResultKind.OBJECT;
    }

    /** The step's own downcall handle: critical, errno capture and variadic as its function and the plan say. */
    static MethodHandle downcall(Spec spec, StepInfo info) {
        ForeignFunction function = spec.function();
        List<Linker.Option> options = new ArrayList<>();
        for (CallOption option : function.options()) {
            if (option instanceof CallOption.Critical critical) {
                options.add(Linker.Option.critical(critical.heapAccess()));
            }
        }
        if (info.capturesErrno()) {
            options.add(Linker.Option.captureCallState("errno"));
        }
        FunctionDescriptor descriptor = function.descriptor();
        if (function.isVariadic()) {
            options.add(Linker.Option.firstVariadicArg(function.parameterTypes().size()));
            descriptor = descriptor.appendArgumentLayouts(spec.variadicTypes().stream().map(CType::argumentLayout)
                    .toArray(MemoryLayout[]::new));
        }
        return LINKER.downcallHandle(Targets.address(function), descriptor, options.toArray(Linker.Option[]::new));
    }

    /** What the conversion of each argument of the step depends on, in order. */
    static Parameter[] parameters(Spec spec) {
        ForeignFunction function = spec.function();
        boolean heapAccess = function.options().stream()
                .anyMatch(o -> o instanceof CallOption.Critical critical && critical.heapAccess());
        List<CParameter> declared = function.signature().parameters();
        Parameter[] parameters = new Parameter[spec.arity()];
        for (int j = 0; j < parameters.length; j++) {
            CType type = j < declared.size() ? declared.get(j).type() : spec.variadicTypes().get(j - declared.size());
            boolean nonnull = j < declared.size() && declared.get(j).nonnull();
            parameters[j] = new Parameter(type, function.name(), j, exact(type), nonnull, heapAccess);
        }
        return parameters;
    }

    /** The step as one combinator tree over its downcall, for the interpreted path. */
    static MethodHandle link(MethodHandle call, Parameter[] parameters, StepInfo info, int offset) {
        int leading = call.type().parameterCount() - parameters.length;
        MethodHandle handle = call;
        for (int k = call.type().parameterCount() - 1; k >= 0; k--) {
            Class<?> carrier = call.type().parameterType(k);
            MethodHandle extractor;
            if (k < leading) {
                MethodHandle lead = carrier == SegmentAllocator.class ? MEMORY : CAPTURE;
                extractor = MethodHandles.dropArguments(lead, 0, Object[].class);
            } else {
                int j = k - leading;
                Parameter parameter = parameters[j];
                MethodHandle converter = converter(carrier).bindTo(parameter).asType(
                        MethodType.methodType(carrier, Object.class, Run.class));
                MethodHandle element = MethodHandles.insertArguments(ELEMENT, 1, offset + j);
                extractor = MethodHandles.filterArguments(converter, 0, element);
            }
            handle = MethodHandles.collectArguments(handle, k, extractor);
        }
        MethodHandle store = store(info, call.type().returnType());
        handle = MethodHandles.collectArguments(store, 0, handle);
        MethodType stepType = MethodType.methodType(void.class, Object[].class, Run.class);
        int[] reorder = new int[handle.type().parameterCount()];
        for (int i = 0; i < reorder.length; i++) {
            reorder[i] = handle.type().parameterType(i) == Object[].class ? 0 : 1;
        }
        handle = MethodHandles.permuteArguments(handle, stepType, reorder);
        if (info.mayCallBack()) {
            handle = MethodHandles.foldArguments(handle, MethodHandles.dropArguments(BEFORE, 0, Object[].class));
        }
        return handle;
    }

    private static MethodHandle converter(Class<?> carrier) {
        if (carrier == long.class) {
            return AS_LONG;
        }
        if (carrier == int.class) {
            return AS_INT;
        }
        if (carrier == double.class) {
            return AS_DOUBLE;
        }
        if (carrier == MemorySegment.class) {
            return AS_SEGMENT;
        }
        return AS_OBJECT;
    }

    /** Whether the carrier's box is the Java type, so that a value of it passes without conversion. */
    private static boolean exact(CType type) {
        return type.kind() != CType.Kind.STRUCT && type.carrier() == type.javaType() && type.carrier().isPrimitive();
    }

    /** {@code (R, Run)void} storing the result: unboxed words for signed integers and floating types. */
    private static MethodHandle store(StepInfo info, Class<?> returns) {
        return switch (info.result()) {
            case VOID -> MethodHandles.insertArguments(STORE_VOID, 1, info);
            case WORD -> MethodHandles.insertArguments(STORE_WORD, 2, info)
                    .asType(MethodType.methodType(void.class, returns, Run.class));
            case DOUBLE -> MethodHandles.insertArguments(STORE_DOUBLE, 2, info)
                    .asType(MethodType.methodType(void.class, returns, Run.class));
            case OBJECT -> MethodHandles.insertArguments(STORE_OBJECT, 2, info)
                    .asType(MethodType.methodType(void.class, returns, Run.class));
        };
    }
}
