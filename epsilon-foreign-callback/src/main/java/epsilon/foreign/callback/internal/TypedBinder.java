package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignatureError;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.convert.Adapters;
import epsilon.foreign.marshalling.internal.convert.Failures;
import epsilon.foreign.marshalling.internal.convert.ToForeign;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed path: the functional interface's single abstract method, bound to the user's instance, adapted to the
 * upcall's carrier types with the marshalling module's adapters. No {@code Object[]} per call; for a
 * {@code Comparator<MemorySegment>} over {@code int *} pointers the handle is just the bound interface call. Each
 * parameter the method declares must hold the C type's values the way a bound interface method's would: the carrier
 * itself ({@code int} for {@code unsigned int}), the C type's Java type ({@code long}), or a reference type its Java
 * value is ({@code Object} for an erased generic, {@code String} for {@code char *}, the Java enum for an enum).
 */
final class TypedBinder {
    private TypedBinder() {}

    static MethodHandle bind(Class<?> type, Object function, CPrototype signature, MethodHandles.Lookup lookup) {
        Method method = singleAbstractMethod(type);
        if (!type.isInstance(function)) {
            throw new CallbackSignatureError("the function " + function.getClass().getName() + " is not a "
                    + type.getName());
        }
        List<CType> parameters = signature.parameterTypes();
        String where = type.getSimpleName() + "." + method.getName();
        String shown = Signatures.describe(signature);
        if (method.getParameterCount() != parameters.size()) {
            throw new CallbackSignatureError(where + " takes " + method.getParameterCount()
                    + " argument(s) but the signature " + shown + " passes " + parameters.size());
        }
        MethodHandle target = (lookup == null ? lookup(type, method) : lookupWith(lookup, type, method))
                .bindTo(function);
        Class<?>[] declared = method.getParameterTypes();
        MethodHandle[] filters = new MethodHandle[parameters.size()];
        for (int i = 0; i < filters.length; i++) {
            CType parameter = parameters.get(i);
            MethodHandle filter = Adapters.fromCarrier(parameter, declared[i]);
            if (filter == null) {
                throw new CallbackSignatureError(where + " declares parameter " + i + " as " + declared[i].getName()
                        + ", but C passes " + parameter.name() + " in " + shown + "; declare it as "
                        + suggestion(parameter));
            }
            filters[i] = filter;
        }
        target = MethodHandles.filterArguments(target, 0, filters);
        CType result = signature.returnType();
        Class<?> returned = method.getReturnType();
        if (result.isVoid()) {
            if (returned != void.class) {
                target = MethodHandles.dropReturn(target);
            }
            return target;
        }
        if (returned == void.class) {
            throw new CallbackSignatureError(where + " returns void but the signature " + shown + " returns "
                    + result.name());
        }
        String site = "the result of callback " + shown;
        MethodHandle toC = Adapters.toCarrier(result, returned, site, Failures.SITE);
        if (toC == null && erasedPointer(result, returned)) {
            toC = MethodHandles.insertArguments(POINTER_RESULT, 1, result, site)
                    .asType(MethodType.methodType(MemorySegment.class, returned));
        }
        if (toC == null) {
            throw new CallbackSignatureError(where + " returns " + returned.getName() + ", which cannot become the "
                    + result.name() + " that " + shown + " returns" + (result.kind() == CType.Kind.STRING
                    ? ": C would need memory that outlives the call; return a MemorySegment you allocated"
                    : "; return " + suggestion(result)));
        }
        return MethodHandles.filterReturnValue(target, toC);
    }

    private static final MethodHandle POINTER_RESULT;

    static {
        try {
            POINTER_RESULT = MethodHandles.lookup().findStatic(TypedBinder.class, "pointerResult",
                    MethodType.methodType(MemorySegment.class, Object.class, CType.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Whether {@code returned} is an erased generic (or other supertype of {@code MemorySegment}) for a pointer or
     * {@code char *} result. The adapters do not pair those, since a Java array or a {@code String} in it would need
     * memory; but {@code Supplier<MemorySegment>} and {@code UnaryOperator<MemorySegment>} (a pthread start routine)
     * cannot declare anything else. Their segment or {@code null} is what C gets; anything needing memory is refused
     * when returned, as from a dynamic callback.
     */
    private static boolean erasedPointer(CType result, Class<?> returned) {
        return result.carrier() == MemorySegment.class && result.needsAllocator() && !returned.isPrimitive()
                && returned.isAssignableFrom(MemorySegment.class);
    }

    /** An erased result for a pointer type, converted with no memory to allocate from (see {@link #erasedPointer}). */
    private static MemorySegment pointerResult(Object value, CType type, String site) {
        return (MemorySegment) ToForeign.convert(value, type, null, site, Failures.SITE);
    }

    /** How a Java declaration of a value of {@code type} looks. */
    private static String suggestion(CType type) {
        Class<?> carrier = type.carrier();
        Class<?> java = type.javaType();
        return carrier.getSimpleName() + (java != carrier ? " or " + java.getSimpleName() : "");
    }

    private static Method singleAbstractMethod(Class<?> type) {
        if (!type.isInterface()) {
            throw new CallbackSignatureError(type.getName() + " is not an interface: a typed callback needs a "
                    + "functional interface such as Comparator, or use Callbacks.create with a CallbackFunction");
        }
        List<Method> abstractMethods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && !isObjectMethod(method)) {
                abstractMethods.add(method);
            }
        }
        if (abstractMethods.size() != 1) {
            throw new CallbackSignatureError(type.getName() + " is not a functional interface: it has "
                    + abstractMethods.size() + " abstract methods " + abstractMethods.stream().map(Method::getName)
                    .toList());
        }
        return abstractMethods.getFirst();
    }

    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException notObjects) {
            return false;
        }
    }

    /** Through the caller's lookup: any interface the caller can call, open to this module or not. */
    private static MethodHandle lookupWith(MethodHandles.Lookup lookup, Class<?> type, Method method) {
        MethodType methodType = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
        try {
            return lookup.findVirtual(type, method.getName(), methodType);
        } catch (IllegalAccessException denied) {
            throw new CallbackSignatureError("cannot call " + type.getName() + "." + method.getName() + " with the"
                    + " lookup of " + lookup.lookupClass().getName() + ": " + denied.getMessage());
        } catch (NoSuchMethodException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** Public interfaces through the public lookup; others if their package is open to this module. */
    private static MethodHandle lookup(Class<?> type, Method method) {
        MethodType methodType = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
        try {
            return MethodHandles.publicLookup().findVirtual(type, method.getName(), methodType);
        } catch (IllegalAccessException notPublic) {
            try {
                TypedBinder.class.getModule().addReads(type.getModule());
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return lookup.findVirtual(type, method.getName(), methodType);
            } catch (IllegalAccessException | NoSuchMethodException | RuntimeException closed) {
                throw new CallbackSignatureError("cannot call " + type.getName() + "." + method.getName()
                        + ": make the interface public, or open its package to epsilon.foreign.callback ("
                        + closed.getMessage() + ")");
            }
        } catch (NoSuchMethodException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
