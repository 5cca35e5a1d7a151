package epsilon.foreign.internal;

import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.internal.convert.Failures;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A Java String for a {@code char *} parameter of a dynamic call: encoded into the call's frame. */
final class StringArguments {
    private StringArguments() {}

    /**
     * {@code text} as a NUL-terminated C string in {@code frame}, what {@code Marshal.toForeign} does for it
     * without the dispatch on the type.
     *
     * @throws ConversionError for a NUL or a character the charset cannot encode, naming the function and argument
     */
    static MemorySegment encode(String text, Charset charset, SegmentAllocator frame, String function, int index) {
        try {
            return NativeStrings.toNative(text, charset, frame);
        } catch (ConversionError e) {
            throw Failures.inCall(e, function, index);
        }
    }

    /**
     * A {@code char *} argument the generated {@link StringCall} has checked to be a String or a MemorySegment: the
     * String encoded, the segment as it is.
     */
    static MemorySegment pointer(CallFrame.Stack frame, Object value, Charset charset, String function, int index) {
        if (value instanceof String text) {
            // UTF-8 without a NUL written here rather than through encode: two calls fewer between the generated
            // call and the JDK's copy, which then inlines whole (see CallFrame.Stack.allocateFrom). The charset
            // is a constant of the generated call, so the test folds. Anything else, errors included, is encode's.
            if (charset == StandardCharsets.UTF_8 && text.indexOf('\0') < 0) {
                return frame.allocateFrom(text, StandardCharsets.UTF_8);
            }
            return encode(text, charset, frame, function, index);
        }
        return (MemorySegment) value;
    }
}
