package epsilon.foreign.internal;

import static java.lang.constant.ConstantDescs.BSM_CLASS_DATA_AT;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import epsilon.foreign.trampoline.BoundTrampoline;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Writes, with {@code java.lang.classfile}, the {@link StringCall} of one function: a hidden class whose class data
 * is the downcall handle (address bound), the function's name, then each {@code char *} parameter's charset.
 * For {@code size_t strlen(const char *s)} its method {@code invoke1(Object a0)} reads:
 * <pre>
 *   if (!(a0 instanceof String) &amp;&amp; !(a0 instanceof MemorySegment s &amp;&amp; !(s.isNative() &amp;&amp; s.address() == 0)))
 *       return NOT_EXACT;                                      // the nonnull test only where C declares it
 *   CallFrame.Stack frame = CallFrame.stack();
 *   long mark = frame.mark();
 *   try {
 *       return Long.valueOf((long) HANDLE.invokeExact(StringArguments.pointer(frame, a0, UTF_8, "strlen", 0)));
 *   } finally {
 *       frame.release(mark);
 *   }
 * </pre>
 * Every test happens before the frame is opened, so declining costs nothing to undo. The handle, charsets and
 * name are {@code ldc}s of class data, constants to the JIT.
 */
final class StringCallGenerator {
    private static final ClassDesc CD_STRING_CALL = ClassDesc.of(StringCall.class.getName());
    private static final ClassDesc CD_BOUND_TRAMPOLINE = ClassDesc.of(BoundTrampoline.class.getName());
    private static final ClassDesc CD_MEMORY_SEGMENT = ClassDesc.of(MemorySegment.class.getName());
    private static final ClassDesc CD_CALL_FRAME = ClassDesc.of(CallFrame.class.getName());
    private static final ClassDesc CD_STACK = ClassDesc.of(CallFrame.Stack.class.getName());
    private static final ClassDesc CD_STRING_ARGUMENTS = ClassDesc.of(StringArguments.class.getName());
    private static final ClassDesc CD_CHARSET = ClassDesc.of(Charset.class.getName());
    /** The largest arity whose arguments are passed one by one rather than in their array. */
    static final int SPREAD_ARITY = 4;
    private static final MethodTypeDesc INVOKE_N_TYPE = MethodTypeDesc.of(CD_Object, CD_Object.arrayType());
    private static final MethodTypeDesc POINTER_TYPE = MethodTypeDesc.of(CD_MEMORY_SEGMENT, CD_STACK, CD_Object,
            CD_CHARSET, CD_String, CD_int);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** The class data: the downcall handle, the function's name, then each {@code char *} parameter's charset. */
    private static final int HANDLE = 0;
    private static final int NAME = 1;
    private static final int FIRST_CHARSET = 2;
    /**
     * Unreachable bytes after the method's last return, which make it longer than C2 inlines into a hot caller
     * (FreqInlineSize, 325 bytes). The call then stays a call of its own, compiled once with the encoding and
     * the downcall inlined into it, and every caller above it stays small enough to inline into its own caller;
     * otherwise whichever of {@code invoke}, {@code dispatch} and this method C2 happens to compile first grows
     * past InlineSmallCode ("already compiled into a big method") and the caller's argument array escapes.
     */
    private static final int UNREACHABLE_PADDING = 400;

    private StringCallGenerator() {}

