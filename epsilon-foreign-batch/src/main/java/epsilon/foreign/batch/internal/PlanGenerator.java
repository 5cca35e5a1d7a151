package epsilon.foreign.batch.internal;

import static java.lang.constant.ConstantDescs.BSM_CLASS_DATA_AT;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import epsilon.foreign.marshalling.ForeignError;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Generates the class that runs a plan, with {@code java.lang.classfile}, as a hidden class whose class data holds
 * each step's downcall handle, its {@link StepInfo} and its {@link Parameter}s, loaded with {@code ldc} as dynamic
 * constants. Each step is straight-line code: its arguments read from the row at fixed positions and converted by a
 * static converter, the downcall invoked exactly, the result stored; a try block around it passes the step's index
 * to {@link Run#failed}. For {@code long labs(long)} as step 7 with its argument at row index 7:
 * <pre>
 *   try {
 *     ldc #dynamic _:MethodHandle = classDataAt(21)     // the downcall, a constant to the JIT
 *     ldc #dynamic _:Parameter = classDataAt(23)
 *     aload_0; bipush 7; aaload; aload_1
 *     invokestatic Arguments.asLong(Parameter, Object, Run)long
 *     invokevirtual MethodHandle.invokeExact(long)long
 *     aload_1; ldc #dynamic _:StepInfo = classDataAt(22)
 *     invokestatic Run.storeWord(long, Run, StepInfo)void
 *   } catch (Throwable t) { run.failed(7, t); }
 * </pre>
 * Steps are grouped into static methods of at most {@value #STEPS_PER_METHOD} steps, so that each method is compiled
 * on its own with its downcalls inlined, far below the size past which HotSpot gives up inlining or refuses to
 * compile a method.
 */
final class PlanGenerator {
    static final int STEPS_PER_METHOD = 25;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ClassDesc CD_RUN = desc(Run.class);
    private static final ClassDesc CD_BODY = desc(PlanBody.class);
    private static final ClassDesc CD_ROW = desc(Object[].class);
    private static final ClassDesc CD_PARAMETER = desc(Parameter.class);
    private static final ClassDesc CD_STEP = desc(StepInfo.class);
    private static final ClassDesc CD_ARGUMENTS = desc(Arguments.class);
    private static final ClassDesc CD_MEMORY = desc(RunMemory.class);
    private static final ClassDesc CD_SEGMENT = desc(MemorySegment.class);
    private static final MethodTypeDesc RUN_TYPE = MethodTypeDesc.of(CD_void, CD_ROW, CD_RUN);
    private static final MethodTypeDesc FAILED = MethodTypeDesc.of(CD_void, CD_int, CD_Throwable);
    /** Set (to any value) to check every generated class with the class-file verifier before defining it. */
    static final String VERIFY_PROPERTY = "epsilon.batch.verify";

    /**
     * One step as the generator needs it.
     *
     * @param downcall   the step's downcall handle
     * @param info       its constants
     * @param parameters its arguments' constants
     * @param offset     where its first argument is in a row
     */
    record StepCode(MethodHandle downcall, StepInfo info, Parameter[] parameters, int offset) {}

    private PlanGenerator() {}

    private static ClassDesc desc(Class<?> type) {
        return type.describeConstable().orElseThrow();
    }

    /** A new instance of a generated class running {@code steps} in order. */
    static PlanBody generate(List<StepCode> steps) {
        ClassDesc name = ClassDesc.of(PlanGenerator.class.getPackageName(), "Plan$" + SEQUENCE.incrementAndGet());
        List<Object> data = new ArrayList<>();
        int[] base = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            base[i] = data.size();
            data.add(steps.get(i).downcall());
            data.add(steps.get(i).info());
            data.addAll(List.of(steps.get(i).parameters()));
        }
        byte[] bytes = bytes(name, steps, base);
        if (System.getProperty(VERIFY_PROPERTY) != null) {
            verify(bytes);
        }
        try {
            MethodHandles.Lookup defined = LOOKUP.defineHiddenClassWithClassData(bytes, List.copyOf(data), true);
            return (PlanBody) defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new IllegalStateException("defining the class of a plan of " + steps.size() + " steps", checked);
        }
    }

    private static DynamicConstantDesc<Object> constant(ClassDesc type, int index) {
        return DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, type, index);
    }

    static byte[] bytes(ClassDesc name, List<StepCode> steps, int[] base) {
        int methods = (steps.size() + STEPS_PER_METHOD - 1) / STEPS_PER_METHOD;
        return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver())).build(name, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(CD_Object);
            cb.withInterfaceSymbols(CD_BODY);
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PRIVATE, code -> code
                    .aload(0)
                    .invokespecial(CD_Object, INIT_NAME, MTD_void)
                    .return_());
            cb.withMethodBody("run", RUN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> {
                for (int m = 0; m < methods; m++) {
                    code.aload(1).aload(2).invokestatic(name, "steps" + m, RUN_TYPE);
                }
                code.return_();
            });
            for (int m = 0; m < methods; m++) {
                int first = m * STEPS_PER_METHOD;
                int last = Math.min(steps.size(), first + STEPS_PER_METHOD);
                cb.withMethodBody("steps" + m, RUN_TYPE, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, code -> {
                    for (int i = first; i < last; i++) {
                        int index = i;
                        code.trying(block -> step(block, steps.get(index), base[index]),
                                handlers -> handlers.catchingAll(handler -> handler
                                        .astore(2)
                                        .aload(1)
                                        .loadConstant(index)
                                        .aload(2)
                                        .invokevirtual(CD_RUN, "failed", FAILED)));
                    }
                    code.return_();
                });
            }
        });
    }

    /** One step's code: locals 0 and 1 are the row and the run. */
    private static void step(CodeBuilder code, StepCode step, int base) {
        StepInfo info = step.info();
        MethodType type = step.downcall().type();
        int leading = type.parameterCount() - step.parameters().length;
        if (info.mayCallBack()) {
            code.aload(1).invokestatic(CD_RUN, "before", MethodTypeDesc.of(CD_void, CD_RUN));
        }
        code.ldc(constant(CD_MethodHandle, base));
        for (int k = 0; k < leading; k++) {
            if (type.parameterType(k) == SegmentAllocator.class) {
                code.aload(1).invokevirtual(CD_RUN, "memory", MethodTypeDesc.of(CD_MEMORY));
            } else {
                code.aload(1).invokevirtual(CD_RUN, "capture", MethodTypeDesc.of(CD_SEGMENT));
            }
        }
        for (int j = 0; j < step.parameters().length; j++) {
            Class<?> carrier = type.parameterType(leading + j);
            code.ldc(constant(CD_PARAMETER, base + 2 + j))
                    .aload(0).loadConstant(step.offset() + j).aaload()
                    .aload(1);
            String converter = carrier == long.class ? "asLong" : carrier == int.class ? "asInt"
                    : carrier == double.class ? "asDouble" : carrier == MemorySegment.class ? "asSegment" : "asObject";
            ClassDesc returned = converter.equals("asObject") ? CD_Object : desc(carrier);
            code.invokestatic(CD_ARGUMENTS, converter, MethodTypeDesc.of(returned, CD_PARAMETER, CD_Object, CD_RUN));
            if (converter.equals("asObject")) {
                unbox(code, carrier);
            }
        }
        code.invokevirtual(CD_MethodHandle, "invokeExact", type.describeConstable().orElseThrow());
        Class<?> result = type.returnType();
        switch (info.result()) {
            case VOID -> code.aload(1).ldc(constant(CD_STEP, base + 1))
                    .invokestatic(CD_RUN, "storeVoid", MethodTypeDesc.of(CD_void, CD_RUN, CD_STEP));
            case WORD -> {
                if (result != long.class) {
                    code.i2l();
                }
                code.aload(1).ldc(constant(CD_STEP, base + 1))
                        .invokestatic(CD_RUN, "storeWord", MethodTypeDesc.of(CD_void, CD_long, CD_RUN, CD_STEP));
            }
            case DOUBLE -> {
                if (result == float.class) {
                    code.f2d();
                }
                code.aload(1).ldc(constant(CD_STEP, base + 1))
                        .invokestatic(CD_RUN, "storeDouble", MethodTypeDesc.of(CD_void, CD_double, CD_RUN, CD_STEP));
            }
            case OBJECT -> {
                if (result.isPrimitive()) {
                    Class<?> box = MethodType.methodType(result).wrap().returnType();
                    code.invokestatic(desc(box), "valueOf", MethodTypeDesc.of(desc(box), desc(result)));
                }
                code.aload(1).ldc(constant(CD_STEP, base + 1))
                        .invokestatic(CD_RUN, "storeObject", MethodTypeDesc.of(CD_void, CD_Object, CD_RUN, CD_STEP));
            }
        }
    }

    /** A boxed carrier (Float, Short, Byte, Boolean, Character) to its primitive, as the downcall takes it. */
    private static void unbox(CodeBuilder code, Class<?> carrier) {
        Class<?> box = MethodType.methodType(carrier).wrap().returnType();
        code.checkcast(desc(box)).invokevirtual(desc(box), carrier.getName() + "Value",
                MethodTypeDesc.of(desc(carrier)));
    }

    private static ClassHierarchyResolver resolver() {
        return ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofClassLoading(PlanGenerator.class.getClassLoader()));
    }

    private static void verify(byte[] bytes) {
        List<VerifyError> errors = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver())).verify(bytes);
        if (!errors.isEmpty()) {
            throw new ForeignError("the class generated for a batch plan fails verification (" + VERIFY_PROPERTY
                    + "): " + errors.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")), null);
        }
    }
}
