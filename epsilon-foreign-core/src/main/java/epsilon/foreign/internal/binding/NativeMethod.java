package epsilon.foreign.internal.binding;

import epsilon.foreign.marshalling.CType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * What one method of a bound interface calls and how: the C symbol, the C type and conversion of each parameter
 * and of the result, and the linker options. Planned and validated once at bind time by {@link MethodPlanner};
 * {@link CallHandles} turns it into a method handle.
 *
 * @param method        the interface method
 * @param where         how messages name the method: {@code Libc.strlen(String)}
 * @param symbol        the C function
 * @param arguments     one per Java parameter, in order
 * @param result        the return value
 * @param errno         whether errno is captured and a failure value thrown as {@code ErrnoError}
 * @param freedWith     the C function that frees the {@code char *} result after decoding ({@code @FreedWith}), or
 *                      {@code null}
 * @param critical      whether the call is critical ({@code Linker.Option.critical})
 * @param heapAccess    whether Java arrays are passed in place (critical calls only)
 * @param firstVariadic index of the first variadic parameter, or -1 for a fixed-arity function
 */
record NativeMethod(Method method, String where, String symbol, List<Argument> arguments, Result result,
                    boolean errno, String freedWith, boolean critical, boolean heapAccess, int firstVariadic) {

    /** How a Java argument becomes the value the downcall handle takes. */
    enum ArgumentConversion {
        /** A primitive cast: identity, or the bits of a Java {@code char} as a 16-bit integer, or a promotion. */
        CAST,
        /** A Java value wider than an unsigned C type ({@code long} for {@code unsigned int}), range-checked. */
        UNSIGNED_NARROWING,
        /** A Java {@code byte} or {@code short} holding an unsigned C value, zero-extended to a promoted int. */
        UNSIGNED_PROMOTION,
        /** A {@code String} encoded into the call frame; {@code null} is C's {@code NULL}. */
        STRING,
        /** A Java array copied into the call frame, not copied back ({@code const} pointer). */
        ARRAY_COPY_IN,
        /** A Java array copied into the call frame and back into the array after the call. */
        ARRAY_COPY_IN_OUT,
        /** A Java array passed in place as a heap segment (critical with heap access). */
        ARRAY_IN_PLACE,
        /**
         * An object marshalling's rules convert into the call frame: a {@code ByReference}, a {@code MemorySegment[]}
         * or {@code String[]}, a {@code StructView} for a {@code struct T *}, a {@code Callback}; what C writes through
         * it is copied back after the call.
         */
        CONVERTED,
        /** A Java functional interface, made a callback for the length of the call and closed after it. */
        SCOPED_CALLBACK;

        boolean needsFrame() {
            return this != CAST && this != UNSIGNED_NARROWING && this != UNSIGNED_PROMOTION && this != ARRAY_IN_PLACE;
        }

        /** Whether the frame must remember something to do after the call: copy back, close a callback. */
        boolean actsAfterCall() {
            return this == ARRAY_COPY_IN_OUT || this == CONVERTED || this == SCOPED_CALLBACK;
        }
    }

    /** How the downcall's result becomes the Java return value. */
    enum ResultConversion {
        /** None needed: the carrier is the Java type, or a primitive cast ({@code short} bits to {@code char}). */
        CAST,
        /** An unsigned C value zero-extended into a wider Java type ({@code unsigned int} to {@code long}). */
        UNSIGNED_WIDENING,
        /** A C string decoded into a {@code String}; {@code NULL} is {@code null}. */
        STRING,
        /** A {@code struct T *} as a {@code StructView} of T; {@code NULL} is {@code null}. */
        STRUCT_VIEW
    }

    /**
     * One parameter.
     *
     * @param index      zero-based position
     * @param label      how messages name it: {@code parameter 1 (count, size_t)}
     * @param javaType   the Java parameter type
     * @param type       the C type
     * @param layout     its layout in the descriptor (arrays decay to pointers; variadics are promoted)
     * @param conversion how the Java value is converted
     * @param charset    the text encoding of a {@code STRING} conversion, else {@code null}
     */
    record Argument(int index, String label, Class<?> javaType, CType type, MemoryLayout layout,
                    ArgumentConversion conversion, Charset charset) {}

    /**
     * The return value.
     *
     * @param javaType   the Java return type
     * @param type       the C type ({@code CType.VOID} for void)
     * @param layout     its layout in the descriptor, or {@code null} for void
     * @param conversion how the C result is converted
     * @param charset    the text encoding of a {@code STRING} conversion, else {@code null}
     */
    record Result(Class<?> javaType, CType type, MemoryLayout layout, ResultConversion conversion, Charset charset) {}

    NativeMethod {
        arguments = List.copyOf(arguments);
    }

    /** The C function's descriptor for this call: the fixed parameters followed by the promoted variadic ones. */
    FunctionDescriptor descriptor() {
        // loops rather than streams in this class: each lambda spins a class on a program's first call
        MemoryLayout[] layouts = new MemoryLayout[arguments.size()];
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = arguments.get(i).layout();
        }
        return result.layout() == null ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(result.layout(), layouts);
    }

    /** The linker options the annotations ask for. */
    Linker.Option[] options() {
        List<Linker.Option> options = new ArrayList<>();
        if (firstVariadic >= 0) {
            options.add(Linker.Option.firstVariadicArg(firstVariadic));
        }
        if (errno) {
            options.add(Linker.Option.captureCallState("errno"));
        }
        if (critical) {
            options.add(Linker.Option.critical(heapAccess));
        }
        return options.toArray(new Linker.Option[0]);
    }

    /** The Java method's type, which the finished handle has exactly. */
    MethodType javaType() {
        return MethodType.methodType(method.getReturnType(), method.getParameterTypes());
    }

    /** Whether the call needs scratch memory: strings, copied arrays, or the errno capture buffer. */
    boolean needsFrame() {
        boolean frame = errno;
        for (Argument argument : arguments) {
            frame |= argument.conversion().needsFrame();
        }
        return frame;
    }

    /**
     * Whether something is done after the call (an array or out-parameter copied back, a callback closed), which
     * needs a frame that remembers it.
     */
    boolean copiesBack() {
        boolean after = false;
        for (Argument argument : arguments) {
            after |= argument.conversion().actsAfterCall();
        }
        return after;
    }

    /** Whether the caller passes segments of its own, which the JDK may refuse (null, freed, other thread). */
    boolean takesSegments() {
        boolean segments = false;
        for (Argument argument : arguments) {
            segments |= argument.javaType() == MemorySegment.class;
        }
        return segments;
    }

    /** Whether any argument is a reference, which may be null or may lead C back into Java. */
    boolean takesReferences() {
        boolean references = false;
        for (Argument argument : arguments) {
            references |= !argument.javaType().isPrimitive();
        }
        return references;
    }
}
