package epsilon.foreign.internal.binding;

import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.internal.CallFrame;
import epsilon.foreign.internal.CallbackArguments;
import epsilon.foreign.internal.KnownNonnull;
import epsilon.foreign.internal.NativeLibrary;
import epsilon.foreign.internal.ResultFreeing;
import epsilon.foreign.internal.binding.NativeMethod.Argument;
import epsilon.foreign.internal.binding.NativeMethod.ArgumentConversion;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.Adapters;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Builds, for one {@link NativeMethod}, the method handle that does the whole call and has exactly the Java
 * method's type, from the downcall handle outwards:
 * <ol>
 *   <li>the downcall, bound to the function's address;</li>
 *   <li>{@code @Errno}: compare the result with the failure value, and on failure throw {@code ErrnoError}
 *       with the captured errno;</li>
 *   <li>the result conversion (string decoding, unsigned widening);</li>
 *   <li>the argument conversions (checked unsigned narrowing, strings and copied arrays into the call frame,
 *       arrays in place as heap segments);</li>
 *   <li>the call frame, opened before and closed after the call whatever happens (which also copies arrays back);</li>
 *   <li>translation of the JDK's refusals (closed library, null or freed segment) into {@code ForeignError}s;</li>
 *   <li>for functions in a library the JVM itself keeps loaded, a check that the library is open.</li>
 * </ol>
 * Only the layers a method needs are added: {@code labs(long)} is the downcall plus the open check. The handle is a
 * constant in the generated class, so the JIT inlines every layer.
 */
final class CallHandles {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle OPEN_FRAME = staticMethod(CallFrame.class, "open", CallFrame.class);
    private static final MethodHandle CLOSE_FRAME = virtualMethod(CallFrame.class, "close", void.class);
    private static final MethodHandle OPEN_COPY_BACK_FRAME = staticMethod(CopyBackFrame.class, "open",
            CopyBackFrame.class);
    private static final MethodHandle CLOSE_COPY_BACK_FRAME = virtualMethod(CopyBackFrame.class, "close", void.class);
    private static final MethodHandle ENCODE = staticMethod(FrameConversions.class, "encode", MemorySegment.class,
            SegmentAllocator.class, String.class, Charset.class, String.class);
    private static final MethodHandle DECODE_AND_FREE = virtualMethod(ResultFreeing.class, "decodeAndFree",
            String.class, MemorySegment.class, Charset.class);
    private static final MethodHandle DECODE = staticMethod(FrameConversions.class, "decode", String.class,
            MemorySegment.class, Charset.class);
    private static final MethodHandle COPY_IN = staticMethod(FrameConversions.class, "copyIn", MemorySegment.class,
            SegmentAllocator.class, Object.class, boolean.class);
    private static final MethodHandle CONVERTED = staticMethod(FrameConversions.class, "converted",
            MemorySegment.class, SegmentAllocator.class, Object.class, CType.class, String.class, int.class);
    private static final MethodHandle SCOPED_CALLBACK = staticMethod(FrameConversions.class, "scopedCallback",
            MemorySegment.class, SegmentAllocator.class, Object.class, Class.class, FunctionPointerType.class,
            MethodHandles.Lookup.class);
    private static final MethodHandle STRUCT_VIEW = staticMethod(FrameConversions.class, "structView",
            StructView.class, MemorySegment.class, StructType.class);
    private static final MethodHandle IN_PLACE = staticMethod(FrameConversions.class, "inPlace", MemorySegment.class,
            Object.class);
    private static final MethodHandle CALL_STATE = staticMethod(FrameConversions.class, "callState", MemorySegment.class,
            SegmentAllocator.class);
    private static final MethodHandle NONNULL = staticMethod(FrameConversions.class, "nonnull", Object.class,
            Object.class, CType.class, String.class, int.class);
    private static final MethodHandle REQUIRE_OPEN = virtualMethod(CallFailures.class, "requireOpen", void.class);
    private static final MethodHandle SUSPEND = staticMethod(CallbackFailures.class, "suspendPending", Object.class);
    private static final MethodHandle AFTER_CALL = staticMethod(FrameConversions.class, "afterCall", void.class,
            Throwable.class, Object.class, String.class);
    private static final MethodHandle ENTER = virtualMethod(NativeLibrary.class, "enter", boolean.class);
    private static final MethodHandle EXIT = virtualMethod(NativeLibrary.class, "exit", void.class);
    private static final MethodHandle ENTER_MAY_CALL_BACK = virtualMethod(NativeLibrary.class, "enterMayCallBack",
            boolean.class);
    private static final MethodHandle EXIT_MAY_CALL_BACK = virtualMethod(NativeLibrary.class, "exitMayCallBack",
            void.class);
    private static final MethodHandle RETHROW = virtualMethod(CallFailures.class, "rethrow", Object.class,
            RuntimeException.class, Object[].class);
    private static final MethodHandle REJECT_CLOSED = virtualMethod(CallFailures.class, "rejectClosed", Object.class);

