package epsilon.foreign.batch.internal;

import static java.lang.constant.ConstantDescs.BSM_CLASS_DATA_AT;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import epsilon.foreign.marshalling.ForeignError;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Generates the class that runs a plan, with {@code java.lang.classfile}, as a hidden class whose class data is the
 * list of step handles. Each step is a constant handle invoked in a try block whose handler passes the step's index
 * to {@link Run#failed}:
 * <pre>
 *   try {
 *     ldc #dynamic _:MethodHandle = classDataAt(7)    // step 7, a constant to the JIT
 *     aload_0; aload_1
 *     invokevirtual MethodHandle.invokeExact(Object[], Run)void
 *   } catch (Throwable t) { run.failed(7, t); }
 * </pre>
 * Steps are grouped into static methods of at most {@value #STEPS_PER_METHOD} steps, which keeps each method far
 * below the size past which HotSpot refuses to compile one (8000 bytes of bytecode).
 */
final class PlanGenerator {
    static final int STEPS_PER_METHOD = 100;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ClassDesc CD_RUN = Run.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_BODY = PlanBody.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_ROW = Object[].class.describeConstable().orElseThrow();
    private static final MethodTypeDesc RUN_TYPE = MethodTypeDesc.of(CD_void, CD_ROW, CD_RUN);
    private static final MethodTypeDesc FAILED = MethodTypeDesc.of(CD_void, CD_int, CD_Throwable);
    /** Set (to any value) to check every generated class with the class-file verifier before defining it. */
    static final String VERIFY_PROPERTY = "epsilon.batch.verify";

    private PlanGenerator() {}

    /** A new instance of a generated class running {@code steps} in order. */
    static PlanBody generate(List<MethodHandle> steps) {
        ClassDesc name = ClassDesc.of(PlanGenerator.class.getPackageName(), "Plan$" + SEQUENCE.incrementAndGet());
        byte[] bytes = bytes(name, steps.size());
        if (System.getProperty(VERIFY_PROPERTY) != null) {
            verify(bytes);
        }
        try {
            MethodHandles.Lookup defined = LOOKUP.defineHiddenClassWithClassData(bytes, List.copyOf(steps), true);
            return (PlanBody) defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new IllegalStateException("defining the class of a plan of " + steps.size() + " steps", checked);
        }
    }

    static byte[] bytes(ClassDesc name, int steps) {
        int methods = (steps + STEPS_PER_METHOD - 1) / STEPS_PER_METHOD;
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
                int last = Math.min(steps, first + STEPS_PER_METHOD);
                cb.withMethodBody("steps" + m, RUN_TYPE, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, code -> {
                    for (int i = first; i < last; i++) {
                        int index = i;
                        DynamicConstantDesc<MethodHandle> step = DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT,
                                DEFAULT_NAME, CD_MethodHandle, index);
                        code.trying(block -> block
                                        .ldc(step)
                                        .aload(0)
                                        .aload(1)
                                        .invokevirtual(CD_MethodHandle, "invokeExact", RUN_TYPE),
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
