package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackFunction;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.convert.Failures;
import epsilon.foreign.marshalling.internal.convert.FromForeign;
import epsilon.foreign.marshalling.internal.convert.ToForeign;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The dynamic path: boxes the carriers into {@code Object[]}, converts them to their Java values and the result
 * back with the marshalling rules a call uses, and calls the function.
 */
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
    private final CType[] parameters;
    private final CType result;
    private final String resultSite;

    private DynamicInvoker(CallbackFunction function, CPrototype signature) {
        this.function = function;
        this.parameters = signature.parameterTypes().toArray(CType[]::new);
        this.result = signature.returnType();
        this.resultSite = "the result of callback " + Signatures.describe(signature);
    }

    /** A handle of the upcall's exact type running {@code function}. */
    static MethodHandle handle(CallbackFunction function, CPrototype signature) {
        MethodType type = signature.descriptor().toMethodType();
        return INVOKE.bindTo(new DynamicInvoker(function, signature))
                .asCollector(Object[].class, type.parameterCount())
                .asType(type);
    }

    private Object invoke(Object[] carriers) throws Exception {
        for (int i = 0; i < carriers.length; i++) {
            carriers[i] = FromForeign.convert(carriers[i], parameters[i]);
        }
        Object value = function.apply(carriers);
        return result.isVoid() ? null : ToForeign.convert(value, result, null, resultSite, Failures.SITE);
    }
}
