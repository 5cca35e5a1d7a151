package epsilon.foreign.callback;

import epsilon.foreign.callback.internal.CTypeNames;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The type of one callback parameter or of its result: how it crosses the C ABI ({@link #layout()}) and what the
 * Java function sees ({@link #javaType()}).
 *
 * <table class="striped">
 * <caption>Callback types</caption>
 * <tr><th>type</th><th>C</th><th>Java</th></tr>
 * <tr><td>{@link Scalar}</td><td>{@code int}, {@code double}, {@code size_t}, {@code bool}, ...</td>
 *     <td>the layout's carrier: {@code int}, {@code double}, {@code long}, {@code boolean}, ...</td></tr>
 * <tr><td>{@link Pointer}</td><td>{@code T *}</td><td>{@code MemorySegment}, sized to the target layout
 *     when one is declared ({@link #pointerTo}), else zero-length</td></tr>
 * <tr><td>{@link Text}</td><td>{@code char *} (parameters only)</td><td>{@code String}, {@code null} for NULL</td></tr>
 * <tr><td>{@link Enumeration}</td><td>{@code int}</td><td>the enum constant whose ordinal C passed</td></tr>
 * <tr><td>{@link Struct}</td><td>{@code struct} by value</td><td>{@code MemorySegment} of the group layout</td></tr>
 * <tr><td>{@link Void}</td><td>{@code void} (results only)</td><td>{@code void}</td></tr>
 * </table>
 *
 * {@snippet :
 * CallbackType count = CallbackType.of("size_t");               // Scalar(long on LP64)
 * CallbackType entry = CallbackType.pointerTo(ENTRY_LAYOUT);    // MemorySegment of ENTRY_LAYOUT.byteSize()
 * CallbackType name = CallbackType.string();                    // char * read as UTF-8
 * }
 */
public sealed interface CallbackType {
    /** C {@code int}. */
    CallbackType INT = new Scalar(CTypeNames.layout("int"));
    /** C {@code long}. */
    CallbackType LONG = new Scalar(CTypeNames.layout("long"));
    /** C {@code double}. */
    CallbackType DOUBLE = new Scalar(CTypeNames.layout("double"));
    /** C {@code size_t}, a {@code long} in Java. */
    CallbackType SIZE_T = new Scalar(CTypeNames.layout("size_t"));
    /** C {@code bool}, a {@code boolean} in Java. */
    CallbackType BOOL = new Scalar(CTypeNames.layout("bool"));
    /** An untyped pointer ({@code void *}): a zero-length {@code MemorySegment}. */
    CallbackType POINTER = new Pointer(ValueLayout.ADDRESS);
    /** No result. */
    CallbackType VOID = new Void();

    /** The C ABI layout, or {@code null} for {@link Void}. */
    MemoryLayout layout();

    /** What the Java function receives or returns for this type. */
    Class<?> javaType();

    /** The C spelling, for messages and {@link CallbackSignature#toString()}. */
    String cName();

    /**
     * The type named by C text: {@code "int"}, {@code "unsigned int"}, {@code "size_t"}, {@code "double"},
     * {@code "bool"}, {@code "const void *"}, {@code "char *"}. A pointer to a scalar ({@code "const int *"}) is
     * sized to that scalar; other pointers are zero-length. {@code char *} stays a pointer: declare
     * {@link #string()} to receive a {@code String}.
     *
     * @throws CallbackSignatureException for unknown names, {@code long double}, and structs by value (which
     *     need their layout: {@link #struct(GroupLayout)})
     */
    static CallbackType of(String cType) {
        return CTypeNames.parse(cType, "type '" + cType + "'");
    }

    /** A scalar of this layout (not an address: use {@link #pointerTo} or {@link #POINTER}). */
    static CallbackType scalar(ValueLayout layout) {
        return new Scalar(layout);
    }

    /** A pointer the Java function sees as a segment of {@code target}'s size, readable without reinterpret. */
    static CallbackType pointerTo(MemoryLayout target) {
        return new Pointer(ValueLayout.ADDRESS.withTargetLayout(target));
    }

    /** A {@code char *} parameter the Java function receives as a UTF-8 {@code String}. */
    static CallbackType string() {
        return new Text(StandardCharsets.UTF_8);
    }

    /** A {@code char *} parameter the Java function receives as a {@code String} decoded with {@code charset}. */
    static CallbackType string(Charset charset) {
        return new Text(charset);
    }

    /** A C {@code int} the Java function sees as the constant of {@code type} with that ordinal. */
    static CallbackType enumOf(Class<? extends Enum<?>> type) {
        return new Enumeration(type);
    }

    /** A struct passed by value, seen as a segment of {@code layout}. */
    static CallbackType struct(GroupLayout layout) {
        return new Struct(layout);
    }

    /** A C scalar: integers, floating point and {@code bool}. */
    record Scalar(ValueLayout layout) implements CallbackType {
        /** @throws CallbackSignatureException for an address layout */
        public Scalar {
            Objects.requireNonNull(layout, "layout");
            if (layout instanceof AddressLayout) {
                throw new CallbackSignatureException("an address is not a scalar: use CallbackType.pointerTo(...) "
                        + "or CallbackType.POINTER for " + layout);
            }
        }

        @Override
        public Class<?> javaType() {
            return layout.carrier();
        }

        @Override
        public String cName() {
            return CTypeNames.nameOf(layout);
        }
    }

    /** A pointer; {@code layout}'s target layout, when present, sizes the segment the Java function sees. */
    record Pointer(AddressLayout layout) implements CallbackType {
        public Pointer {
            Objects.requireNonNull(layout, "layout");
        }

        @Override
        public Class<?> javaType() {
            return MemorySegment.class;
        }

        @Override
        public String cName() {
            return layout.targetLayout().map(t -> CTypeNames.describe(t) + " *").orElse("void *");
        }
    }

    /** A NUL-terminated {@code char *} parameter decoded with {@code charset}. */
    record Text(Charset charset) implements CallbackType {
        public Text {
            Objects.requireNonNull(charset, "charset");
        }

        @Override
        public MemoryLayout layout() {
            return ValueLayout.ADDRESS;
        }

        @Override
        public Class<?> javaType() {
            return String.class;
        }

        @Override
        public String cName() {
            return "char * (" + charset.name() + " string)";
        }
    }

    /** A C {@code int} holding the ordinal of a constant of {@code type}. */
    record Enumeration(Class<? extends Enum<?>> type) implements CallbackType {
        public Enumeration {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public MemoryLayout layout() {
            return Linker.nativeLinker().canonicalLayouts().get("int");
        }

        @Override
        public Class<?> javaType() {
            return type;
        }

        @Override
        public String cName() {
            return "int (enum " + type.getSimpleName() + ")";
        }
    }

    /** A struct or union passed by value. */
    record Struct(GroupLayout layout) implements CallbackType {
        public Struct {
            Objects.requireNonNull(layout, "layout");
        }

        @Override
        public Class<?> javaType() {
            return MemorySegment.class;
        }

        @Override
        public String cName() {
            return CTypeNames.describe(layout);
        }
    }

    /** {@code void}: allowed as a result only. */
    record Void() implements CallbackType {
        @Override
        public MemoryLayout layout() {
            return null;
        }

        @Override
        public Class<?> javaType() {
            return void.class;
        }

        @Override
        public String cName() {
            return "void";
        }
    }
}
