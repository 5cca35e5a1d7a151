package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignature;
import epsilon.foreign.callback.CallbackSignatureException;
import epsilon.foreign.callback.CallbackType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed path: the functional interface's single abstract method, bound to the user's instance, adapted to
 * the upcall's carrier types with filters and {@code asType}. No {@code Object[]} per call; for a
 * {@code Comparator<MemorySegment>} over {@code int *} pointers the handle is just the bound interface call.
 */
final class TypedBinder {
    private TypedBinder() {}

    static MethodHandle bind(Class<?> type, Object function, CallbackSignature signature) {
        Method method = singleAbstractMethod(type);
        if (!type.isInstance(function)) {
            throw new CallbackSignatureException("the function " + function.getClass().getName() + " is not a "
                    + type.getName());
        }
        List<CallbackType> parameters = signature.parameters();
        String where = type.getSimpleName() + "." + method.getName();
        if (method.getParameterCount() != parameters.size()) {
            throw new CallbackSignatureException(where + " takes " + method.getParameterCount()
                    + " argument(s) but the signature " + signature + " passes " + parameters.size());
        }
        MethodHandle target = lookup(type, method).bindTo(function);

        // the Java types the function sees, then what the interface method declares
        Class<?>[] javaTypes = new Class<?>[parameters.size()];
        for (int i = 0; i < javaTypes.length; i++) {
            javaTypes[i] = parameters.get(i).javaType();
        }
        CallbackType result = signature.result();
        Class<?> javaResult = result.javaType();
        if (javaResult != void.class && method.getReturnType() == void.class) {
            throw new CallbackSignatureException(where + " returns void but the signature " + signature
                    + " returns " + result.cName());
        }
        try {
            target = target.asType(MethodType.methodType(javaResult, javaTypes));
        } catch (WrongMethodTypeException mismatch) {
            throw new CallbackSignatureException(where + target.type() + " does not fit the signature " + signature
                    + ": C passes " + MethodType.methodType(javaResult, javaTypes) + " (" + mismatch.getMessage() + ")");
        }

        MethodHandle[] filters = new MethodHandle[parameters.size()];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = Conversions.argumentFilter(parameters.get(i));
        }
        target = MethodHandles.filterArguments(target, 0, filters);
        MethodHandle resultFilter = Conversions.resultFilter(result);
        if (resultFilter != null) {
            target = MethodHandles.filterReturnValue(target, resultFilter);
        }
        return target;
    }

    private static Method singleAbstractMethod(Class<?> type) {
        if (!type.isInterface()) {
            throw new CallbackSignatureException(type.getName() + " is not an interface: a typed callback needs a "
                    + "functional interface such as Comparator, or use Callbacks.create with a CallbackFunction");
        }
        List<Method> abstractMethods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && !isObjectMethod(method)) {
                abstractMethods.add(method);
            }
        }
        if (abstractMethods.size() != 1) {
            throw new CallbackSignatureException(type.getName() + " is not a functional interface: it has "
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
                throw new CallbackSignatureException("cannot call " + type.getName() + "." + method.getName()
                        + ": make the interface public, or open its package to epsilon.foreign.callback ("
                        + closed.getMessage() + ")");
            }
        } catch (NoSuchMethodException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
