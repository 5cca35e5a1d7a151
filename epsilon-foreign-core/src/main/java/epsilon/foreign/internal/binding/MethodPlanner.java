package epsilon.foreign.internal.binding;

import epsilon.foreign.CFunction;
import epsilon.foreign.Critical;
import epsilon.foreign.Encoding;
import epsilon.foreign.Errno;
import epsilon.foreign.FreedWith;
import epsilon.foreign.NativeType;
import epsilon.foreign.Variadic;
import epsilon.foreign.internal.binding.NativeMethod.Argument;
import epsilon.foreign.internal.binding.NativeMethod.Result;
import epsilon.foreign.marshalling.ForeignError;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one interface method and its annotations into a validated {@link NativeMethod}. Every refusal is a
 * {@link ForeignError} whose message starts with {@code cannot bind Interface.method(Types):} and says what to
 * change.
 */
final class MethodPlanner {
    private MethodPlanner() {}

    static NativeMethod plan(Class<?> type, Method method) {
        String where = describe(type, method);
        String symbol = symbol(method, where);
        if (method.getTypeParameters().length > 0) {
            throw new ForeignError("cannot bind " + where + ": it is a generic method; C functions have fixed types,"
                    + " so declare one method per type", symbol);
        }
        if (method.isVarArgs()) {
            throw new ForeignError("cannot bind " + where + ": Java varargs cannot say the C types of a variadic call;"
                    + " declare the arguments as parameters and mark the method @Variadic(fixed = n)", symbol);
        }
        Parameter[] parameters = method.getParameters();
        int firstVariadic = firstVariadic(method, parameters.length, where, symbol);
        Critical critical = method.getAnnotation(Critical.class);
        boolean heapAccess = critical != null && critical.heapAccess();
        TypeMapping mapping = new TypeMapping(where, symbol);
        List<Argument> arguments = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            String label = "parameter " + i + (parameter.isNamePresent() ? " (" + parameter.getName() + ")" : "");
            arguments.add(mapping.argument(i, label, parameter.getType(), parameter.getParameterizedType(),
                    nativeType(parameter.getAnnotation(NativeType.class)),
                    charset(parameter.getAnnotation(Encoding.class), where, symbol), heapAccess,
                    firstVariadic >= 0 && i >= firstVariadic));
        }
        Result result = mapping.result(method.getReturnType(), nativeType(method.getAnnotation(NativeType.class)),
                charset(method.getAnnotation(Encoding.class), where, symbol));
        boolean errno = method.isAnnotationPresent(Errno.class);
        if (errno && (result.layout() == null || !ErrnoCheck.canCheck(((ValueLayout) result.layout()).carrier()))) {
            throw new ForeignError("cannot bind " + where + ": @Errno needs a result that signals failure, -1 from an"
                    + " int or long or NULL from a pointer, but the method returns " + method.getReturnType().getName(),
                    symbol);
        }
        FreedWith freedWith = method.getAnnotation(FreedWith.class);
        if (freedWith != null && result.conversion() != NativeMethod.ResultConversion.STRING) {
            throw new ForeignError("cannot bind " + where + ": @FreedWith(\"" + freedWith.value() + "\") frees a"
                    + " char * result after decoding it, but the method returns " + method.getReturnType().getName()
                    + "; return a String", symbol);
        }
        return new NativeMethod(method, where, symbol, arguments, result, errno,
                freedWith == null ? null : freedWith.value(), critical != null, heapAccess,
                firstVariadic);
    }

    /** {@code Libc.strlen(String)}: how every message names a method. */
    static String describe(Class<?> type, Method method) {
        StringBuilder text = new StringBuilder(type.getSimpleName()).append('.').append(method.getName()).append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) { // a loop, not a stream: no class spun on a first call
            text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    private static String symbol(Method method, String where) {
        CFunction function = method.getAnnotation(CFunction.class);
        if (function == null) {
            return method.getName();
        }
        if (function.value().isBlank()) {
            throw new ForeignError("cannot bind " + where + ": @CFunction names no symbol", null);
        }
        return function.value();
    }

    private static int firstVariadic(Method method, int parameterCount, String where, String symbol) {
        Variadic variadic = method.getAnnotation(Variadic.class);
        if (variadic == null) {
            return -1;
        }
        if (variadic.fixed() < 0 || variadic.fixed() > parameterCount) {
            throw new ForeignError("cannot bind " + where + ": @Variadic(fixed = " + variadic.fixed()
                    + ") must be between 0 and the method's " + parameterCount + " parameters", symbol);
        }
        return variadic.fixed();
    }

    private static String nativeType(NativeType annotation) {
        return annotation == null ? null : annotation.value();
    }

    private static Charset charset(Encoding encoding, String where, String symbol) {
        if (encoding == null) {
            return null;
        }
        try {
            return Charset.forName(encoding.value());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw new ForeignError("cannot bind " + where + ": @Encoding(\"" + encoding.value()
                    + "\") is not a charset this JVM supports", symbol, null, unknown);
        }
    }
}
