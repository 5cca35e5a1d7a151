package epsilon.foreign.trampoline.internal;

import static java.lang.constant.ConstantDescs.BSM_CLASS_DATA;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.io.IOException;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ConstantDescs;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import epsilon.foreign.trampoline.BoundTrampoline;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Writes, with {@code java.lang.classfile}, one hidden class per call shape whose {@code invoke} unboxes each
 * argument, calls the downcall handle with {@code invokeExact}, and boxes the result. The handle is the hidden
 * class's class data, loaded by {@code ldc} of a dynamic constant: to the JIT it is a constant, so the call
 * inlines down to the native stub, which a handle held in a field does not.
 *
 * <p>Switches, as the JDK has for its own generated classes: {@code -Depsilon.trampoline.dump=DIR} writes every
 * generated class to DIR; {@code -Depsilon.trampoline.verify=true} runs the class-file verifier on each before
 * it is defined.
 */
final class InvokerGenerator {
    private static final String DUMP_DIRECTORY = System.getProperty("epsilon.trampoline.dump");
    private static final boolean VERIFY = Boolean.getBoolean("epsilon.trampoline.verify");
    private static final ClassDesc CD_INVOKER = ClassDesc.of(Invoker.class.getName());
    private static final ClassDesc CD_MEMORY_SEGMENT = ClassDesc.of(MemorySegment.class.getName());
    private static final MethodTypeDesc INVOKE_TYPE = MethodTypeDesc.of(CD_Object, CD_MEMORY_SEGMENT,
            CD_Object.arrayType());
    private static final MethodTypeDesc INVOKE_IF_EXACT_TYPE = MethodTypeDesc.of(CD_Object, CD_Object.arrayType());
    private static final ClassDesc CD_BOUND_TRAMPOLINE = ClassDesc.of(BoundTrampoline.class.getName());
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private InvokerGenerator() {}

    static Invoker generate(MethodHandle downcall, Path dumpDirectory, boolean verify) {
        return generate(downcall, false, dumpDirectory, verify);
    }

