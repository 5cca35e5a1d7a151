package epsilon.foreign.callback.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Wraps a callback's target so no exception reaches the upcall stub (Panama would terminate the JVM): the catch
 * handler records the failure and returns the callback's default result.
 */
final class UpcallGuard {
    private UpcallGuard() {}

    private static final MethodHandle FAILED;
    private static final MethodHandle FAILED_VOID;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FAILED = lookup.findStatic(UpcallGuard.class, "failed",
                    MethodType.methodType(Object.class, CallbackImpl.class, Object.class, Throwable.class));
            FAILED_VOID = lookup.findStatic(UpcallGuard.class, "failedVoid",
                    MethodType.methodType(void.class, CallbackImpl.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param target of exactly the upcall's type
     * @param defaultResult the boxed carrier value C gets on failure (ignored for void)
     */
    static MethodHandle guard(MethodHandle target, CallbackImpl callback, Object defaultResult) {
        MethodType type = target.type();
        MethodHandle recover = type.returnType() == void.class
                ? FAILED_VOID.bindTo(callback)
                : MethodHandles.insertArguments(FAILED, 0, callback, defaultResult)
                        .asType(MethodType.methodType(type.returnType(), Throwable.class));
        recover = MethodHandles.dropArguments(recover, 1, type.parameterList());
        return MethodHandles.catchException(target, Throwable.class, recover);
    }

    private static Object failed(CallbackImpl callback, Object defaultResult, Throwable error) {
        FailureRouter.record(callback, error);
        return defaultResult;
    }

    private static void failedVoid(CallbackImpl callback, Throwable error) {
        FailureRouter.record(callback, error);
    }
}
