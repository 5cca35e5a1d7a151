package epsilon.foreign.callback.internal;

import epsilon.foreign.marshalling.ArityError;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.convert.FromForeign;
import epsilon.foreign.marshalling.internal.convert.ToForeign;
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
 * {@code call-callback}: a real downcall to a callback's own stub, as C would make it, with its arguments converted
 * as a call's are. One downcall handle per descriptor. A tool and test path: it boxes, so it is not meant to be fast.
 */
final class SelfCall {
    private SelfCall() {}

    private static final Map<FunctionDescriptor, MethodHandle> DOWNCALLS = new ConcurrentHashMap<>();

    static Object call(CallbackImpl callback, Object[] arguments) {
        CPrototype signature = callback.signature();
        List<CType> parameters = signature.parameterTypes();
        String name = callback.describe();
        if (arguments.length != parameters.size()) {
            throw new ArityError(name + " takes " + parameters.size() + (parameters.size() == 1 ? " argument" :
                    " arguments") + ", got " + arguments.length, name, parameters.size(), arguments.length);
        }
        FunctionDescriptor descriptor = signature.descriptor();
        MethodHandle downcall = DOWNCALLS.computeIfAbsent(descriptor, d -> Linker.nativeLinker().downcallHandle(d));
        try (Arena arena = Arena.ofConfined()) {
            List<Object> carriers = new ArrayList<>(arguments.length + 2);
            carriers.add(callback.pointer());
            if (descriptor.returnLayout().orElse(null) instanceof GroupLayout) {
                carriers.add(Arena.ofAuto()); // the struct result must outlive this call's arena
            }
            for (int i = 0; i < arguments.length; i++) {
                carriers.add(ToForeign.convert(arguments[i], parameters.get(i), arena, name, i));
            }
            Object result = invoke(downcall, carriers);
            try {
                return FromForeign.convert(result, signature.returnType());
            } catch (RuntimeException unreadable) {
                // The callback failed and C got its default, which is no value of the result type (0 for an enum
                // without a zero). The callback's failure is the one to report; the caller rethrows it with this.
                if (FailureRouter.attachToPending(unreadable)) {
                    return null;
                }
                throw unreadable;
            }
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
