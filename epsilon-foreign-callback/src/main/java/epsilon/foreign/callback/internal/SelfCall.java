package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignatureException;
import epsilon.foreign.callback.CallbackType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code call-callback}: a real downcall to a callback's own stub, as C would make it. One downcall handle per
 * descriptor. A tool and test path: it boxes, so it is not meant to be fast.
 */
final class SelfCall {
    private SelfCall() {}

    private static final Map<FunctionDescriptor, MethodHandle> DOWNCALLS = new ConcurrentHashMap<>();

    static Object call(CallbackImpl callback, Object[] arguments) {
        List<CallbackType> parameters = callback.signature().parameters();
        if (arguments.length != parameters.size()) {
            throw new CallbackSignatureException(callback.describe() + " takes " + parameters.size()
                    + " argument(s), got " + arguments.length);
        }
        FunctionDescriptor descriptor = callback.signature().descriptor();
        MethodHandle downcall = DOWNCALLS.computeIfAbsent(descriptor, d -> Linker.nativeLinker().downcallHandle(d));
        try (Arena arena = Arena.ofConfined()) {
            List<Object> carriers = new ArrayList<>(arguments.length + 2);
            carriers.add(callback.pointer());
            if (descriptor.returnLayout().orElse(null) instanceof GroupLayout) {
                carriers.add(Arena.ofAuto()); // the struct result must outlive this call's arena
            }
            for (int i = 0; i < arguments.length; i++) {
                carriers.add(Conversions.toCarrier(parameters.get(i), arguments[i], arena, "argument " + i + " of "
                        + callback.describe()));
            }
            Object result = invoke(downcall, carriers);
            return Conversions.toJava(callback.signature().result(), result);
        }
    }

    private static Object invoke(MethodHandle downcall, List<Object> carriers) {
        try {
            return downcall.invokeWithArguments(carriers);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("call-callback failed: " + t, t);
        }
    }
}
