package epsilon.foreign.optimize.internal.processor;

import epsilon.foreign.marshalling.CType;
import java.lang.foreign.MemoryLayout;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What the processor decided for an interface and each of its methods, before any source is written: the twin of
 * core's {@code NativeMethod}, planned from the compiler's view of the interface instead of reflection.
 */
final class Plans {
    private Plans() {}

    /** How a Java argument becomes the value the downcall handle takes (core's {@code ArgumentConversion}). */
    enum ArgumentConversion {
        /** None, or a primitive cast ({@code char} bits as a 16-bit integer, a variadic promotion). */
        CAST,
        /** A Java value wider than an unsigned C type, range-checked. */
        UNSIGNED_NARROWING,
        /** A {@code byte} or {@code short} holding an unsigned value, zero-extended to a promoted {@code int}. */
        UNSIGNED_PROMOTION,
        /** A {@code String} encoded into the call frame. */
        STRING,
        /** A Java array copied into the frame ({@code const} pointer). */
        ARRAY_COPY_IN,
        /** A Java array copied into the frame and back after the call. */
        ARRAY_COPY_IN_OUT,
        /** A Java array in place (critical with heap access). */
        ARRAY_IN_PLACE,
        /** A {@code Callback}'s function pointer, its signature checked. */
        CALLBACK,
        /** A {@code StructView} as a pointer to its struct. */
        STRUCT_POINTER,
        /** An out-parameter ({@code ByReference}, object array) by marshalling's rules, copied back after the call. */
        CONVERTED,
        /** A functional interface made a callback for the length of the call. */
        SCOPED_CALLBACK;

        boolean needsFrame() {
            return this == STRING || this == ARRAY_COPY_IN || this == ARRAY_COPY_IN_OUT || this == STRUCT_POINTER
                    || this == CONVERTED || this == SCOPED_CALLBACK;
        }
    }

    /** How the downcall's result becomes the Java value (core's {@code ResultConversion}). */
    enum ResultConversion { CAST, UNSIGNED_WIDENING, STRING, STRUCT_VIEW }

    /**
     * One parameter.
     *
     * @param index      zero-based position
     * @param name       the Java parameter's name
     * @param javaType   its Java type as source text ({@code long}, {@code String}, {@code byte[]})
     * @param primitive  the primitive or primitive-array class it is, else {@code null}
     * @param label      how messages name it
     * @param type       the C type
     * @param layout     its layout in the descriptor
     * @param conversion how it is converted
     * @param charset    the charset name of a {@code STRING}, else {@code null}
     */
    record Argument(int index, String name, String javaType, Class<?> primitive, String label, CType type,
                    MemoryLayout layout, ArgumentConversion conversion, String charset) {}

    /**
     * The return value.
     *
     * @param javaType   the Java return type as source text
     * @param primitive  the primitive class, or {@code null}
     * @param type       the C type
     * @param layout     its layout, or {@code null} for void
     * @param conversion how it is converted
     * @param charset    the charset name of a {@code STRING}, else {@code null}
     */
    record Result(String javaType, Class<?> primitive, CType type, MemoryLayout layout, ResultConversion conversion,
                  String charset) {}

    /**
     * One method.
     *
     * @param element       the interface method
     * @param where         how messages name it: {@code Libc.strlen(String)}
     * @param symbol        the C function
     * @param arguments     one per parameter
     * @param result        the return value
     * @param errno         whether errno is captured and checked
     * @param freedWith     the function freeing a {@code char *} result, or {@code null}
     * @param critical      whether the call is critical
     * @param heapAccess    whether arrays go to C in place
     * @param firstVariadic the first variadic parameter, or -1
     * @param nonnull       per parameter, whether the C library declares it nonnull; {@code null} when unknown
     */
    record Method(ExecutableElement element, String where, String symbol, List<Argument> arguments, Result result,
                  boolean errno, String freedWith, boolean critical, boolean heapAccess, int firstVariadic,
                  boolean[] nonnull) {

        Method {
            arguments = List.copyOf(arguments);
        }

        boolean needsFrame() {
            return errno || arguments.stream().anyMatch(argument -> argument.conversion().needsFrame());
        }

        /**
         * Whether C may call back into Java during the call, so that the call must set a pending callback failure
         * aside and report its own: it takes varargs, an object, an array, or a segment declared as a function
         * pointer. Unlike core, a segment declared as data ({@code void *}, {@code const char *}) does not count:
         * a {@code strlen(MemorySegment)} stays one downcall.
         */
        boolean mayCallBack() {
            return firstVariadic >= 0 || arguments.stream().anyMatch(argument -> argument.primitive() == null
                    || argument.primitive().isArray()
                    || argument.type().kind() == epsilon.foreign.marshalling.CType.Kind.FUNCTION_POINTER);
        }
    }

    /**
     * An interface to bind.
     *
     * @param element        the interface
     * @param library        the library, as {@code @NativeLibrary} names it
     * @param packageName    its package
     * @param generatedName  the simple name of the generated class
     * @param interfaceName  the interface as source in the generated class ({@code Outer.Inner})
     * @param methods        its methods, in a stable order
     */
    record Interface(TypeElement element, String library, String packageName, String generatedName,
                     String interfaceName, List<Method> methods) {}
}
