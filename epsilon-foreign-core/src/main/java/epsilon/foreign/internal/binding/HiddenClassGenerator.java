package epsilon.foreign.internal.binding;

import static java.lang.constant.ConstantDescs.BSM_CLASS_DATA_AT;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import epsilon.foreign.marshalling.ForeignError;
import java.io.IOException;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Generates the class that implements a bound interface, with {@code java.lang.classfile}, and defines it as a
 * hidden class whose class data is the list of the methods' handles: in this package, or in the interface's own
 * package with the caller's lookup when this module cannot implement the interface. Each method is four
 * instructions, for example {@code long strlen(String)}:
 * <pre>
 *   ldc          #dynamic _:MethodHandle = classDataAt(3)   // the handle, a constant to the JIT
 *   aload_1
 *   invokevirtual MethodHandle.invokeExact(String)long
 *   lreturn
 * </pre>
 * No static state: the handles reach the class only as class data, so two bindings of one interface (to two
 * libraries) are two classes with their own constants. The class also overrides {@code toString} to say what it
 * is bound to; {@code default} methods of the interface are inherited untouched.
 */
final class HiddenClassGenerator {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** The lookup that defines implementations of public interfaces, in this package. */
    static final MethodHandles.Lookup OWN_LOOKUP = LOOKUP;
    /** Distinguishes the classes of successive binds of one interface, in dumps and stack traces. */
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final MethodTypeDesc TO_STRING = MethodTypeDesc.of(CD_String);

    private HiddenClassGenerator() {}

    /**
     * Whether a class defined by this module's loader can name {@code type}: true unless the interface was
     * loaded by a loader this module cannot see (an application server's child loader, say), where only a
     * proxy, defined in the interface's own loader, can implement it.
     */
    static boolean canImplement(Class<?> type) {
        try {
            return Class.forName(type.getName(), false, LOOKUP.lookupClass().getClassLoader()) == type;
        } catch (ClassNotFoundException | LinkageError invisible) {
            return false;
        }
    }

    /** An instance of a new hidden class implementing {@code type}, {@code handles[i]} behind {@code methods[i]}. */
    static Object instantiate(Class<?> type, List<NativeMethod> methods, List<MethodHandle> handles,
                              String description, BindSettings settings, MethodHandles.Lookup definer) {
        ClassDesc name = ClassDesc.of(definer.lookupClass().getPackageName(),
                type.getSimpleName() + "$Bound" + SEQUENCE.incrementAndGet());
        byte[] bytes = generate(name, type, methods, description + ", generated");
        if (settings.dumpDirectory() != null) {
            dump(settings.dumpDirectory(), name, bytes);
        }
        if (settings.verify()) {
            verify(bytes, type);
        }
        try {
            MethodHandles.Lookup bound = definer.defineHiddenClassWithClassData(bytes, List.copyOf(handles), true);
            return bound.findConstructor(bound.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (LinkageError inaccessible) {
            throw new ForeignError("cannot bind " + type.getName() + ": the generated class cannot implement it: "
                    + inaccessible.getMessage(), null, null, inaccessible);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new IllegalStateException("defining the class bound to " + type.getName(), checked);
        }
    }

    static byte[] generate(ClassDesc name, Class<?> type, List<NativeMethod> methods, String description) {
        return ClassFile.of().build(name, new ClassBody(type, methods, description));
    }

    /**
     * The class: one class of ours per builder rather than lambdas, each of which would spin a class of its own on a
     * program's first call.
     */
    private record ClassBody(Class<?> type, List<NativeMethod> methods, String description)
            implements Consumer<ClassBuilder> {
        @Override
        public void accept(ClassBuilder cb) {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(CD_Object);
            cb.withInterfaceSymbols(type.describeConstable().orElseThrow());
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PRIVATE, new CodeBody(null, -1, null));
            for (int i = 0; i < methods.size(); i++) {
                NativeMethod method = methods.get(i);
                MethodTypeDesc signature = method.javaType().describeConstable().orElseThrow();
                cb.withMethodBody(method.method().getName(), signature, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                        new CodeBody(signature, i, null));
            }
            cb.withMethodBody("toString", TO_STRING, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    new CodeBody(null, -1, description));
        }
    }

    /**
     * One method's code: the constructor (no signature, no description), {@code toString} (the description), or
     * the interface method that calls handle {@code index} of the class data with its arguments.
     */
    private record CodeBody(MethodTypeDesc signature, int index, String description) implements Consumer<CodeBuilder> {
        @Override
        public void accept(CodeBuilder code) {
            if (signature == null && description == null) {
                code.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_();
            } else if (signature == null) {
                code.ldc(description).areturn();
            } else {
                code.ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_MethodHandle, index));
                for (int p = 0; p < signature.parameterCount(); p++) {
                    code.loadLocal(TypeKind.from(signature.parameterType(p)), code.parameterSlot(p));
                }
                code.invokevirtual(CD_MethodHandle, "invokeExact", signature);
                code.return_(TypeKind.from(signature.returnType()));
            }
        }
    }

    /** Writes {@code bytes} under {@code directory} at the class's package path, as the JDK's dump options do. */
    private static void dump(Path directory, ClassDesc name, byte[] bytes) {
        Path file = directory.resolve(name.packageName().replace('.', '/')).resolve(name.displayName() + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new ForeignError("cannot dump the class bound to " + name.displayName() + " to " + file
                    + " (system property " + BindSettings.DUMP_PROPERTY + "): " + e, null, null, e);
        }
    }

    /**
     * Runs the class-file verifier over generated bytes.
     *
     * @throws ForeignError listing the verifier's findings, which would be a bug in this generator
     */
    static void verify(byte[] bytes, Class<?> type) {
        ClassHierarchyResolver resolver = ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofClassLoading(type.getClassLoader()));
        List<VerifyError> errors = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver)).verify(bytes);
        if (!errors.isEmpty()) {
            throw new ForeignError("the class generated for " + type.getName() + " fails verification ("
                    + BindSettings.VERIFY_PROPERTY + "): " + errors.stream().map(Throwable::getMessage)
                    .collect(Collectors.joining("; ")), null);
        }
    }
}
