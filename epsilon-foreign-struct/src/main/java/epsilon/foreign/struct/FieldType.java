package epsilon.foreign.struct;

import epsilon.foreign.struct.internal.CScalars;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of a struct field: a C scalar, a pointer (to a known struct, or untyped), a nested struct or union, or
 * a fixed array. Scalar sizes come from the platform linker's canonical layouts, never from constants here.
 */
public sealed interface FieldType {

    /** The field's layout as it sits in the struct (an array as a sequence, a nested struct as a group). */
    MemoryLayout layout();

    /** The C spelling, for messages and {@link StructView#toString()}. */
    String cName();

    /** A C integer, floating or {@code bool} scalar. {@code signed} decides how it reads back into Java. */
    record Scalar(String cName, ValueLayout layout, boolean signed) implements FieldType {
        public Scalar {
            Objects.requireNonNull(cName, "cName");
            Objects.requireNonNull(layout, "layout");
        }

        /** Whether this is an integer (or {@code bool}) rather than a floating type. */
        public boolean isInteger() {
            return layout.carrier() != float.class && layout.carrier() != double.class;
        }
    }

    /** A pointer; {@code target} is the struct it points to when known, so a view can follow it. */
    record Pointer(Optional<StructType> target) implements FieldType {
        @Override
        public MemoryLayout layout() {
            return ValueLayout.ADDRESS;
        }

        @Override
        public String cName() {
            return target.map(t -> t.name() + " *").orElse("void *");
        }
    }

    /** A struct or union stored in place. */
    record Nested(StructType type) implements FieldType {
        @Override
        public MemoryLayout layout() {
            return type.layout();
        }

        @Override
        public String cName() {
            return type.name();
        }
    }

    /** {@code element[count]}, stored in place. */
    record Array(FieldType element, long count) implements FieldType {
        public Array {
            if (count < 0) {
                throw new StructException("array length must not be negative: " + count);
            }
        }

        @Override
        public MemoryLayout layout() {
            return MemoryLayout.sequenceLayout(count, element.layout());
        }

        @Override
        public String cName() {
            return element.cName() + "[" + count + "]";
        }
    }

    /** An untyped pointer ({@code void *}). */
    static FieldType pointer() {
        return new Pointer(Optional.empty());
    }

    /** A pointer to a struct, followed by {@link StructView#follow(String)}. */
    static FieldType pointerTo(StructType target) {
        return new Pointer(Optional.of(target));
    }

    static FieldType nested(StructType type) {
        return new Nested(type);
    }

    static FieldType array(FieldType element, long count) {
        return new Array(element, count);
    }

    /**
     * A C scalar by name: {@code int}, {@code unsigned long}, {@code long long int}, {@code char}, {@code bool},
     * {@code size_t}, {@code ssize_t}, {@code intptr_t}, {@code int8_t}..{@code uint64_t}, {@code float},
     * {@code double}, {@code time_t}, {@code suseconds_t}, {@code pid_t}, {@code pointer} (or {@code void *}).
     *
     * @throws StructException for a name that is not a C scalar
     */
    static FieldType of(String cName) {
        String name = cName.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (name.equals("pointer") || name.endsWith("*")) {
            return pointer();
        }
        FieldType scalar = CScalars.NAMED.get(name);
        if (scalar == null) {
            throw new StructException("unknown C type '" + cName + "'; known: " + new java.util.TreeSet<>(
                    CScalars.NAMED.keySet()));
        }
        return scalar;
    }

    /** A scalar field from a JDK layout; integers read back signed, as Java's own types are. */
    static FieldType of(ValueLayout layout) {
        if (layout instanceof java.lang.foreign.AddressLayout) {
            return pointer();
        }
        return new Scalar(layout.carrier().getSimpleName(), layout.withoutName(), true);
    }
}
