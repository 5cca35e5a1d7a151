package epsilon.foreign.internal.binding;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackFailures;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.internal.CallbackArguments;
import epsilon.foreign.internal.StructArguments;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.CallbackError;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.Adapters;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import epsilon.foreign.marshalling.internal.convert.OutParameters;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What bound methods do around the downcall that needs the call frame or the Java heap: strings encoded into the
 * frame, arrays copied in (and back) or passed in place, the errno capture, the nonnull check. The value rules
 * themselves (ranges, signs, charsets) are the marshalling module's, through {@code Adapters} and
 * {@code NativeStrings}. Static methods that {@link CallHandles} adapts into the call's method handle, small enough
 * for the JIT to inline.
 */
final class FrameConversions {
    private FrameConversions() {}

    /** {@code text} as a NUL-terminated C string in the call frame; {@code null} is C's {@code NULL}. */
    static MemorySegment encode(SegmentAllocator frame, String text, Charset charset, String site) {
        if (text == null) {
            return MemorySegment.NULL;
        }
        // What NativeStrings.toNative does for UTF-8 without a NUL, one call nearer the caller: the JDK's write
        // under it is a dozen calls deep, and C2 inlines 15 (see CallFrame.Stack.allocateFrom). The charset
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

    /** The C string C returned; {@code NULL} is {@code null}. */
    static String decode(MemorySegment pointer, Charset charset) {
        return NativeStrings.fromNative(pointer, charset);
    }

    /**
     * A reference argument C declares nonnull ({@code strlen}'s {@code s}): refused when it is {@code null} or, for a
     * segment, C's {@code NULL}, before C dereferences it.
     */
    static Object nonnull(Object value, CType type, String symbol, int index) {
        if (value == null || value instanceof MemorySegment segment && segment.isNative() && segment.address() == 0) {
            throw Adapters.nonnullError(value, type, symbol, index);
        }
        return value;
    }

    /**
     * After a bound call that may call back: the failure its callbacks recorded becomes a {@code CallbackError}
     * (thrown, or attached to the call's own exception), and the failure pending before the call is put back.
     */
    static void afterCall(Throwable thrown, Object suspended, String symbol) {
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
     * A Java object as the pointer C takes, by marshalling's rules (a holder's cell, an object array's elements), a
     * view's memory or a callback's function pointer; what C may write through it is copied back when the frame
     * closes.
     */
    static MemorySegment converted(SegmentAllocator frame, Object value, CType type, String symbol, int index) {
        Object carrier = switch (value) {
            case Callback callback -> CallbackArguments.pointer(callback, type, symbol, index);
            case StructView view -> {
                MemorySegment memory = StructArguments.pointerTo(view, type, frame, symbol, index);
                if (memory != view.segment()) {
                    ((CopyBackFrame) frame).copyBackLater(memory, view.segment());
                }
                yield memory;
            }
            case null, default -> Marshal.toForeign(value, type, frame, symbol, index);
        };
        MemorySegment pointer = (MemorySegment) carrier;
        if (carrier != value && OutParameters.isCopiedBack(value)) {
            ((CopyBackFrame) frame).copyBackLater(value, pointer, type, symbol, index);
        }
        return pointer;
    }

    /**
     * A Java functional interface as a C function pointer for the length of the call: a callback of the
     * parameter's signature, closed when the frame closes. {@code null} is C's {@code NULL}.
     */
    static MemorySegment scopedCallback(SegmentAllocator frame, Object function, Class<?> type,
                                        FunctionPointerType pointer, MethodHandles.Lookup lookup) {
        if (function == null) {
            return MemorySegment.NULL;
        }
        Callback callback = typedCallback(type, function, pointer.signature(), lookup);
        ((CopyBackFrame) frame).closeAfterCall(callback);
        return callback.pointer();
    }

    private static <T> Callback typedCallback(Class<T> type, Object function, CPrototype signature,
                                              MethodHandles.Lookup lookup) {
        return lookup == null ? Callbacks.of(type, type.cast(function), signature)
                : Callbacks.of(type, type.cast(function), signature, lookup);
    }

    /** A {@code struct T *} C returned, as a view of T. */
    static StructView structView(MemorySegment pointer, StructType struct) {
        return StructArguments.viewAt(struct, pointer);
    }

    /** A Java array as a heap segment over its elements, for a critical call with heap access. */
    static MemorySegment inPlace(Object array) {
        if (array == null) {
            return MemorySegment.NULL;
        }
        MemorySegment elements = MemoryAccess.heapSegment(array);
        if (elements == null) {
            throw new IllegalArgumentException("not a primitive array: " + array.getClass());
        }
        return elements;
    }

    /** A copy of a Java array in the call frame, registered to be copied back when the frame closes if asked. */
    static MemorySegment copyIn(SegmentAllocator frame, Object array, boolean copyBack) {
        if (array == null) {
            return MemorySegment.NULL;
        }
        MemorySegment elements = inPlace(array);
        MemorySegment copy = frame.allocate(elements.byteSize(), elementLayout(array.getClass()).byteAlignment());
        copy.copyFrom(elements);
        if (copyBack) {
            ((CopyBackFrame) frame).copyBackLater(copy, elements);
        }
        return copy;
    }

    /** The layout of one element of a primitive array type, as the JDK stores it. */
    static ValueLayout elementLayout(Class<?> arrayType) {
        Class<?> component = arrayType.getComponentType();
        return component == byte.class ? ValueLayout.JAVA_BYTE
                : component == short.class ? ValueLayout.JAVA_SHORT
                : component == char.class ? ValueLayout.JAVA_CHAR
                : component == int.class ? ValueLayout.JAVA_INT
                : component == long.class ? ValueLayout.JAVA_LONG
                : component == float.class ? ValueLayout.JAVA_FLOAT
                : ValueLayout.JAVA_DOUBLE;
    }

    /** Room in the call frame for the state {@code Linker.Option.captureCallState} writes (errno). */
    static MemorySegment callState(SegmentAllocator frame) {
        return frame.allocate(Linker.Option.captureStateLayout());
    }
}
