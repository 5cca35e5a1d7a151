package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackFunction;
import epsilon.foreign.callback.CallbackSignature;
import epsilon.foreign.callback.CallbackType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/** The dynamic path: boxes the carriers into {@code Object[]}, converts both ways, calls the function. */
final class DynamicInvoker {
    private static final MethodHandle INVOKE;

    static {
        try {
            INVOKE = MethodHandles.lookup().findVirtual(DynamicInvoker.class, "invoke",
                    MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CallbackFunction function;
    private final CallbackSignature signature;
    private final List<CallbackType> parameters;

    private DynamicInvoker(CallbackFunction function, CallbackSignature signature) {
        this.function = function;
        this.signature = signature;
        this.parameters = signature.parameters();
    }

    /** A handle of the upcall's exact type running {@code function}. */
    static MethodHandle handle(CallbackFunction function, CallbackSignature signature) {
        MethodType type = signature.descriptor().toMethodType();
        return INVOKE.bindTo(new DynamicInvoker(function, signature))
                .asCollector(Object[].class, type.parameterCount())
                .asType(type);
    }

    private Object invoke(Object[] carriers) throws Exception {
        for (int i = 0; i < carriers.length; i++) {
            carriers[i] = Conversions.toJava(parameters.get(i), carriers[i]);
        }
        Object result = function.apply(carriers);
        return Conversions.toCarrier(signature.result(), result, null, "the result of " + signature);
    }
}
