package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackFailureHandler;
import epsilon.foreign.callback.CallbackFunction;
import epsilon.foreign.callback.CallbackOption;
import epsilon.foreign.callback.CallbackSignatureError;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.internal.convert.Failures;
import epsilon.foreign.marshalling.internal.convert.ToForeign;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Makes callbacks: settles the options, builds the target handle (typed or dynamic), guards it, links the upcall
 * stub in the right arena and registers the result.
 */
public final class CallbackFactory {
    private CallbackFactory() {}

    private static final Linker LINKER = Linker.nativeLinker();

    /** A callback over a {@link CallbackFunction}. */
    public static Callback dynamic(Scope scope, CallbackFunction function, CPrototype signature,
            CallbackOption... options) {
        Objects.requireNonNull(function, "function");
        Signatures.checked(signature);
        return make(scope, signature, options, () -> DynamicInvoker.handle(function, signature));
    }

    /** A callback over an instance of a functional interface, bound without boxing. */
    public static <T> Callback typed(Scope scope, Class<T> type, T function, CPrototype signature,
            CallbackOption... options) {
        return typed(scope, type, function, signature, null, options);
    }

    /**
     * A callback over an instance of a functional interface whose method is found with the caller's {@code lookup}
     * (or, when it is {@code null}, as this module can see it).
     */
    public static <T> Callback typed(Scope scope, Class<T> type, T function, CPrototype signature,
            MethodHandles.Lookup lookup, CallbackOption... options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(function, "function");
        Signatures.checked(signature);
        MethodHandle target = TypedBinder.bind(type, function, signature, lookup); // validate before taking any resource
        return make(scope, signature, options, () -> target);
    }

    private interface TargetSource {
        MethodHandle target();
    }

    /**
     * The upcall stub. A struct the FFM linker cannot pass by value (packed, over-aligned, a {@code long double}
     * inside) was refused before this, with marshalling's reason ({@code CPrototype.unsupported()}, asked by
     * {@link Signatures#checked}); the JDK still refuses, with an {@link IllegalArgumentException}, more parameter
     * slots than a method handle has (255, a {@code long} or {@code double} taking two). That is a signature a
     * callback cannot have, reported as such.
     */
    private static MemorySegment link(CPrototype signature, TargetSource source, CallbackImpl callback,
            Object onFailure, Arena arena) {
        try {
            FunctionDescriptor descriptor = signature.descriptor();
            MethodHandle target = source.target().asType(descriptor.toMethodType());
            return LINKER.upcallStub(UpcallGuard.guard(target, callback, onFailure), descriptor, arena);
        } catch (IllegalArgumentException refused) {
            throw new CallbackSignatureError("cannot make a callback " + Signatures.describe(signature)
                    + ": the JDK refuses it: " + refused.getMessage(), refused);
        }
    }

    private static Callback make(Scope scope, CPrototype signature, CallbackOption[] options,
            TargetSource source) {
        String name = null;
        Object declaredDefault = null;
        boolean hasDefault = false;
        CallbackFailureHandler handler = null;
        for (CallbackOption option : options) {
            switch (option) {
                case CallbackOption.Name(String n) -> name = n;
                case CallbackOption.DefaultResult(Object value) -> {
                    declaredDefault = value;
                    hasDefault = true;
                }
                case CallbackOption.OnFailure(CallbackFailureHandler h) -> handler = h;
            }
        }
        CType result = signature.returnType();
        if (hasDefault && result.isVoid()) {
            throw new CallbackSignatureError("a default result was declared (" + declaredDefault
                    + ") but the signature " + Signatures.describe(signature) + " returns void");
        }
        Object defaultCarrier = null;
        if (hasDefault) {
            try {
                defaultCarrier = ToForeign.convert(declaredDefault, result, null,
                        "the default result of " + Signatures.describe(signature), Failures.SITE);
            } catch (ForeignError unfit) {
                throw new CallbackSignatureError(unfit.getMessage());
            }
        }
        if (scope != null) {
            Object carrier = defaultCarrier;
            String callbackName = name;
            CallbackFailureHandler onFailure = handler;
            return scope.making(() -> register(scope, signature, source, callbackName, carrier, onFailure));
        }
        return register(null, signature, source, name, defaultCarrier, handler);
    }

    /** Registers and links a callback whose options are settled; in a scope, under the scope's lock. */
    private static Callback register(Scope scope, CPrototype signature, TargetSource source, String name,
            Object defaultCarrier, CallbackFailureHandler handler) {
        boolean hasDefault = defaultCarrier != null;
        CType result = signature.returnType();
        Registry registry = Registry.global();
        Arena arena = scope == null ? Arena.ofShared() : scope.arenaFor("a callback");
        CallbackImpl callback = new CallbackImpl(registry.nextId(), name, signature, handler,
                scope == null ? arena : null, scope);
        boolean linked = false;
        try {
            if (name != null) {
                registry.claimName(name, callback);
            }
            Object onFailure = hasDefault ? defaultCarrier : Defaults.zeroOf(result, arena);
            callback.attach(link(signature, source, callback, onFailure, arena));
            registry.add(callback);
            if (scope != null) {
                scope.join(callback);
            }
            linked = true;
            return callback;
        } finally {
            if (!linked) {
                if (name != null) {
                    registry.releaseName(name, callback);
                }
                if (scope == null) {
                    arena.close();
                }
            }
        }
    }
}
