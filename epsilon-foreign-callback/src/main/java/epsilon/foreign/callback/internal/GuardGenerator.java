package epsilon.foreign.callback.internal;

import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_byte;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes, with {@code java.lang.classfile}, one hidden class per upcall type whose static {@code guard} method takes
 * the {@link UpcallGuard} and the upcall's arguments with their exact types, and runs the steps that
 * {@link UpcallGuard} describes: no boxing, and a catch handler whose fallback is field and static writes only, so
 * it cannot throw. The default result is read from the guard's field of the result's type, so returning it needs no
 * call either.
 *
 * <p>Switches, as for the trampolines' generated classes: {@code -Depsilon.callback.dump=DIR} writes every
 * generated class to DIR; {@code -Depsilon.callback.verify=true} runs the class-file verifier on each before it is
 * defined.
 */
final class GuardGenerator {
    private static final String DUMP_DIRECTORY = System.getProperty("epsilon.callback.dump");
    private static final boolean VERIFY = Boolean.getBoolean("epsilon.callback.verify");
    private static final Map<MethodType, MethodHandle> GUARDS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static final ClassDesc CD_GUARD = desc(UpcallGuard.class);
    private static final ClassDesc CD_STATE = desc(UpcallState.class);
    private static final ClassDesc CD_ROUTER = desc(FailureRouter.class);
    private static final MethodTypeDesc MTD_CURRENT = MethodTypeDesc.of(CD_STATE);
    private static final MethodTypeDesc MTD_PREPARE = MethodTypeDesc.of(CD_void, CD_STATE);
    private static final MethodTypeDesc MTD_FAILED = MethodTypeDesc.of(CD_void, CD_GUARD, CD_STATE, CD_Throwable);
    private static final MethodTypeDesc MTD_DRAIN = MethodTypeDesc.of(CD_void, CD_STATE);

    private GuardGenerator() {}

    /**
     * {@code (UpcallGuard, MethodHandle target, arguments...)result} for an upcall of {@code type}: one class per
     * type, made once. The target comes as an argument, to be bound with {@code insertArguments}: a bound value of
     * a constant handle is a constant to the JIT, so the call inlines into the upcall; a final field of an ordinary
     * object is not.
     */
    static MethodHandle guardOf(MethodType type) {
        return GUARDS.computeIfAbsent(type, GuardGenerator::generate);
    }

