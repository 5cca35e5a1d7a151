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
     * A callback running a dynamic function, with its own arena: its pointer is valid until the callback is closed,
     * by {@link Callback#close()} or {@link CallbackRegistry#unregister(String)}.
     *
     * @param function  the Java code C runs, given the arguments converted to their Java types
     * @param signature the C prototype of the function pointer
     * @param options   a name, a default result, a failure handler; of two of one kind, the later counts
     * @return the live, registered callback, which the caller closes
     * @throws CallbackSignatureError if the signature is variadic, has a parameter of unknown size or a struct the
     *         FFM linker cannot pass by value, or is refused by the JDK (too many parameters), or if a default result
     *         is declared for {@code void} or does not fit the result type
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    public static Callback create(CallbackFunction function, CPrototype signature, CallbackOption... options) {
        return CallbackFactory.dynamic(null, function, signature, options);
    }

    /**
     * {@link #create(CallbackFunction, CPrototype, CallbackOption...)} with C signature text.
     *
     * @param function  the Java code C runs, given the arguments converted to their Java types
     * @param signature a function-pointer type such as {@code "int (*)(const int *, const int *)"} (a name inside
     *                  the parentheses allowed), or a prototype such as {@code "int compare(const int *, const int *)"}
     * @param options   a name, a default result, a failure handler; of two of one kind, the later counts
     * @return the live, registered callback, which the caller closes
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C
     * @throws CallbackSignatureError if {@code signature} names a type other than a function pointer, or for the
     *         reasons {@link #create(CallbackFunction, CPrototype, CallbackOption...)} gives
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
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
     * that outlives the call. The interface must be public, or in a package open to this module; for any other,
     * pass a lookup to {@link #of(Class, Object, CPrototype, MethodHandles.Lookup, CallbackOption...)}.
     *
     * @param <T>       the functional interface
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature the C prototype of the function pointer
     * @param options   a name, a default result, a failure handler; of two of one kind, the later counts
     * @return the live, registered callback, which the caller closes
     * @throws CallbackSignatureError if {@code type} is not a functional interface this module can call,
     *         {@code function} is not an instance of it, or its method does not fit; or for the reasons
     *         {@link #create(CallbackFunction, CPrototype, CallbackOption...)} gives
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    public static <T> Callback of(Class<T> type, T function, CPrototype signature, CallbackOption... options) {
        return CallbackFactory.typed(null, type, function, signature, options);
    }

    /**
     * {@link #of(Class, Object, CPrototype, CallbackOption...)} for an interface this module cannot call (not public,
     * in a package not open to it): its method is found with the caller's {@code lookup}, which must be able to call
     * it ({@code MethodHandles.lookup()} in a class of the interface's package).
     *
     * @param <T>       the functional interface
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature the C prototype of the function pointer
     * @param lookup    a lookup that can call the interface's method
     * @param options   a name, a default result, a failure handler; of two of one kind, the later counts
     * @return the live, registered callback, which the caller closes
     * @throws CallbackSignatureError naming the interface and the lookup when the lookup cannot call the method; or
     *         for the reasons {@link #of(Class, Object, CPrototype, CallbackOption...)} gives
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    public static <T> Callback of(Class<T> type, T function, CPrototype signature, MethodHandles.Lookup lookup,
            CallbackOption... options) {
        return CallbackFactory.typed(null, type, function, signature, Objects.requireNonNull(lookup, "lookup"),
                options);
    }

    /**
     * {@link #of(Class, Object, CPrototype, CallbackOption...)} with C signature text.
     *
     * @param <T>       the functional interface
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature a function-pointer type such as {@code "int (*)(const int *, const int *)"} (a name inside
     *                  the parentheses allowed), or a prototype such as {@code "int compare(const int *, const int *)"}
     * @param options   a name, a default result, a failure handler; of two of one kind, the later counts
     * @return the live, registered callback, which the caller closes
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C
     * @throws CallbackSignatureError if {@code signature} names a type other than a function pointer, or for the
     *         reasons {@link #of(Class, Object, CPrototype, CallbackOption...)} gives
     * @throws CallbackRegistryError if the {@link CallbackOption#name name} is taken by a live callback
     */
    public static <T> Callback of(Class<T> type, T function, String signature, CallbackOption... options) {
        return of(type, function, Signatures.parse(signature), options);
    }

    /**
     * Lisp {@code defcallback} / {@code register-callback}: a dynamic callback registered under {@code name},
     * alive until {@link CallbackRegistry#unregister(String) unregistered} or closed.
     *
     * @param name      the name to find it by with {@link CallbackRegistry#byName(String)}; it overrides a
     *                  {@link CallbackOption#name name} among {@code options}
     * @param function  the Java code C runs, given the arguments converted to their Java types
     * @param signature a function-pointer type such as {@code "void (*)(int)"}, or a prototype
     * @param options   a default result, a failure handler
     * @return the live, registered callback
     * @throws CallbackRegistryError if a live callback already has this name
     * @throws CallbackSignatureError if {@code name} is {@code null} or blank, or for the reasons
     *         {@link #create(CallbackFunction, String, CallbackOption...)} gives
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C
     */
    public static Callback register(String name, CallbackFunction function, String signature,
            CallbackOption... options) {
        CallbackOption[] named = Arrays.copyOf(options, options.length + 1);
        named[options.length] = CallbackOption.name(name);
        return create(function, Signatures.parse(signature), named);
    }

    /**
     * Runs {@code body} with a fresh callback, then closes it and rethrows a failure the callback recorded on this
     * thread (Lisp {@code with-callback}): the failure pending on this thread, as
     * {@link CallbackFailures#rethrowIfPending()} gives it, so none if a {@link CallbackFailures#setHandler global
     * handler} took it. If {@code body} itself throws, the callback is closed too and a pending callback failure is
     * attached to its exception as suppressed.
     *
     * @param <R>       what {@code body} returns
     * @param function  the Java code C runs, given the arguments converted to their Java types
     * @param signature the C prototype of the function pointer
     * @param body      runs the native code that uses the callback; its pointer is freed when {@code body} returns,
     *                  so C must not keep it
     * @return what {@code body} returned
     * @throws CallbackFailedException if {@code body}, or the callback, threw a checked exception (unchecked ones
     *         are rethrown as they are)
     * @throws CallbackClosedError if, when {@code body} returns, a native call that was passed the pointer is still
     *         running on another thread; the callback is then left open
     * @throws CallbackSignatureError for the reasons {@link #create(CallbackFunction, CPrototype, CallbackOption...)}
     *         gives, before {@code body} runs
     */
    public static <R> R withCallback(CallbackFunction function, CPrototype signature,
            ScopedBody<R> body) {
        return run(create(function, signature), body);
    }

    /**
     * {@link #withCallback(CallbackFunction, CPrototype, ScopedBody)} with C signature text.
     *
     * @param <R>       what {@code body} returns
     * @param function  the Java code C runs, given the arguments converted to their Java types
     * @param signature a function-pointer type such as {@code "int (*)(const int *, const int *)"}, or a prototype
     * @param body      runs the native code that uses the callback; its pointer is freed when {@code body} returns
     * @return what {@code body} returned
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C, before {@code body} runs
     * @throws CallbackFailedException if {@code body}, or the callback, threw a checked exception
     */
    public static <R> R withCallback(CallbackFunction function, String signature, ScopedBody<R> body) {
        return run(create(function, signature), body);
    }

    /**
     * {@link #withCallback(CallbackFunction, CPrototype, ScopedBody)} for a typed function, bound as
     * {@link #of(Class, Object, CPrototype, CallbackOption...)} binds it.
     *
     * @param <T>       the functional interface
     * @param <R>       what {@code body} returns
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature a function-pointer type such as {@code "int (*)(const int *, const int *)"}, or a prototype
     * @param body      runs the native code that uses the callback; its pointer is freed when {@code body} returns
     * @return what {@code body} returned
     * @throws epsilon.foreign.marshalling.ParseError if {@code signature} is not C, before {@code body} runs
     * @throws CallbackSignatureError for the reasons {@link #of(Class, Object, CPrototype, CallbackOption...)}
     *         gives, before {@code body} runs
     * @throws CallbackFailedException if {@code body}, or the callback, threw a checked exception
     */
    public static <T, R> R withCallback(Class<T> type, T function, String signature, ScopedBody<R> body) {
        return run(of(type, function, Signatures.parse(signature)), body);
    }

    /**
     * {@link #withCallback(CallbackFunction, CPrototype, ScopedBody)} for a typed function, bound as
     * {@link #of(Class, Object, CPrototype, CallbackOption...)} binds it.
     *
     * @param <T>       the functional interface
     * @param <R>       what {@code body} returns
     * @param type      the functional interface whose single abstract method C calls
     * @param function  the instance whose method runs
     * @param signature the C prototype of the function pointer
     * @param body      runs the native code that uses the callback; its pointer is freed when {@code body} returns
     * @return what {@code body} returned
     * @throws CallbackSignatureError for the reasons {@link #of(Class, Object, CPrototype, CallbackOption...)}
     *         gives, before {@code body} runs
     * @throws CallbackFailedException if {@code body}, or the callback, threw a checked exception
     */
    public static <T, R> R withCallback(Class<T> type, T function, CPrototype signature, ScopedBody<R> body) {
        return run(of(type, function, signature), body);
    }

    /** {@return a new, open group of callbacks sharing one arena, which the caller closes; see {@link CallbackScope}} */
    public static CallbackScope openScope() {
        return new Scope();
    }

    /**
     * Runs {@code body} with a new scope and closes it, freeing every callback made in it, whether {@code body}
     * returns or throws. Unlike {@code withCallback}, it does not rethrow the callbacks' failures: call
     * {@link CallbackFailures#rethrowIfPending()} after each native call, in {@code body}.
     *
     * @param <R>  what {@code body} returns
     * @param body makes callbacks in the scope and runs the native code that uses them; their pointers are freed
     *             when it returns, so C must not keep them
     * @return what {@code body} returned
     * @throws IllegalStateException as {@link CallbackScope#close()} does, if a native call that was passed one of
     *         the pointers is still running
     */
    public static <R> R withCallbackScope(Function<CallbackScope, R> body) {
        try (CallbackScope scope = openScope()) {
            return body.apply(scope);
        }
    }

    /** {@return the registry of live callbacks: one for the JVM, shared by every thread} */
    public static CallbackRegistry registry() {
        return Registry.global();
    }

    /**
     * Calls the live callback at {@code pointer} through a downcall, as C would (Lisp {@code call-callback}), and
     * rethrows the failure pending on this thread, as {@link Callback#call} does.
     *
     * @param pointer   the callback's function pointer; only its address counts, so one C passed back will do
     * @param arguments one per C parameter, converted as a call's arguments are
     * @return what the callback returned to C, as its C type's Java type, or {@code null} for {@code void}
     * @throws CallbackRegistryError if no live callback has this address
     * @throws epsilon.foreign.marshalling.ArityError if the number of arguments is not the signature's
     * @throws epsilon.foreign.marshalling.ForeignError (a conversion error) if an argument does not fit its C type
     */
    public static Object call(MemorySegment pointer, Object... arguments) {
        java.util.Objects.requireNonNull(pointer, "pointer");
        Callback callback = registry().byAddress(pointer).orElseThrow(() -> new CallbackRegistryError(
                "no live callback at address 0x" + Long.toHexString(pointer.address())));
        return callback.call(arguments);
    }

    /**
     * The body of {@link #withCallback}: it may throw anything; checked exceptions reach the caller wrapped in
     * {@link CallbackFailedException}.
     *
     * @param <R> what the body returns
     */
    @FunctionalInterface
    public interface ScopedBody<R> {
        /**
         * Runs the native code that uses {@code callback}.
         *
         * @param callback the fresh callback, closed when this returns
         * @return the value {@code withCallback} returns
         * @throws Throwable anything; {@code withCallback} rethrows it, a checked one wrapped
         */
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