    private CallHandles() {}

    /**
     * The complete call of {@code method}, of type {@link NativeMethod#javaType()}.
     *
     * @param address the function's address, a segment of the library's arena
     * @param callerLookup the lookup the interface was bound with, which also finds the methods of its functional
     *                     interfaces, or {@code null}
     */
    static MethodHandle of(NativeMethod method, NativeLibrary library, MemorySegment address,
                           MethodHandles.Lookup callerLookup) {
        // Planning only produces descriptors the linker takes: promoted variadics, no structs by value.
        MethodHandle downcall = LINKER.downcallHandle(method.descriptor(), method.options());
        Optional<MemorySegment> permanent = library.permanentAddress(method.symbol());
        // ifs and loops rather than lambdas and streams in this class: each lambda spins a class on a first call
        MethodHandle call = MethodHandles.insertArguments(downcall, 0,
                permanent.isPresent() ? permanent.get() : library.heldAddress(method.symbol()));
        if (method.errno()) {
            call = checkingErrno(call, method.symbol());
        }
        call = convertingResult(call, method.result(), method.freedWith() == null ? null
                : ResultFreeing.of(method.result().type(), method.freedWith(), library, method.where()));
        int offset = 0;
        if (method.needsFrame()) {
            call = MethodHandles.dropArguments(call, method.errno() ? 1 : 0, SegmentAllocator.class);
            if (method.errno()) {
                call = MethodHandles.foldArguments(call, 0, CALL_STATE);
            }
            offset = 1;
        }
        for (Argument argument : method.arguments()) {
            call = converting(call, offset + argument.index(), argument, method, callerLookup);
        }
        if (method.needsFrame()) {
            call = inFrame(call, method.copiesBack());
        }
        if (mayCallBack(method)) {
            call = rethrowingCallbackFailures(call, method.symbol());
        }
        call = checkingNonnull(call, method, library);
        CallFailures failures = new CallFailures(method, library);
        if (method.takesSegments() || permanent.isEmpty()) {
            call = translatingFailures(call, failures);
        }
        if (permanent.isPresent()) {
            call = checkingOpen(call, failures);
        } else {
            call = holdingLibrary(call, library, failures, mayCallBack(method));
        }
        if (!call.type().equals(method.javaType())) {
            throw new IllegalStateException("handle for " + method.where() + " has type " + call.type());
        }
        return call;
    }

    /** (state, carriers...)R: throws ErrnoError when the result is the failure value. */
    private static MethodHandle checkingErrno(MethodHandle call, String symbol) {
        MethodHandle check = MethodHandles.insertArguments(staticMethod(ErrnoCheck.class, "check",
                call.type().returnType(), call.type().returnType(), MemorySegment.class, String.class), 2, symbol);
        MethodHandle checked = MethodHandles.collectArguments(check, 0, call);
        int[] reorder = new int[checked.type().parameterCount()];
        for (int i = 0; i < reorder.length - 1; i++) {
            reorder[i] = i;
        }
        reorder[reorder.length - 1] = 0;    // the check reads the same state segment the call wrote
        return MethodHandles.permuteArguments(checked, call.type(), reorder);
    }

    private static MethodHandle converting(MethodHandle call, int position, Argument argument, NativeMethod method,
                                           MethodHandles.Lookup callerLookup) {
        Class<?> javaType = argument.javaType();
        String site = method.where() + ": " + argument.label() + " as " + argument.type().name();
        return switch (argument.conversion()) {
            case CAST -> call.type().parameterType(position) == javaType ? call
                    : MethodHandles.explicitCastArguments(call, call.type().changeParameterType(position, javaType));
            case UNSIGNED_NARROWING -> MethodHandles.filterArguments(call, position,
                    Adapters.toCarrier(argument.type(), javaType, method.symbol(), argument.index()));
            case UNSIGNED_PROMOTION -> MethodHandles.filterArguments(call, position, toUnsignedInt(javaType));
            case STRING -> withFrameArgument(call, position,
                    MethodHandles.insertArguments(ENCODE, 2, argument.charset(), site));
            case ARRAY_COPY_IN, ARRAY_COPY_IN_OUT -> withFrameArgument(call, position, MethodHandles
                    .insertArguments(COPY_IN, 2, argument.conversion() == ArgumentConversion.ARRAY_COPY_IN_OUT)
                    .asType(MethodType.methodType(MemorySegment.class, SegmentAllocator.class, javaType)));
            case ARRAY_IN_PLACE -> MethodHandles.filterArguments(call, position,
                    IN_PLACE.asType(MethodType.methodType(MemorySegment.class, javaType)));
            case CONVERTED -> withFrameArgument(call, position, MethodHandles
                    .insertArguments(CONVERTED, 2, argument.type(), method.symbol(), argument.index())
                    .asType(MethodType.methodType(MemorySegment.class, SegmentAllocator.class, javaType)));
            case SCOPED_CALLBACK -> withFrameArgument(call, position, MethodHandles
                    .insertArguments(SCOPED_CALLBACK, 2, javaType, argument.type(), callerLookup)
                    .asType(MethodType.methodType(MemorySegment.class, SegmentAllocator.class, javaType)));
        };
    }

