package epsilon.foreign.optimize.support;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.CapturedErrno;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The steps of a generated binding's call that are more than a cast, written once here so that each generated
 * method stays a readable list of calls, and so that every value is accepted or refused with the words
 * {@code Foreign.bind} uses: strings into the call's frame and back, copied arrays, callbacks and struct views as
 * pointers, out-parameters and functional interfaces made callbacks for one call, the range check of unsigned values, nonnull parameters, {@code errno}, the failures of callbacks run
 * during the call, and the JDK's refusals of a segment. The value rules themselves are marshalling's
 * ({@code Marshal}, {@code NativeStrings}); nothing here is looked up per call.
 *
 * <p>Public only for generated code; its methods may change with the processor that writes calls to them.
 */
public final class Conversions {
    private Conversions() {}

    /**
     * {@code text} as a NUL-terminated C string in the call's frame.
     *
     * @param frame   the call's frame
     * @param text    the argument; {@code null} is C's {@code NULL}
     * @param charset its encoding
     * @param site    the method and parameter, for the message of a refusal
     * @return the encoded text
     * @throws ConversionError when {@code text} cannot be encoded in {@code charset}
     */
    public static MemorySegment encode(SegmentAllocator frame, String text, Charset charset, String site) {
        if (text == null) {
            return MemorySegment.NULL;
        }
        // What NativeStrings.toNative does for UTF-8 without a NUL, one call nearer the caller: the JDK's write
        // under it is a dozen calls deep, and C2 inlines 15 (see core's CallFrame.Stack.allocateFrom). The charset
        // is a constant where this is inlined, so the test folds; anything else, errors included, is toNative's.
        if (charset == StandardCharsets.UTF_8 && text.indexOf('\0') < 0) {
            return frame.allocateFrom(text, StandardCharsets.UTF_8);
        }
        try {
            return NativeStrings.toNative(text, charset, frame);
        } catch (ConversionError notEncodable) {
            throw new ConversionError(site + ": " + notEncodable.getMessage(),
                    notEncodable.functionName().orElse(null), notEncodable);
        }
    }

    /**
     * The C string C returned.
     *
     * @param pointer the {@code char *}
     * @param charset its encoding
     * @return the text; {@code null} for {@code NULL}
     */
    public static String decode(MemorySegment pointer, Charset charset) {
        return NativeStrings.fromNative(pointer, charset);
    }

    /**
     * The C string C returned for the caller to free, decoded and then freed (also when decoding fails).
     *
     * @param pointer     the {@code char *}; {@code NULL} is {@code null} and frees nothing
     * @param charset     its encoding
     * @param free        a downcall handle of type {@code (MemorySegment, MemorySegment)void}: address, pointer
     * @param freeAddress the address of the freeing function
     * @return the text
     */
    public static String decodeAndFree(MemorySegment pointer, Charset charset, MethodHandle free,
                                       MemorySegment freeAddress) {
        if (pointer.address() == 0) {
            return null;
        }
        try {
            return NativeStrings.fromNative(pointer, charset);
        } finally {
            try {
                free.invokeExact(freeAddress, pointer);
            } catch (RuntimeException | Error unchecked) {
                throw unchecked;
            } catch (Throwable impossible) {
                throw new IllegalStateException(impossible);   // a downcall throws nothing checked
            }
        }
    }

