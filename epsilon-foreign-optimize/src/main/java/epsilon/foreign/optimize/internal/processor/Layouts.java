package epsilon.foreign.optimize.internal.processor;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;

/**
 * A layout of a call's descriptor as generated code writes it ({@code ValueLayout.JAVA_INT}) and as GraalVM's
 * reachability metadata names it (a canonical layout name of {@code java.lang.foreign.Linker}: {@code "int"}).
 * Planning only produces the scalar and address layouts of the host's ABI, so anything else is a processor bug.
 */
final class Layouts {
    private Layouts() {}

    /** The {@code ValueLayout} constant, such as {@code ValueLayout.JAVA_LONG}. */
    static String source(MemoryLayout layout) {
        return "ValueLayout." + constant(layout);
    }

    private static String constant(MemoryLayout layout) {
        if (layout instanceof AddressLayout) {
            return "ADDRESS";
        }
        if (!(layout instanceof ValueLayout value)) {
            throw new IllegalArgumentException("not a scalar layout: " + layout);
        }
        Class<?> carrier = value.carrier();
        String constant = carrier == boolean.class ? "JAVA_BOOLEAN" : carrier == byte.class ? "JAVA_BYTE"
                : carrier == short.class ? "JAVA_SHORT" : carrier == char.class ? "JAVA_CHAR"
                : carrier == int.class ? "JAVA_INT" : carrier == long.class ? "JAVA_LONG"
                : carrier == float.class ? "JAVA_FLOAT" : carrier == double.class ? "JAVA_DOUBLE" : null;
        if (constant == null || value.byteAlignment() != value.byteSize()) {
            throw new IllegalArgumentException("no ValueLayout constant for " + layout);
        }
        return constant;
    }

    /** The canonical layout name GraalVM's {@code foreign} metadata takes: {@code "int"}, {@code "void*"}. */
    static String canonical(MemoryLayout layout) {
        if (layout == null) {
            return "void";
        }
        return switch (constant(layout)) {
            case "ADDRESS" -> "void*";
            case "JAVA_BOOLEAN" -> "bool";
            case "JAVA_BYTE" -> "char";
            case "JAVA_SHORT", "JAVA_CHAR" -> "short";
            case "JAVA_INT" -> "int";
            case "JAVA_LONG" -> "long long";
            case "JAVA_FLOAT" -> "float";
            default -> "double";
        };
    }

    /** The Java carrier of a layout, as source: {@code long}, {@code MemorySegment}. */
    static String carrier(MemoryLayout layout) {
        return layout instanceof AddressLayout ? "MemorySegment" : ((ValueLayout) layout).carrier().getName();
    }
}
