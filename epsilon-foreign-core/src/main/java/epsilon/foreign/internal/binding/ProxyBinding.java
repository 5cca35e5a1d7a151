package epsilon.foreign.internal.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference implementation of a bound interface: a {@link Proxy} whose handler calls each method's handle
 * through a spreader. Same handles, same conversions and errors as the generated class, but every call boxes its
 * arguments into an array and goes through reflection's dispatch, so it is the slow path ({@code
 * epsilon.bind.mode=proxy}) and the fallback when the interface's class loader is not visible from this module.
 */
final class ProxyBinding implements InvocationHandler {
    private static final Object[] NO_ARGUMENTS = {};

    /** Methods are found by descriptor, since the same method may reach the proxy from two superinterfaces. */
    private record Signature(String name, List<Class<?>> parameters, Class<?> result) {
        static Signature of(Method method) {
            return new Signature(method.getName(), List.of(method.getParameterTypes()), method.getReturnType());
        }
    }

    private final Map<Signature, MethodHandle> spreaders;
    private final String description;

    private ProxyBinding(Map<Signature, MethodHandle> spreaders, String description) {
        this.spreaders = spreaders;
        this.description = description;
    }

    static Object create(Class<?> type, List<NativeMethod> methods, List<MethodHandle> handles, String description) {
        Map<Signature, MethodHandle> spreaders = new HashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodHandle handle = handles.get(i);
            spreaders.put(Signature.of(methods.get(i).method()), handle
                    .asSpreader(Object[].class, handle.type().parameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class)));
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ProxyBinding(Map.copyOf(spreaders), description + ", proxy"));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        MethodHandle spreader = spreaders.get(Signature.of(method));
        if (spreader != null) {
            return (Object) spreader.invokeExact(arguments == null ? NO_ARGUMENTS : arguments);
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, arguments);
        }
        return switch (method.getName()) {
            case "toString" -> description;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new IllegalStateException("no handle for " + method);
        };
    }
}