    private static MethodHandle generate(MethodType type) {
        String simpleName = "Guard" + COUNTER.incrementAndGet() + "_" + shapeName(type);
        ClassDesc self = ClassDesc.of(GuardGenerator.class.getPackageName() + "." + simpleName);
        MethodType guardType = type.insertParameterTypes(0, UpcallGuard.class, MethodHandle.class);
        byte[] bytes = ClassFile.of().build(self, cls -> {
            cls.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cls.withMethodBody("guard", guardType.describeConstable().orElseThrow(),
                    ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, code -> guardBody(code, type));
        });
        if (DUMP_DIRECTORY != null) {
            dump(Path.of(DUMP_DIRECTORY), simpleName, bytes);
        }
        if (VERIFY) {
            var errors = ClassFile.of().verify(bytes);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("generated callback guard " + simpleName + " fails verification: "
                        + errors);
            }
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return hidden.findStatic(hidden.lookupClass(), "guard", guardType);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define generated callback guard " + simpleName, e);
        }
    }

    /** The steps of {@link UpcallGuard}'s plain path, with the upcall's own types. */
    private static void guardBody(CodeBuilder code, MethodType type) {
        Class<?> returned = type.returnType();
        TypeKind resultKind = TypeKind.from(returned);
        int state = code.allocateLocal(TypeKind.REFERENCE);
        int result = returned == void.class ? -1 : code.allocateLocal(resultKind);
        int depth = code.allocateLocal(TypeKind.INT);
        Label tryStart = code.newLabel();
        Label tryEnd = code.newLabel();
        Label caught = code.newLabel();
        Label recordStart = code.newLabel();
        Label recordEnd = code.newLabel();
        Label recordFailed = code.newLabel();
        Label useDefault = code.newLabel();
        Label exit = code.newLabel();
        Label prepare = code.newLabel();
        Label prepared = code.newLabel();

        code.aconst_null().astore(state);
        // try {
        code.labelBinding(tryStart);
        code.invokestatic(CD_STATE, "current", MTD_CURRENT).astore(state);
        code.aload(state).aload(state).getfield(CD_STATE, "depth", CD_int).iconst_1().iadd()
                .putfield(CD_STATE, "depth", CD_int);
        code.aload(state).getfield(CD_STATE, "depth", CD_int).loadConstant(UpcallState.CHECKED_DEPTH)
                .if_icmpge(prepare);
        code.aload(state).getfield(CD_STATE, "origin", CD_byte).ifne(prepared);
        code.labelBinding(prepare);
        code.aload(state).invokestatic(CD_STATE, "prepare", MTD_PREPARE);
        code.labelBinding(prepared);
        code.aload(1);
        for (int i = 0; i < type.parameterCount(); i++) {
            code.loadLocal(TypeKind.from(type.parameterType(i)), code.parameterSlot(i + 2));
        }
        code.invokevirtual(CD_MethodHandle, "invokeExact", type.describeConstable().orElseThrow());
        if (result >= 0) {
            code.storeLocal(resultKind, result);
        }
        code.labelBinding(tryEnd);
        code.goto_(exit);
        // } catch (Throwable thrown) {
        code.labelBinding(caught);
        int thrown = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(thrown);
        code.labelBinding(recordStart);
        code.aload(0).aload(state).aload(thrown).invokestatic(CD_ROUTER, "failed", MTD_FAILED);
        code.labelBinding(recordEnd);
        code.goto_(useDefault);
        //     catch (Throwable again) { unrecorded++; }
        code.labelBinding(recordFailed);
        code.pop();
        code.getstatic(CD_GUARD, "unrecorded", CD_int).iconst_1().iadd().putstatic(CD_GUARD, "unrecorded", CD_int);
        code.labelBinding(useDefault);
        if (result >= 0) {
            loadDefault(code, returned);
            code.storeLocal(resultKind, result);
        }
        // }
        code.labelBinding(exit);
        exitBody(code, state, depth);
        if (result >= 0) {
            code.loadLocal(resultKind, result);
        }
        code.return_(resultKind);
        code.exceptionCatchAll(tryStart, tryEnd, caught);
        code.exceptionCatchAll(recordStart, recordEnd, recordFailed);
    }

    /**
     * {@code if (state != null) { depth = state.depth; state.depth = depth - 1; if (state.takenDepth == depth)
     * state.taken = null; if (depth == 1 && state.backlogError != null) try { drainAtExit(state); } catch
     * (Throwable notNow) {} }}
     */
    private static void exitBody(CodeBuilder code, int state, int depth) {
        Label done = code.newLabel();
        Label keepTaken = code.newLabel();
        Label drainStart = code.newLabel();
        Label drainEnd = code.newLabel();
        Label drainFailed = code.newLabel();
        code.aload(state).ifnull(done);
        code.aload(state).getfield(CD_STATE, "depth", CD_int).istore(depth);
        code.aload(state).iload(depth).iconst_1().isub().putfield(CD_STATE, "depth", CD_int);
        code.aload(state).getfield(CD_STATE, "takenDepth", CD_int).iload(depth).if_icmpne(keepTaken);
        code.aload(state).aconst_null().putfield(CD_STATE, "taken", CD_Throwable);
        code.labelBinding(keepTaken);
        code.iload(depth).iconst_1().if_icmpne(done);
        code.aload(state).getfield(CD_STATE, "backlogError", CD_Throwable).ifnull(done);
        code.labelBinding(drainStart);
        code.aload(state).invokestatic(CD_ROUTER, "drainAtExit", MTD_DRAIN);
        code.labelBinding(drainEnd);
        code.goto_(done);
        code.labelBinding(drainFailed);
        code.pop(); // stays in the backlog, for this thread's next callback or Java caller
        code.labelBinding(done);
        code.exceptionCatchAll(drainStart, drainEnd, drainFailed);
    }

    /** The guard's default result field of the result's carrier, converted with bytecodes only. */
    private static void loadDefault(CodeBuilder code, Class<?> carrier) {
        code.aload(0);
        if (carrier == double.class || carrier == float.class) {
            code.getfield(CD_GUARD, "defaultDouble", CD_double);
            if (carrier == float.class) {
                code.d2f();
            }
        } else if (carrier.isPrimitive()) {
            code.getfield(CD_GUARD, "defaultLong", CD_long);
            if (carrier != long.class) {
                code.l2i();
                if (carrier == byte.class) {
                    code.i2b();
                } else if (carrier == short.class) {
                    code.i2s();
                } else if (carrier == char.class) {
                    code.i2c();
                } else if (carrier == boolean.class) {
                    code.iconst_1().iand();
                }
            }
        } else {
            code.getfield(CD_GUARD, "defaultReference", CD_Object).checkcast(desc(carrier));
        }
    }

    /** {@code LL_I} for {@code (MemorySegment, MemorySegment) -> int}: readable names in dumps. */
    private static String shapeName(MethodType type) {
        StringBuilder name = new StringBuilder();
        for (Class<?> parameter : type.parameterList()) {
            name.append(letter(parameter));
        }
        return name.append('_').append(letter(type.returnType())).toString();
    }

    private static char letter(Class<?> carrier) {
        return carrier.isPrimitive() ? carrier.descriptorString().charAt(0) : 'L';
    }

    private static ClassDesc desc(Class<?> type) {
        return type.describeConstable().orElseThrow();
    }

    private static void dump(Path directory, String name, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".class"), bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot dump generated callback guard " + name + " to " + directory
                    + ": " + e.getMessage(), e);
        }
    }
}