    /** {@code Byte.toUnsignedInt} or {@code Short.toUnsignedInt}. */
    private static MethodHandle toUnsignedInt(Class<?> narrow) {
        return staticMethod(narrow == byte.class ? Byte.class : Short.class, "toUnsignedInt", int.class, narrow);
    }

    /**
     * Refuses {@code null} (and C's {@code NULL}) for the reference parameters the C library declares nonnull, as
     * the known-prototype table records it for the function this method calls.
     */
    private static MethodHandle checkingNonnull(MethodHandle call, NativeMethod method, NativeLibrary library) {
        if (!method.takesReferences()) {
            return call; // only a reference can be null: spares the first call the parse of the known prototype
        }
        boolean[] nonnull = KnownNonnull.of(method.symbol(), library, method.arguments().size());
        if (nonnull == null) {
            return call;
        }
        // Wrapped last to first, so that the first argument is checked first, as the dynamic levels check them.
        for (Argument argument : method.arguments().reversed()) {
            int index = argument.index();
            if (nonnull[index] && !argument.javaType().isPrimitive()) {
                MethodHandle check = MethodHandles.insertArguments(NONNULL, 1, argument.type(), method.symbol(), index)
                        .asType(MethodType.methodType(argument.javaType(), argument.javaType()));
                call = MethodHandles.filterArguments(call, index, check);
            }
        }
        return call;
    }

    /** (carriers...)C to (carriers...)R for the method's Java return type. */
    private static MethodHandle convertingResult(MethodHandle call, NativeMethod.Result result,
                                                 ResultFreeing freeing) {
        Class<?> carrier = call.type().returnType();
        return switch (result.conversion()) {
            case CAST -> carrier == result.javaType() ? call
                    : MethodHandles.explicitCastArguments(call, call.type().changeReturnType(result.javaType()));
            case UNSIGNED_WIDENING -> MethodHandles.filterReturnValue(call,
                    Adapters.fromCarrier(result.type(), result.javaType()));
            case STRING -> MethodHandles.filterReturnValue(call, freeing == null
                    ? MethodHandles.insertArguments(DECODE, 1, result.charset())
                    : MethodHandles.insertArguments(DECODE_AND_FREE.bindTo(freeing), 1, result.charset()));
            case STRUCT_VIEW -> MethodHandles.filterReturnValue(call, MethodHandles.insertArguments(STRUCT_VIEW, 1,
                    ((PointerType) result.type()).target()));
        };
    }

    /**
     * Replaces the carrier at {@code position} of {@code call (frame, ...)} by the Java value that
     * {@code conversion (frame, value)} turns into it, sharing the leading frame.
     */
    private static MethodHandle withFrameArgument(MethodHandle call, int position, MethodHandle conversion) {
        MethodHandle collected = MethodHandles.collectArguments(call, position, conversion);
        MethodType type = collected.type().dropParameterTypes(position, position + 1);
        int[] reorder = new int[collected.type().parameterCount()];
        for (int i = 0; i < reorder.length; i++) {
            reorder[i] = i < position ? i : i == position ? 0 : i - 1;
        }
        return MethodHandles.permuteArguments(collected, type, reorder);
    }

    /** (frame, args...)R to (args...)R: opens a frame, calls, and closes the frame however the call ends. */
    private static MethodHandle inFrame(MethodHandle call, boolean copiesBack) {
        MethodHandle open = (copiesBack ? OPEN_COPY_BACK_FRAME : OPEN_FRAME)
                .asType(MethodType.methodType(SegmentAllocator.class));
        MethodHandle close = (copiesBack ? CLOSE_COPY_BACK_FRAME : CLOSE_FRAME)
                .asType(MethodType.methodType(void.class, SegmentAllocator.class));
        Class<?> result = call.type().returnType();
        MethodHandle cleanup;
        if (result == void.class) {
            cleanup = MethodHandles.dropArguments(close, 0, Throwable.class);
        } else {
            MethodHandle passResult = MethodHandles.dropArguments(MethodHandles.identity(result), 1,
                    SegmentAllocator.class);
            cleanup = MethodHandles.dropArguments(MethodHandles.foldArguments(passResult, 1, close), 0,
                    Throwable.class);
        }
        return MethodHandles.foldArguments(MethodHandles.tryFinally(call, cleanup), open);
    }