    /**
     * @param addressBound whether {@code downcall} already has its function's address bound: then the generated
     *                     {@code invoke} ignores its address argument, and the address is part of the constant,
     *                     which lets the JIT fold the linker's checks on it (its scope, its nullness) away
     */
    static Invoker generate(MethodHandle downcall, boolean addressBound, Path dumpDirectory, boolean verify) {
        MethodType type = addressBound ? downcall.type().insertParameterTypes(0, MemorySegment.class) : downcall.type();
        String simpleName = (addressBound ? "Bound" : "Shape") + COUNTER.incrementAndGet() + "_" + shapeName(type);
        ClassDesc self = ClassDesc.of(InvokerGenerator.class.getPackageName() + "." + simpleName);
        byte[] bytes = ClassFile.of().build(self, new ClassBody(type, addressBound));
        if (dumpDirectory != null) {
            dump(dumpDirectory, simpleName, bytes);
        }
        if (verify) {
            var errors = ClassFile.of().verify(bytes);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("generated trampoline " + simpleName + " fails verification: " + errors);
            }
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, downcall, true);
            return (Invoker) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define generated trampoline " + simpleName, t);
        }
    }

    /**
     * The generated class, and each of its methods' code: one class of ours rather than a lambda per builder, as
     * each lambda would spin a class of its own on a program's first call.
     */
    private record ClassBody(MethodType type, boolean addressBound) implements Consumer<ClassBuilder> {
        @Override
        public void accept(ClassBuilder cls) {
            cls.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cls.withInterfaceSymbols(CD_INVOKER);
            cls.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC, new CodeBody(this, 0));
            cls.withMethodBody("invoke", INVOKE_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    new CodeBody(this, 1));
            cls.withMethodBody("invokeIfExact", INVOKE_IF_EXACT_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    new CodeBody(this, 2));
        }
    }

    /** The code of one method of a {@link ClassBody}: 0 the constructor, 1 {@code invoke}, 2 {@code invokeIfExact}. */
    private record CodeBody(ClassBody body, int method) implements Consumer<CodeBuilder> {
        @Override
        public void accept(CodeBuilder code) {
            if (method == 0) {
                code.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_();
            } else if (method == 1) {
                invokeBody(code, body.type(), body.addressBound());
            } else if (body.addressBound()) {
                invokeIfExactBody(code, body.type().dropParameterTypes(0, 1));
            } else {
                code.getstatic(CD_BOUND_TRAMPOLINE, "NOT_EXACT", CD_Object).areturn();
            }
        }
    }

    static Invoker generate(MethodHandle downcall) {
        return generate(downcall, false, DUMP_DIRECTORY == null ? null : Path.of(DUMP_DIRECTORY), VERIFY);
    }

    /** The invoker of one function: {@code boundDowncall} has its address bound (see {@link #generate}). */
    static Invoker generateBound(MethodHandle boundDowncall) {
        return generate(boundDowncall, true, DUMP_DIRECTORY == null ? null : Path.of(DUMP_DIRECTORY), VERIFY);
    }

    /**
     * {@code ldc handle; aload address; (aload args; ldc i; aaload; unbox)*; invokeExact; box; areturn}, without
     * {@code aload address} when the handle has it bound.
     */
    private static void invokeBody(CodeBuilder code, MethodType type, boolean addressBound) {
        code.ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA, DEFAULT_NAME, CD_MethodHandle));
        if (!addressBound) {
            code.aload(1);
        }
        for (int i = 1; i < type.parameterCount(); i++) {
            code.aload(2).loadConstant(i - 1).aaload();
            unbox(code, type.parameterType(i));
        }
        MethodType called = addressBound ? type.dropParameterTypes(0, 1) : type;
        code.invokevirtual(CD_MethodHandle, "invokeExact", called.describeConstable().orElseThrow());
        box(code, type.returnType());
        code.areturn();
    }

    /**
     * {@code if (args == null || args.length != n) return NOT_EXACT; (a_i = args[i]; if (!(a_i instanceof Box_i))
     * return NOT_EXACT; and for a pointer: if (a_i.isNative() && a_i.address() == 0) return NOT_EXACT)*; ldc handle;
     * (a_i unboxed)*; invokeExact; box; areturn}. Every box class but MemorySegment is final, so the instanceof is
     * the exact-class test the dynamic path makes.
     */
    private static void invokeIfExactBody(CodeBuilder code, MethodType type) {
        int n = type.parameterCount();
        Label notExact = code.newLabel();
        code.aload(1).ifnull(notExact);
        code.aload(1).arraylength().loadConstant(n).if_icmpne(notExact);
        for (int i = 0; i < n; i++) {
            Class<?> carrier = type.parameterType(i);
            Class<?> box = carrier.isPrimitive() ? MethodType.methodType(carrier).wrap().returnType() : carrier;
            ClassDesc boxDesc = box.describeConstable().orElseThrow();
            int local = 2 + i;
            code.aload(1).loadConstant(i).aaload().astore(local);
            code.aload(local).instanceOf(boxDesc).ifeq(notExact);
            if (box == MemorySegment.class) {
                Label notNull = code.newLabel();
                code.aload(local).checkcast(CD_MEMORY_SEGMENT)
                        .invokeinterface(CD_MEMORY_SEGMENT, "isNative", MethodTypeDesc.of(ConstantDescs.CD_boolean))
                        .ifeq(notNull);
                code.aload(local).checkcast(CD_MEMORY_SEGMENT)
                        .invokeinterface(CD_MEMORY_SEGMENT, "address", MethodTypeDesc.of(ConstantDescs.CD_long))
                        .lconst_0().lcmp().ifeq(notExact);
                code.labelBinding(notNull);
            }
        }
        code.ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA, DEFAULT_NAME, CD_MethodHandle));
        for (int i = 0; i < n; i++) {
            code.aload(2 + i);
            unbox(code, type.parameterType(i));
        }
        code.invokevirtual(CD_MethodHandle, "invokeExact", type.describeConstable().orElseThrow());
        box(code, type.returnType());
        code.areturn();
        code.labelBinding(notExact);
        code.getstatic(CD_BOUND_TRAMPOLINE, "NOT_EXACT", CD_Object).areturn();
    }

    private static void unbox(CodeBuilder code, Class<?> carrier) {
        if (!carrier.isPrimitive()) {
            code.checkcast(carrier.describeConstable().orElseThrow());
            return;
        }
        ClassDesc wrapper = MethodType.methodType(carrier).wrap().returnType().describeConstable().orElseThrow();
        code.checkcast(wrapper);
        code.invokevirtual(wrapper, carrier.getName() + "Value",
                MethodTypeDesc.of(carrier.describeConstable().orElseThrow()));
    }

    private static void box(CodeBuilder code, Class<?> carrier) {
        if (carrier == void.class) {
            code.aconst_null();
        } else if (carrier.isPrimitive()) {
            ClassDesc wrapper = MethodType.methodType(carrier).wrap().returnType().describeConstable().orElseThrow();
            code.invokestatic(wrapper, "valueOf",
                    MethodTypeDesc.of(wrapper, carrier.describeConstable().orElseThrow()));
        }
        // A reference result (MemorySegment) is returned as it is.
    }

    /** {@code J_J} for {@code (MemorySegment, long) -> long}: readable names in dumps and stack traces. */
    private static String shapeName(MethodType type) {
        StringBuilder name = new StringBuilder();
        for (Class<?> parameter : type.dropParameterTypes(0, 1).parameterList()) {
            name.append(letter(parameter));
        }
        return name.append('_').append(letter(type.returnType())).toString();
    }

    private static char letter(Class<?> carrier) {
        return carrier.isPrimitive() ? carrier.descriptorString().charAt(0) : 'L';
    }

    private static void dump(Path directory, String name, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".class"), bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot dump generated trampoline " + name + " to " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
