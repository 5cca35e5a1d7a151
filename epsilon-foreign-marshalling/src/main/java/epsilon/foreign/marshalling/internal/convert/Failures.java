package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.NullArgumentError;
import java.lang.foreign.MemorySegment;

/** Builds the conversion errors, so every message names the function, the argument, the C type and the value. */
public final class Failures {
    private static final int SHOWN_VALUE_LENGTH = 40;
    /**
     * The index that marks {@code functionName} as a description of where a value goes rather than a function: a
     * struct field ({@code "field tm_sec of struct tm"}), a callback's result. Errors then name no function.
     */
    public static final int SITE = -2;

    private Failures() {}

    /**
     * Where a value goes, as messages start.
     *
     * @param functionName the C function, a description of the site (with {@link #SITE}), or {@code null}
     * @param index        the zero-based argument index, -1 outside a call, or {@link #SITE}
     * @return {@code "argument 2 of strtol"}, {@code "argument 2"}, {@code "value for strtol"}, {@code "value"}
     *         outside a call, or {@code functionName} itself for a {@link #SITE}
     */
    public static String where(String functionName, int index) {
        if (index == SITE) {
            return functionName;
        }
        if (index >= 0) {
            return functionName == null ? "argument " + index : "argument " + index + " of " + functionName;
        }
        return functionName == null ? "value" : "value for " + functionName;
    }

    /**
     * The function an error concerns, for {@link epsilon.foreign.marshalling.ForeignError#functionName()}.
     *
     * @param functionName the C function, a description of the site, or {@code null}
     * @param index        the argument index, or {@link #SITE}
     * @return {@code functionName}, or {@code null} when it describes a {@link #SITE}
     */
    public static String functionOf(String functionName, int index) {
        return index == SITE ? null : functionName;
    }

    /**
     * The Java class and a short rendering of a value, for messages.
     *
     * @param value any value
     * @return {@code "null"}, or the class name and the value cut to 40 characters ({@code java.lang.String "abc"});
     *         an array's length, a segment's address and size
     */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String shown;
        if (value instanceof String s) {
            shown = "\"" + (s.length() > SHOWN_VALUE_LENGTH ? s.substring(0, SHOWN_VALUE_LENGTH) + "..." : s) + "\"";
        } else if (value.getClass().isArray()) {
            shown = "of length " + java.lang.reflect.Array.getLength(value);
        } else if (value instanceof MemorySegment segment) {
            shown = "at 0x" + Long.toHexString(segment.address()) + " of " + segment.byteSize() + " bytes";
        } else {
            String text = String.valueOf(value);
            shown = text.length() > SHOWN_VALUE_LENGTH ? text.substring(0, SHOWN_VALUE_LENGTH) + "..." : text;
        }
        return value.getClass().getTypeName() + " " + shown;
    }

    /**
     * A value of a Java type the C type does not accept.
     *
     * @param value        the value refused
     * @param type         the C type it was to become
     * @param accepted     what the C type accepts, or why it accepts nothing, as the message's parenthesis says it
     * @param functionName the C function, a description of the site, or {@code null}
     * @param index        the zero-based argument index, -1 outside a call, or {@link #SITE}
     * @return the error to throw; its index is -1 for a {@link #SITE}
     */
    public static ArgumentTypeError wrongType(Object value, CType type, String accepted, String functionName, int index) {
        return new ArgumentTypeError(where(functionName, index) + ": expected C type " + type.name() + " (" + accepted
                + ") but got " + describe(value), functionOf(functionName, index), Math.max(index, -1));
    }

    /**
     * {@code null} for a C type that has no null.
     *
     * @param type         the C type
     * @param functionName the C function, a description of the site, or {@code null}
     * @param index        the zero-based argument index, -1 outside a call, or {@link #SITE}
     * @return the error to throw; its index is -1 for a {@link #SITE}
     */
    public static NullArgumentError nullValue(CType type, String functionName, int index) {
        return new NullArgumentError(where(functionName, index) + ": null is not a value of C type " + type.name()
                + "; only pointer types accept null", functionOf(functionName, index), Math.max(index, -1));
    }

    /**
     * A value outside the C type's range, or otherwise not representable in it.
     *
     * @param value        the value refused
     * @param type         the C type it was to become
     * @param why          the range or the reason, as the message's parenthesis says it
     * @param functionName the C function, a description of the site, or {@code null}
     * @param index        the zero-based argument index, -1 outside a call, or {@link #SITE}
     * @return the error to throw
     */
    public static ConversionError notRepresentable(Object value, CType type, String why, String functionName, int index) {
        return new ConversionError(where(functionName, index) + ": " + value + " does not fit C type " + type.name()
                + " (" + why + ")", functionOf(functionName, index), null);
    }

    /**
     * Adds the call site to a conversion error raised without one (by {@link epsilon.foreign.marshalling.CEnum}, for
     * instance).
     *
     * @param error        the error, whose message and cause are kept
     * @param functionName the C function, a description of the site, or {@code null}
     * @param index        the zero-based argument index, -1 outside a call, or {@link #SITE}
     * @return {@code error} itself when there is no site to add, else a new error whose message starts with it
     */
    public static ConversionError inCall(ConversionError error, String functionName, int index) {
        if (functionName == null && index < 0) {
            return error;
        }
        return new ConversionError(where(functionName, index) + ": " + error.getMessage(),
                functionOf(functionName, index), error.getCause());
    }
}