    private static MethodHandle translatingFailures(MethodHandle call, CallFailures failures) {
        MethodType type = call.type();
        MethodHandle handler = RETHROW.bindTo(failures)
                .asCollector(Object[].class, type.parameterCount())
                .asType(type.insertParameterTypes(0, RuntimeException.class));
        return MethodHandles.catchException(call, RuntimeException.class, handler);
    }

    /**
     * Holds the library for the whole call, result conversion included ({@code enter} before, {@code exit} in a
     * finally), and refuses the call with {@code ClosedLibraryError} once the library is closing: a library the JVM
     * does not keep loaded cannot be unmapped under a running call or a result being read.
     */
    private static MethodHandle holdingLibrary(MethodHandle call, NativeLibrary library, CallFailures failures,
                                               boolean mayCallBack) {
        MethodType type = call.type();
        MethodHandle exit = (mayCallBack ? EXIT_MAY_CALL_BACK : EXIT).bindTo(library);
        Class<?> result = type.returnType();
        MethodHandle cleanup = result == void.class
                ? MethodHandles.dropArguments(exit, 0, Throwable.class)
                : MethodHandles.dropArguments(MethodHandles.foldArguments(MethodHandles.dropArguments(
                        MethodHandles.identity(result), 1), exit), 0, Throwable.class);
        cleanup = MethodHandles.dropArguments(cleanup, result == void.class ? 1 : 2, type.parameterList());
        MethodHandle held = MethodHandles.tryFinally(call, cleanup);
        MethodHandle enter = MethodHandles.dropArguments((mayCallBack ? ENTER_MAY_CALL_BACK : ENTER).bindTo(library),
                0, type.parameterList());
        MethodHandle closed = MethodHandles.dropArguments(REJECT_CLOSED.bindTo(failures), 0, type.parameterList())
                .asType(type);
        return MethodHandles.guardWithTest(enter, held, closed);
    }

    /**
     * (args...)R that sets this thread's pending callback failure aside before the call and, after it, rethrows the
     * failure a callback recorded during it as a {@code CallbackError} (attached as suppressed when the call itself
     * threw), then puts the set-aside one back: each call reports its own callbacks' failures, and only those.
     */
    private static MethodHandle rethrowingCallbackFailures(MethodHandle call, String symbol) {
        MethodType type = call.type();
        Class<?> result = type.returnType();
        MethodHandle after = MethodHandles.insertArguments(AFTER_CALL, 2, symbol);     // (Throwable, Object)void
        MethodHandle cleanup;                                          // tryFinally's (Throwable, [R,] Object, args...)
        if (result == void.class) {
            cleanup = MethodHandles.dropArguments(after, 2, type.parameterList());
        } else {
            MethodHandle passResult = MethodHandles.dropArguments(MethodHandles.dropArguments(
                    MethodHandles.identity(result), 0, Throwable.class), 2, Object.class); // (Throwable, R, Object)R
            cleanup = MethodHandles.foldArguments(passResult, MethodHandles.dropArguments(after, 1, result));
            cleanup = MethodHandles.dropArguments(cleanup, 3, type.parameterList());
        }
        MethodHandle guarded = MethodHandles.tryFinally(MethodHandles.dropArguments(call, 0, Object.class), cleanup);
        return MethodHandles.foldArguments(guarded, SUSPEND);
    }

    /**
     * Whether C may call back into Java during the method's call: it is variadic, or an argument's C type can carry a
     * callback ({@link CallbackArguments#mayCarryCallback}, the dynamic path's rule). A {@code char *} is text C
     * reads, not a way back, whether the method takes it as a String or a segment.
     */
    private static boolean mayCallBack(NativeMethod method) {
        if (method.firstVariadic() >= 0) {
            return true;
        }
        for (NativeMethod.Argument argument : method.arguments()) {
            if (CallbackArguments.mayCarryCallback(argument.type())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the library is open before the call: a void check folded in front rather than {@code guardWithTest},
     * whose machinery a program's first bind would load (some 30 classes) for the same one volatile read.
     */
    private static MethodHandle checkingOpen(MethodHandle call, CallFailures failures) {
        return MethodHandles.foldArguments(call, REQUIRE_OPEN.bindTo(failures));
    }

    private static MethodHandle staticMethod(Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
        try {
            return LOOKUP.findStatic(owner, name, MethodType.methodType(result, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("missing conversion method " + owner.getSimpleName() + "." + name, e);
        }
    }

    private static MethodHandle virtualMethod(Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
        try {
            return LOOKUP.findVirtual(owner, name, MethodType.methodType(result, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("missing conversion method " + owner.getSimpleName() + "." + name, e);
        }
    }
}