    /**
     * The generated call of one function.
     *
     * @param name     the function's name, for the errors of a string that cannot be encoded
     * @param downcall the downcall handle with the function's address bound: {@code (carriers...) -> carrier}
     * @param charsets per parameter, the charset of a {@code char *} parameter, else null; at least one is not
     * @param nonnull  per parameter, whether C declares it nonnull
     */
    static StringCall generate(String name, MethodHandle downcall, Charset[] charsets, boolean[] nonnull) {
        List<Object> classData = new ArrayList<>();
        classData.add(downcall);
        classData.add(name);
        for (Charset charset : charsets) {
            if (charset != null) {
                classData.add(charset);
            }
        }
        ClassDesc self = ClassDesc.of(StringCallGenerator.class.getPackageName() + ".StringCall"
                + COUNTER.incrementAndGet() + "_" + javaIdentifier(name));
        byte[] bytes = bytes(self, downcall.type(), charsets, nonnull);
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes,
                    List.copyOf(classData), true);
            return (StringCall) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the string call of " + name, t);
        }
    }

    /** The class file, for {@link #generate} and for tests that verify it. */
    static byte[] bytes(ClassDesc self, MethodType type, Charset[] charsets, boolean[] nonnull) {
        if (type.parameterCount() != charsets.length || nonnull.length != charsets.length) {
            throw new IllegalArgumentException("a handle of " + type.parameterCount() + " parameters, "
                    + charsets.length + " charsets and " + nonnull.length + " nonnull flags");
        }
        for (int i = 0; i < charsets.length; i++) {
            if (charsets[i] != null && type.parameterType(i) != MemorySegment.class) {
                throw new IllegalArgumentException("a charset for parameter " + i + ", carried as "
                        + type.parameterType(i) + " rather than a pointer");
            }
        }
        return ClassFile.of().build(self, new ClassBody(type, charsets.clone(), nonnull.clone()));
    }

    /** The class: a record per builder rather than lambdas, each of which would spin a class of its own. */
    private record ClassBody(MethodType type, Charset[] charsets, boolean[] nonnull) implements Consumer<ClassBuilder> {
        @Override
        public void accept(ClassBuilder cls) {
            cls.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cls.withInterfaceSymbols(CD_STRING_CALL);
            cls.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC, new CodeBody(this, -1));
            int arity = type.parameterCount();
            // the method of the function's arity calls; the others decline (the caller picks by the arity)
            for (int k = 1; k <= SPREAD_ARITY + 1; k++) {
                boolean calls = k == arity || k == SPREAD_ARITY + 1 && arity > SPREAD_ARITY;
                cls.withMethodBody(k <= SPREAD_ARITY ? "invoke" + k : "invokeN",
                        k <= SPREAD_ARITY ? spreadType(k) : INVOKE_N_TYPE,
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, new CodeBody(this, calls ? k : 0));
            }
        }
    }

    private static MethodTypeDesc spreadType(int arity) {
        ClassDesc[] parameters = new ClassDesc[arity];
        Arrays.fill(parameters, CD_Object);
        return MethodTypeDesc.of(CD_Object, parameters);
    }

    /** The constructor (-1), a method that declines (0), or the call (1 to 4 spread, 5 the array). */
    private record CodeBody(ClassBody body, int method) implements Consumer<CodeBuilder> {
        @Override
        public void accept(CodeBuilder code) {
            if (method < 0) {
                code.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_();
            } else if (method == 0) {
                code.getstatic(CD_BOUND_TRAMPOLINE, "NOT_EXACT", CD_Object).areturn();
            } else {
                invokeBody(code, body.type(), body.charsets(), body.nonnull(), method > SPREAD_ARITY);
            }
        }
    }

    /**
     * See the class comment. Locals: 0 this, then the arguments (spread, or the array followed by its elements),
     * then the frame, the mark, the result.
     */
    private static void invokeBody(CodeBuilder code, MethodType type, Charset[] charsets, boolean[] nonnull,
                                   boolean inArray) {
        int n = type.parameterCount();
        int first = inArray ? 2 : 1;
        int frame = first + n;
        int mark = frame + 1;
        int result = mark + 2;
        Label decline = code.newLabel();
        if (inArray) {
            code.aload(1).ifnull(decline);
            code.aload(1).arraylength().loadConstant(n).if_icmpne(decline);
        }
        for (int i = 0; i < n; i++) {
            int local = first + i;
            if (inArray) {
                code.aload(1).loadConstant(i).aaload().astore(local);
            }
            if (charsets[i] != null || type.parameterType(i) == MemorySegment.class) {
                checkPointer(code, local, charsets[i] != null, nonnull[i], decline);
            } else {
                code.aload(local).instanceOf(boxOf(type.parameterType(i))).ifeq(decline);
            }
        }
        code.invokestatic(CD_CALL_FRAME, "stack", MethodTypeDesc.of(CD_STACK)).astore(frame);
        code.aload(frame).invokevirtual(CD_STACK, "mark", MethodTypeDesc.of(CD_long)).lstore(mark);
        Label start = code.newLabel();
        Label end = code.newLabel();
        Label handler = code.newLabel();
        code.labelBinding(start);
        code.ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_MethodHandle, HANDLE));
        int charsetIndex = FIRST_CHARSET;
        for (int i = 0; i < n; i++) {
            Class<?> carrier = type.parameterType(i);
            if (charsets[i] != null) {
                code.aload(frame).aload(first + i);
                code.ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_CHARSET, charsetIndex++));
                code.ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_String, NAME));
                code.loadConstant(i);
                code.invokestatic(CD_STRING_ARGUMENTS, "pointer", POINTER_TYPE);
            } else {
                code.aload(first + i);
                unbox(code, carrier);
            }
        }
        code.invokevirtual(CD_MethodHandle, "invokeExact", type.describeConstable().orElseThrow());
        box(code, type.returnType());
        code.astore(result);
        code.labelBinding(end);
        release(code, frame, mark);
        code.aload(result).areturn();
        code.labelBinding(handler);
        code.astore(result);
        release(code, frame, mark);
        code.aload(result).athrow();
        code.exceptionCatchAll(start, end, handler);
        code.labelBinding(decline);
        code.getstatic(CD_BOUND_TRAMPOLINE, "NOT_EXACT", CD_Object).areturn();
        for (int i = 0; i < UNREACHABLE_PADDING; i++) {
            code.nop();
        }
    }

    /**
     * A pointer argument: a String goes on for a {@code char *}; so does a segment, unless C declares the parameter
     * nonnull and it is {@code NULL} (the general path then refuses it with the error that names it).
     */
    private static void checkPointer(CodeBuilder code, int local, boolean text, boolean nonnull, Label decline) {
        Label accepted = code.newLabel();
        if (text) {
            code.aload(local).instanceOf(CD_String).ifne(accepted);
        }
        code.aload(local).instanceOf(CD_MEMORY_SEGMENT).ifeq(decline);
        if (nonnull) {
            code.aload(local).checkcast(CD_MEMORY_SEGMENT)
                    .invokeinterface(CD_MEMORY_SEGMENT, "isNative", MethodTypeDesc.of(CD_boolean))
                    .ifeq(accepted);
            code.aload(local).checkcast(CD_MEMORY_SEGMENT)
                    .invokeinterface(CD_MEMORY_SEGMENT, "address", MethodTypeDesc.of(CD_long))
                    .lconst_0().lcmp().ifeq(decline);
        }
        code.labelBinding(accepted);
    }

    private static void release(CodeBuilder code, int frame, int mark) {
        code.aload(frame).lload(mark).invokevirtual(CD_STACK, "release", MethodTypeDesc.of(CD_void, CD_long));
    }

    /** The box class a non-text argument must be: its carrier's box, so the unboxing below cannot fail. */
    private static ClassDesc boxOf(Class<?> carrier) {
        Class<?> box = carrier.isPrimitive() ? MethodType.methodType(carrier).wrap().returnType() : carrier;
        return box.describeConstable().orElseThrow();
    }

    private static void unbox(CodeBuilder code, Class<?> carrier) {
        code.checkcast(boxOf(carrier));
        if (carrier.isPrimitive()) {
            code.invokevirtual(boxOf(carrier), carrier.getName() + "Value",
                    MethodTypeDesc.of(carrier.describeConstable().orElseThrow()));
        }
    }

    private static void box(CodeBuilder code, Class<?> carrier) {
        if (carrier == void.class) {
            code.aconst_null();
        } else if (carrier.isPrimitive()) {
            code.invokestatic(boxOf(carrier), "valueOf",
                    MethodTypeDesc.of(boxOf(carrier), carrier.describeConstable().orElseThrow()));
        }
    }

    /** The function's name as it may stand in a class name, for readable stack traces. */
    private static String javaIdentifier(String name) {
        StringBuilder identifier = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            identifier.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        return identifier.toString();
    }
}
