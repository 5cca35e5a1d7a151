package epsilon.foreign.callback;

import epsilon.foreign.callback.internal.CallbackFactory;
import epsilon.foreign.callback.internal.FailureRouter;
import epsilon.foreign.callback.internal.Registry;
import epsilon.foreign.callback.internal.Scope;
import epsilon.foreign.callback.internal.Signatures;
import epsilon.foreign.marshalling.CPrototype;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes C function pointers from Java code (Lisp Epsilon's {@code make-callback}, {@code with-callback},
 * {@code defcallback}, {@code register-callback}, {@code with-callback-scope}, {@code call-callback}).
 *
 * <p>Two shapes of Java function:
 * <ul>
 * <li><b>typed</b>, for hot callbacks: any functional interface, {@link java.util.Comparator} or your own.
 *     {@link #of(Class, Object, CPrototype, CallbackOption...) of} binds its single abstract method with
 *     method handles, so each call from C goes straight to the lambda, no boxing;
 * <li><b>dynamic</b>: a {@link CallbackFunction} receiving {@code Object[]}, for signatures known only at run time.
 * </ul>
 *
 * {@snippet :
 * MethodHandle qsort = Linker.nativeLinker().downcallHandle(
 *         Linker.nativeLinker().defaultLookup().find("qsort").orElseThrow(),
 *         FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
 * Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment array = arena.allocateFrom(JAVA_INT, 3, 1, 2);
 *     Callbacks.withCallback(Comparator.class, ascending, "int (*)(const int *, const int *)", cmp -> {
 *         qsort.invokeExact(array, 3L, 4L, cmp.pointer());   // C calls the lambda
 *         return null;
 *     });                                                    // stub freed; a comparator exception rethrown here
 * }
 * }
 *
 * <p>Every callback is {@link CallbackRegistry registered} while alive and never lets an exception reach C: see
 * {@link CallbackFailures}.
 */
public final class Callbacks {
    private Callbacks() {}

    /**
     * A callback running a dynamic function, with its own arena.
     *
     * @throws CallbackSignatureError if an option does not fit the signature
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken
     */
    public static Callback create(CallbackFunction function, CPrototype signature, CallbackOption... options) {
        return CallbackFactory.dynamic(null, function, signature, options);
    }

    /** {@link #create(CallbackFunction, CPrototype, CallbackOption...)} with C text (a function-pointer type such as {@code "int (*)(const int *, const int *)"} or a prototype). */
    public static Callback create(CallbackFunction function, String signature, CallbackOption... options) {
        return create(function, Signatures.parse(signature), options);
    }

    /**
     * A callback running {@code function}, an instance of the functional interface {@code type}, with its own
     * arena. The interface's single abstract method is bound with method handles: its parameters must number as
     * many as the signature's, and each must hold its C type's values: the carrier ({@code int} for
     * {@code unsigned int}, the raw bits), the C type's Java type ({@code long}), or a reference type its Java value
     * is (erased generics such as {@code Comparator.compare(Object, Object)} do). The result converts to C with a
     * call's range checks; an erased result for a pointer ({@code Supplier<MemorySegment>}) passes its segment or
     * {@code null}, and a {@code String} result declared for {@code char *} is refused, since C would need memory
     * that outlives the call.
     *
     * @throws CallbackSignatureError if {@code type} is not a functional interface or its method does not fit
     * @throws epsilon.foreign.marshalling.ParseError for signature text that is not C
     */
    public static <T> Callback of(Class<T> type, T function, CPrototype signature, CallbackOption... options) {
        return CallbackFactory.typed(null, type, function, signature, options);
    }

    /**
     * {@link #of(Class, Object, CPrototype, CallbackOption...)} for an interface this module cannot call (not public,
     * in a package not open to it): its method is found with the caller's {@code lookup}, which must be able to call
     * it ({@code MethodHandles.lookup()} in a class of the interface's package).
     *
     * @throws CallbackSignatureError naming the interface and the lookup when the lookup cannot call the method
     */
    public static <T> Callback of(Class<T> type, T function, CPrototype signature, MethodHandles.Lookup lookup,
            CallbackOption... options) {
        return CallbackFactory.typed(null, type, function, signature, Objects.requireNonNull(lookup, "lookup"),
                options);
    }

    /** {@link #of(Class, Object, CPrototype, CallbackOption...)} with C text (a function-pointer type such as {@code "int (*)(const int *, const int *)"} or a prototype). */
    public static <T> Callback of(Class<T> type, T function, String signature, CallbackOption... options) {
        return of(type, function, Signatures.parse(signature), options);
    }

    /**
     * Lisp {@code defcallback} / {@code register-callback}: a dynamic callback registered under {@code name},
     * alive until {@link CallbackRegistry#unregister(String) unregistered} or closed.
     *
     * @throws CallbackRegistryError if a live callback already has this name
     */
    public static Callback register(String name, CallbackFunction function, String signature,
            CallbackOption... options) {
        CallbackOption[] named = Arrays.copyOf(options, options.length + 1);
        named[options.length] = CallbackOption.name(name);
        return create(function, Signatures.parse(signature), named);
    }

    /**
     * Runs {@code body} with a fresh callback, then closes it and rethrows a failure the callback recorded on this
     * thread (Lisp {@code with-callback}). If {@code body} itself throws, a pending callback failure is attached
     * to its exception as suppressed.
     */
    public static <R> R withCallback(CallbackFunction function, CPrototype signature,
            ScopedBody<R> body) {
        return run(create(function, signature), body);
    }

    /** {@link #withCallback(CallbackFunction, CPrototype, ScopedBody)} with C signature text. */
    public static <R> R withCallback(CallbackFunction function, String signature, ScopedBody<R> body) {
        return run(create(function, signature), body);
    }

    /** {@link #withCallback(CallbackFunction, CPrototype, ScopedBody)} for a typed function. */
    public static <T, R> R withCallback(Class<T> type, T function, String signature, ScopedBody<R> body) {
        return run(of(type, function, Signatures.parse(signature)), body);
    }

    /** {@link #withCallback(CallbackFunction, CPrototype, ScopedBody)} for a typed function. */
    public static <T, R> R withCallback(Class<T> type, T function, CPrototype signature, ScopedBody<R> body) {
        return run(of(type, function, signature), body);
    }

    /** A new group of callbacks sharing one arena; see {@link CallbackScope}. */
    public static CallbackScope openScope() {
        return new Scope();
    }

    /** Runs {@code body} with a new scope and closes it, freeing every callback made in it. */
    public static <R> R withCallbackScope(Function<CallbackScope, R> body) {
        try (CallbackScope scope = openScope()) {
            return body.apply(scope);
        }
    }

    /** The registry of live callbacks. */
    public static CallbackRegistry registry() {
        return Registry.global();
    }

    /**
     * Calls the live callback at {@code pointer} through a downcall, as C would (Lisp {@code call-callback}).
     *
     * @throws CallbackRegistryError if no live callback has this address
     */
    public static Object call(MemorySegment pointer, Object... arguments) {
        java.util.Objects.requireNonNull(pointer, "pointer");
        Callback callback = registry().byAddress(pointer).orElseThrow(() -> new CallbackRegistryError(
                "no live callback at address 0x" + Long.toHexString(pointer.address())));
        return callback.call(arguments);
    }

    /** The body of {@link #withCallback}: it may throw anything; checked exceptions reach the caller wrapped. */
    @FunctionalInterface
    public interface ScopedBody<R> {
        R run(Callback callback) throws Throwable;
    }

    private static <R> R run(Callback callback, ScopedBody<R> body) {
        R result;
        try (callback) {
            result = body.run(callback);
        } catch (RuntimeException | Error failure) {
            FailureRouter.takePendingInto(failure);
            throw failure;
        } catch (Throwable failure) {
            FailureRouter.takePendingInto(failure);
            throw new CallbackFailedException("the body of withCallback threw " + failure, failure);
        }
        CallbackFailures.rethrowIfPending();
        return result;
    }
}
