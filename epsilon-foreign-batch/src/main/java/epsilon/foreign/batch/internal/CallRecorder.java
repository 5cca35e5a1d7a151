package epsilon.foreign.batch.internal;

import epsilon.foreign.CFunction;
import epsilon.foreign.CallOption;
import epsilon.foreign.Critical;
import epsilon.foreign.Encoding;
import epsilon.foreign.Errno;
import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.NativeType;
import epsilon.foreign.Variadic;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A recording implementation of an interface of C functions: each method call adds a call to a batch instead of
 * making it, and returns the zero of the method's return type. Methods are read with {@code Foreign.bind}'s
 * annotations; the C type of an unannotated Java type is its natural one ({@code int} int, {@code long} long long,
 * {@code double}, {@code String} {@code const char *}, {@code MemorySegment} {@code void *}, a primitive array a
 * pointer to its elements). Each method is resolved once per library and kept.
 */
public final class CallRecorder {
    private static final Map<Class<?>, CType> NATURAL = Map.of(
            byte.class, CType.SIGNED_CHAR, short.class, CType.SHORT, int.class, CType.INT, long.class, CType.LONG_LONG,
            float.class, CType.FLOAT, double.class, CType.DOUBLE, boolean.class, CType.BOOL,
            char.class, CType.UNSIGNED_SHORT);
    private static final ConcurrentHashMap<List<Object>, ForeignFunction> METHODS = new ConcurrentHashMap<>();

    private CallRecorder() {}

    /**
     * A recorder of {@code type} whose calls go to {@code add}.
     *
     * @param <T>     the interface
     * @param type    the interface
     * @param library the library its functions are in
     * @param add     receives each call's function and arguments
     * @return the recorder
     */
    public static <T> T recorder(Class<T> type, String library, BiConsumer<ForeignFunction, Object[]> add) {
        if (!type.isInterface()) {
            throw new ForeignError("cannot record calls of " + type.getName() + ": it is not an interface", null);
        }
        for (Method method : type.getMethods()) {
            if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                function(method, library); // every method checked now, not at its first call
            }
        }
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> "recorder of " + type.getName() + " in " + library;
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, arguments);
            }
            add.accept(function(method, library), arguments == null ? new Object[0] : arguments);
            return zero(method.getReturnType());
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static ForeignFunction function(Method method, String library) {
        return METHODS.computeIfAbsent(List.of(method, library), key -> resolve(method, library));
    }

    private static ForeignFunction resolve(Method method, String library) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (method.isAnnotationPresent(Variadic.class) || method.isVarArgs()) {
            throw new ForeignError("cannot record " + where + ": a batch records variadic functions by prototype"
                    + " (Batch.add(prototype, library, arguments...)), not through an interface", method.getName());
        }
        CFunction named = method.getAnnotation(CFunction.class);
        String symbol = named != null ? named.value() : method.getName();
        NativeType returned = method.getAnnotation(NativeType.class);
        CType returnType = returned != null ? CType.parse(returned.value())
                : cType(method.getReturnType(), where + "'s return type", symbol);
        List<CType> parameters = new ArrayList<>();
        Parameter[] declared = method.getParameters();
        for (int i = 0; i < declared.length; i++) {
            if (declared[i].isAnnotationPresent(Encoding.class)) {
                throw new ForeignError("cannot record " + where + ": parameter " + i + " has @Encoding, which a batch"
                        + " does not read; declare the function by prototype with its string type", symbol);
            }
            NativeType given = declared[i].getAnnotation(NativeType.class);
            parameters.add(given != null ? CType.parse(given.value())
                    : cType(declared[i].getType(), where + "'s parameter " + i, symbol));
        }
        List<CallOption> options = new ArrayList<>();
        Critical critical = method.getAnnotation(Critical.class);
        if (critical != null) {
            options.add(critical.heapAccess() ? CallOption.zeroCopyArrays() : CallOption.critical());
        }
        if (method.isAnnotationPresent(Errno.class)) {
            options.add(CallOption.errno(ErrnoPolicy.THROW));
        }
        return Foreign.with(options.toArray(CallOption[]::new)).defshared(symbol, library, returnType,
                parameters.toArray(CType[]::new));
    }

    private static CType cType(Class<?> java, String where, String symbol) {
        if (java == void.class) {
            return CType.VOID;
        }
        CType natural = NATURAL.get(java);
        if (natural != null) {
            return natural;
        }
        if (java == String.class) {
            return CType.parse("const char *");
        }
        if (java == MemorySegment.class) {
            return CType.POINTER;
        }
        if (java.isArray() && NATURAL.containsKey(java.componentType()) && java.componentType() != boolean.class) {
            return CType.pointerTo(NATURAL.get(java.componentType()));
        }
        throw new ForeignError("cannot record " + where + ": a " + java.getSimpleName() + " has no C type a batch"
                + " can infer; give it with @NativeType", symbol);
    }

    private static Object zero(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return switch (type.getName()) {
            case "byte" -> (byte) 0;
            case "short" -> (short) 0;
            case "int" -> 0;
            case "long" -> 0L;
            case "float" -> 0f;
            default -> 0d;
        };
    }
}
