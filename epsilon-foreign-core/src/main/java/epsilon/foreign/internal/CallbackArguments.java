package epsilon.foreign.internal;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import java.lang.foreign.MemorySegment;

/**
 * A {@link Callback} passed to C, at every call level: its function pointer, once its signature is checked against
 * the parameter's function-pointer type (a mismatch would have C call it with the wrong arguments) and it is known
 * to be open (a closed one is refused before C can jump into freed code).
 */
public final class CallbackArguments {
    private CallbackArguments() {}

    /**
     * Whether an argument of this C type is a way for C to call back into Java during the call, so that the call must
     * watch for a callback's failure: a function pointer, or a pointer of another kind (a callback may be passed as
     * {@code void *}). Text ({@code char *}) is not, whether given as a String or a segment. The one rule of the
     * dynamic path and the bound interfaces (a variadic call may always call back).
     */
    public static boolean mayCarryCallback(CType type) {
        return type.kind() == CType.Kind.FUNCTION_POINTER || type.kind() == CType.Kind.POINTER;
    }

    /**
     * @throws ArgumentTypeError when the parameter's function-pointer type has another signature
     * @throws CallbackClosedError when the callback has been closed
     */
    public static MemorySegment pointer(Callback callback, CType parameterType, String function, int index) {
        if (parameterType instanceof FunctionPointerType pointer && !pointer.accepts(callback.signature())) {
            throw new ArgumentTypeError("argument " + index + " of " + function + ": the callback's signature "
                    + CType.functionPointer(callback.signature()).name() + " does not match the parameter's "
                    + parameterType.name() + "; C would call it with the wrong arguments", function, index);
        }
        try {
            return callback.pointer();
        } catch (CallbackClosedError closed) {
            throw new CallbackClosedError("argument " + index + " of " + function + " is a callback that has been"
                    + " closed: " + closed.getMessage());
        }
    }
}