    /** The descriptor of a freeing function, {@code void f(void *)}. */
    public static final FunctionDescriptor FREE_DESCRIPTOR = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);

    /**
     * A copy of a Java array's elements in the call's frame.
     *
     * @param frame     the call's frame
     * @param elements  the array as a heap segment ({@code MemorySegment.ofArray})
     * @param alignment the size of one element
     * @return the copy
     */
    public static MemorySegment copyIn(SegmentAllocator frame, MemorySegment elements, long alignment) {
        return frame.allocate(elements.byteSize(), alignment).copyFrom(elements);
    }

    /**
     * The error for a Java value outside the range of the unsigned C type it is passed as, with marshalling's
     * words.
     *
     * @param value  the argument, boxed as declared ({@code Long} for {@code unsigned int})
     * @param cType  the C type's spelling
     * @param symbol the C function
     * @param index  the zero-based parameter
     * @return the error to throw
     */
    public static ForeignError outOfRange(Object value, String cType, String symbol, int index) {
        try {
            Marshal.toForeign(value, CType.parse(cType), null, symbol, index);
        } catch (ForeignError refused) {
            return refused;
        }
        return new ConversionError("argument " + index + " of " + symbol + ": " + value + " is out of the range of "
                + cType, symbol, null);
    }

    /**
     * The error for {@code null} (or {@code NULL}) where the C library declares the parameter nonnull.
     *
     * @param value  the argument: {@code null} or the {@code NULL} segment
     * @param cType  the parameter's C type name
     * @param symbol the C function
     * @param index  the zero-based parameter
     * @return the error to throw
     */
    public static NullArgumentError nonnull(Object value, String cType, String symbol, int index) {
        return new NullArgumentError("argument " + index + " of " + symbol + ": " + (value == null ? "null" : "NULL")
                + " for a parameter of C type " + cType + " that " + symbol + " declares nonnull (C would"
                + " dereference it)", symbol, index);
    }

    /**
     * Whether a reference argument is {@code null} or, for a segment, C's {@code NULL}.
     *
     * @param value the argument
     * @return whether C would receive {@code NULL}
     */
    public static boolean isNull(Object value) {
        return value == null || value instanceof MemorySegment segment && segment.isNative() && segment.address() == 0;
    }

    /**
     * The {@code ErrnoError} of a call that returned its failure value.
     *
     * @param state  the segment the linker captured the call state into
     * @param symbol the C function
     * @return the error, with errno and its {@code strerror} text
     */
    public static ErrnoError errno(MemorySegment state, String symbol) {
        return CapturedErrno.error(symbol, state);
    }

    /**
     * A {@code Callback} as the function pointer C takes, checked against the parameter's signature.
     *
     * @param callback the argument; {@code null} is C's {@code NULL}
     * @param type     the parameter's C type (a function pointer type, or {@code void *})
     * @param symbol   the C function
     * @param index    the zero-based parameter
     * @return the callback's code address
     * @throws ArgumentTypeError   when the callback's signature is not the parameter's
     * @throws CallbackClosedError when the callback has been closed
     */
    public static MemorySegment callback(Callback callback, CType type, String symbol, int index) {
        if (callback == null) {
            return MemorySegment.NULL;
        }
        if (type instanceof FunctionPointerType pointer && !pointer.accepts(callback.signature())) {
            throw new ArgumentTypeError("argument " + index + " of " + symbol + ": the callback's signature "
                    + CType.functionPointer(callback.signature()).name() + " does not match the parameter's "
                    + type.name() + "; C would call it with the wrong arguments", symbol, index);
        }
        try {
            return callback.pointer();
        } catch (CallbackClosedError closed) {
            throw new CallbackClosedError("argument " + index + " of " + symbol + " is a callback that has been"
                    + " closed: " + closed.getMessage());
        }
    }

    /**
     * A struct view as the {@code struct T *} (or {@code void *}) C takes: its own memory, or a copy in the frame
     * for a view over the Java heap, which {@link #copyBack(StructView, MemorySegment)} writes back after the call.
     *
     * @param frame  the call's frame
     * @param view   the argument; {@code null} is C's {@code NULL}
     * @param type   the parameter's C type
     * @param symbol the C function
     * @param index  the zero-based parameter
     * @return the memory C gets
     * @throws ArgumentTypeError when the view is of another struct
     */
    public static MemorySegment structPointer(SegmentAllocator frame, StructView view, CType type, String symbol,
                                              int index) {
        if (view == null) {
            return MemorySegment.NULL;
        }
        CType target = type instanceof PointerType pointer ? pointer.target() : null;
        boolean fits = target != null && (target.isVoid() || target instanceof StructType struct
                && (!struct.isComplete() ? struct.name().equals(view.type().name()) : struct.equals(view.type())
                        || struct.name().equals(view.type().name()) && struct.layout().equals(view.type().layout())));
        if (!fits) {
            throw new ArgumentTypeError("argument " + index + " of " + symbol + ": a view of " + view.type().name()
                    + " passed for " + type.name() + "; a view passes for a pointer to its own struct or void *",
                    symbol, index);
        }
        MemorySegment memory = view.segment();
        return memory.isNative() ? memory : frame.allocate(view.type().layout()).copyFrom(memory);
    }

    /**
     * An out-parameter ({@code ByReference}, {@code String[]}, {@code MemorySegment[]}, an array of boxes) as the
     * pointer C takes, by marshalling's rules, in the call's frame; what C writes through it is copied back into
     * {@code value} when the frame closes.
     *
     * @param frame  the call's frame
     * @param value  the argument; {@code null} is C's {@code NULL}
     * @param type   the parameter's pointer type
     * @param symbol the C function
     * @param index  the zero-based parameter
     * @return the memory C gets
     * @throws ArgumentTypeError when the value cannot stand for {@code type} (a holder whose type cannot hold it)
     */
    public static MemorySegment converted(BindingFrame frame, Object value, CType type, String symbol, int index) {
        Object carrier = Marshal.toForeign(value, type, frame, symbol, index);
        MemorySegment pointer = (MemorySegment) carrier;
        if (carrier != value && OutParameters.isCopiedBack(value)) {
            frame.copyBackLater(value, pointer, type, symbol, index);
        }
        return pointer;
    }

    /**
     * A Java functional interface as a C function pointer for the length of the call: a callback of the
     * parameter's signature, closed when the frame closes (C must not keep it).
     *
     * @param <T>      the functional interface
     * @param frame    the call's frame
     * @param function the argument; {@code null} is C's {@code NULL}
     * @param type     the functional interface
     * @param pointer  the parameter's function-pointer type
     * @param lookup   the lookup that finds the interface's method, as {@code Foreign.bind} was given it, or
     *                 {@code null}
     * @return the callback's code address
     * @throws ForeignError when the interface's method does not fit the signature
     */
    public static <T> MemorySegment scopedCallback(BindingFrame frame, Object function, Class<T> type,
                                                   FunctionPointerType pointer, MethodHandles.Lookup lookup) {
        if (function == null) {
            return MemorySegment.NULL;
        }
        Callback callback = lookup == null ? Callbacks.of(type, type.cast(function), pointer.signature())
                : Callbacks.of(type, type.cast(function), pointer.signature(), lookup);
        frame.closeAfterCall(callback);
        return callback.pointer();
    }

    /**
     * After the call: what C wrote into the copy of a heap view, back into the view.
     *
     * @param view   the argument
     * @param passed what {@link #structPointer} gave C
     */
    public static void copyBack(StructView view, MemorySegment passed) {
        if (view != null && passed != view.segment()) {
            view.segment().copyFrom(passed);
        }
    }

    /**
     * A {@code struct T *} C returned, as a view of T.
     *
     * @param pointer the pointer
     * @param struct  T, whose layout is known
     * @return the view; {@code null} for {@code NULL}
     */
    @SuppressWarnings("restricted")
    public static StructView structView(MemorySegment pointer, StructType struct) {
        if (pointer.address() == 0) {
            return null;
        }
        return StructView.of(struct, pointer.byteSize() >= struct.byteSize() ? pointer
                : pointer.reinterpret(struct.byteSize()));
    }

    /**
     * Before a call that may run callbacks: sets this thread's pending callback failure aside, so that the call
     * reports only its own callbacks' failures.
     *
     * @return what was set aside, for {@link #afterCall}
     */
    public static Object suspendCallbackFailures() {
        return CallbackFailures.suspendPending();
    }

    /**
     * After a call that may run callbacks: a failure of one of them becomes a {@code CallbackError}, thrown, or
     * attached to the call's own exception; the failure set aside before the call is put back.
     *
     * @param thrown    what the call threw, or {@code null}
     * @param suspended what {@link #suspendCallbackFailures()} returned
     * @param symbol    the C function
     * @throws CallbackError when a callback failed during a call that otherwise returned
     */
    public static void afterCall(Throwable thrown, Object suspended, String symbol) {
        Throwable failure = CallbackFailures.resumePending(suspended);
        if (failure == null) {
            return;
        }
        CallbackError error = new CallbackError("a callback threw during the call to " + symbol + ": " + failure,
                symbol, failure);
        if (thrown != null) {
            thrown.addSuppressed(error);
            return;
        }
        throw error;
    }

    /**
     * What a downcall threw, as the exception to throw from the bound method: unchecked exceptions as they are
     * (errors are thrown from here), a checked one, which a downcall cannot throw, as an {@code AssertionError}.
     *
     * @param failure what {@code invokeExact} threw
     * @return the runtime exception to throw
     */
    public static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new AssertionError("a downcall threw a checked exception", failure);
    }

    /**
     * The JDK's refusal of a segment argument as the user's mistake it reflects, as {@code Foreign.bind} reports it:
     * a {@code null} segment, freed memory, memory of another thread. Runs only once a call has failed.
     *
     * @param failure  what {@code invokeExact} threw
     * @param where    how messages name the method
     * @param symbol   the C function
     * @param labels   the labels of the method's {@code MemorySegment} parameters
     * @param indexes  their positions
     * @param segments their values
     * @return the exception to throw
     */
    public static RuntimeException translate(Throwable failure, String where, String symbol, String[] labels,
                                             int[] indexes, MemorySegment[] segments) {
        RuntimeException refused = unchecked(failure);
        if (refused instanceof ForeignError alreadyExplained) {
            return alreadyExplained;
        }
        for (int i = 0; i < segments.length; i++) {
            MemorySegment segment = segments[i];
            if (segment == null && refused instanceof NullPointerException) {
                return new NullArgumentError(where + ": " + labels[i]
                        + " is null; pass MemorySegment.NULL for C's NULL", symbol, indexes[i]);
            }
            if (segment != null && !segment.scope().isAlive()) {
                return new FreedMemoryError(where + ": " + labels[i]
                        + " is memory that has been freed (its arena is closed)", refused);
            }
        }
        if (refused instanceof WrongThreadException) {
            return new ForeignError(where + ": an argument is memory confined to another thread: "
                    + refused.getMessage(), symbol, null, refused);
        }
        if (refused instanceof IllegalArgumentException) {
            return new ArgumentTypeError(where + ": the linker refused an argument: " + refused.getMessage(),
                    symbol, -1);
        }
        return refused;
    }
}
