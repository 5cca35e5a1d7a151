package epsilon.foreign.struct;

import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.Failures;
import epsilon.foreign.marshalling.internal.convert.FromForeign;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import epsilon.foreign.marshalling.internal.convert.ToForeign;
import epsilon.foreign.struct.internal.BitFields;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A field or path of a struct resolved once: its type, its offset, and for a plain number a {@link VarHandle} with
 * the offset built in. Kept in a {@code static final} field, reads and writes through its typed accessors cost what
 * a raw {@code VarHandle} costs: this is a record, whose fields the JIT trusts as constants.
 *
 * {@snippet :
 * static final StructField TV_SEC = StructField.of(TIMEVAL, "tv_sec");
 * long seconds = TV_SEC.getLong(segment);
 * }
 *
 * <p>{@link #get} and {@link #set} convert with the marshalling module's rules, the same a call argument and a
 * callback parameter follow: a field reads as its C type's {@linkplain CType#javaType() Java type}
 * ({@code unsigned int} as {@code Long}, {@code char *} as {@code String}, {@code char[16]} as {@code String}, an enum as
 * its keyword), and a value that does not fit is a {@code ConversionError} or {@code ArgumentTypeError} naming the
 * field.
 *
 * @param owner  the struct the path starts from
 * @param path   as given: {@code "tv_sec"}, {@code "pos.x"}, {@code "points[2].y"}
 * @param field  the resolved field: type, offset and, for a bit-field, bit offset and width
 * @param handle for a plain number (not a bit-field), {@code (MemorySegment) -> carrier} at the field's offset;
 *               null otherwise
 * @param direct {@code long.class} or {@code int.class} for a signed or 64-bit integer field that the typed accessors
 *               read and write with no conversion at all, the branch the JIT keeps; null otherwise
 */
public record StructField(StructType owner, String path, CField field, VarHandle handle, Class<?> direct) {
    private static final Map<StructType, Map<String, StructField>> CACHE = new WeakHashMap<>();

    /**
     * Checks only that the parts are present: {@link #of} is how to get an accessor, resolved and shared. The parts
     * are trusted, so a {@code handle} or {@code direct} that does not match {@code field} reads and writes the
     * wrong bytes.
     *
     * @param owner  the struct the path starts from
     * @param path   the path as given
     * @param field  the resolved field
     * @param handle the field's {@code VarHandle} for a plain number, else null
     * @param direct {@code long.class} or {@code int.class} when the typed accessors need no conversion, else null
     * @throws NullPointerException when {@code owner}, {@code path} or {@code field} is null, naming it
     */
    public StructField {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(field, "field");
    }

    /**
     * The accessor of a field or path of {@code type}, compiled once per type and path.
     *
     * @param type the struct or union the path starts from; it must be complete
     * @param path a field name, or a path through nested structs and arrays: {@code "pos.x"}, {@code "points[2].y"}
     * @return the accessor, the same instance for an equal type and the same path (cached while the type is
     *         reachable): keep it in a {@code static final} field
     * @throws epsilon.foreign.marshalling.FieldPathError for an unknown field, an index past the end of an array, a
     *                                                   path into a scalar
     * @throws StructAccessError for a bit-field on a big-endian platform, where they are not supported
     */
    public static StructField of(StructType type, String path) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Map<String, StructField> accessors;
        synchronized (CACHE) {
            accessors = CACHE.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        }
        StructField cached = accessors.get(path);
        if (cached != null) {
            return cached;
        }
        StructField compiled = compile(type, path);
        StructField raced = accessors.putIfAbsent(path, compiled);
        return raced != null ? raced : compiled;
    }

    private static StructField compile(StructType owner, String path) {
        CField field = owner.path(path);
        if (field.isBitField()) {
            BitFields.checkSupported(owner.name(), path);
            return new StructField(owner, path, field, null, null);
        }
        VarHandle handle = null;
        Class<?> direct = null;
        CType type = field.type();
        boolean number = switch (type.kind()) {
            case BOOL, CHAR, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT, DOUBLE, ENUM -> true;
            default -> false;
        };
        if (number) {
            ValueLayout value = (ValueLayout) type.layout();
            ValueLayout placed = field.offset() % value.byteAlignment() == 0 ? value : value.withByteAlignment(1);
            handle = MethodHandles.insertCoordinates(placed.varHandle(), 1, field.offset());
            Class<?> carrier = value.carrier();
            boolean plain = type.kind() != CType.Kind.ENUM && type.kind() != CType.Kind.BOOL;
            direct = plain && (carrier == long.class || carrier == int.class && type.isSigned()) ? carrier : null;
        }
        return new StructField(owner, path, field, handle, direct);
    }

    /** {@return the field's C type} */
    public CType type() {
        return field.type();
    }

    /** {@return the byte offset from the start of the struct (of the first byte, for a bit-field)} */
    public long offset() {
        return field.offset();
    }

    /** {@return the size in bytes of the field (for a bit-field, of the bytes it touches)} */
    public long byteSize() {
        return field.byteSize();
    }

    /**
     * The value as Java sees it: the C type's Java type boxed ({@code Integer} for {@code int}, {@code Long} for
     * {@code unsigned int}, {@code Byte} for {@code char}), a {@code String} for {@code char *} and {@code char[n]},
     * a {@code MemorySegment} for a pointer (sized to its target where that is known), a {@link StructView} for a
     * nested struct, a Java array for any other array.
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte, such as a view's
     *               {@link StructView#segment()}; the JDK refuses a segment that ends before the field
     *               ({@code IndexOutOfBoundsException})
     * @return the value; {@code null} for a {@code NULL} {@code char *}; a nested struct's view shares
     *         {@code struct}'s memory
     */
    public Object get(MemorySegment struct) {
        CType type = field.type();
        if (field.isBitField()) {
            long bits = BitFields.read(struct, field.bitOffset(), field.bitWidth(), type.isSigned());
            return FromForeign.convert(carrierOf(bits, (ValueLayout) type.layout()), type);
        }
        if (handle != null) {
            return FromForeign.convert(handle.get(struct), type);
        }
        if (type instanceof StructType nested) {
            return new StructView(nested, struct.asSlice(field.offset(), nested.byteSize()));
        }
        return MemoryAccess.read(struct, field.offset(), type);
    }

    /**
     * Stores a Java value, converted as a call argument of the field's type would be: any integral number within
     * the C type's range (and the bit-field's width), a {@code Boolean} for {@code bool}, a number for a floating
     * type (a {@code Double} beyond the float range refused), a keyword or constant for an enum, a
     * {@code MemorySegment}, {@link StructView} or {@code null} for a pointer, a {@code Map} or view for a nested
     * struct, a Java array for an array and a {@code String} for {@code char[n]}. A {@code String} for a
     * {@code char *} field needs memory: use {@link #set(MemorySegment, Object, SegmentAllocator)}.
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @param value  the Java value
     * @throws epsilon.foreign.marshalling.ConversionError   for a value out of range or that does not fit, or one
     *                                                      that needs memory
     * @throws epsilon.foreign.marshalling.ArgumentTypeError for a Java type the field's C type does not take
     * @throws epsilon.foreign.marshalling.NullArgumentError for {@code null} where the field is not a pointer
     * @throws StructAccessError for a read-only segment
     */
    public void set(MemorySegment struct, Object value) {
        set(struct, value, null);
    }

    /**
     * {@link #set(MemorySegment, Object)}, allocating a {@code String} for a {@code char *} field from {@code allocator}.
     *
     * @param struct    the memory of an {@link #owner()} struct from its first byte
     * @param value     the Java value
     * @param allocator supplies the memory the field then points to (a string's bytes, an array's elements): it must
     *                  outlive every use of the field, in Java or in C, and it, not the struct, frees that memory;
     *                  {@code null} when the value needs none
     */
    public void set(MemorySegment struct, Object value, SegmentAllocator allocator) {
        checkWritable(struct);
        CType type = field.type();
        String site = describe();
        if (field.isBitField()) {
            Object carrier = ToForeign.convert(value, type, null, site, Failures.SITE);
            long bits = bitsOf(carrier);
            BitFields.checkRange(bits, field.bitWidth(), type, value, site);
            BitFields.write(struct, field.bitOffset(), field.bitWidth(), bits);
            return;
        }
        Object written = value instanceof StructView view ? view.segment() : value;
        if (type instanceof StructType nested && value instanceof Map<?, ?> fields) {
            StructView.of(nested, struct.asSlice(field.offset(), nested.byteSize())).write(StructView.checkedKeys(fields));
            return;
        }
        MemoryAccess.write(struct, field.offset(), type, written, allocator, site, Failures.SITE);
    }

    /**
     * An integer field (or bit-field) as a {@code long}: sign- or zero-extended by its C type. A {@code char},
     * {@code bool} (0 or 1) or enum field reads as its integer value.
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @return the value; an unsigned 64-bit one above {@code Long.MAX_VALUE} keeps its bits, so reads as negative
     * @throws StructAccessError when the field is not an integer, {@code char}, {@code bool} or enum
     */
    public long getLong(MemorySegment struct) {
        if (direct == long.class) {
            return (long) handle.get(struct);
        }
        if (direct == int.class) {
            return (int) handle.get(struct);
        }
        CType type = integer();
        if (field.isBitField()) {
            return BitFields.read(struct, field.bitOffset(), field.bitWidth(), type.isSigned());
        }
        return widen(bitsOf(handle.get(struct)), type);
    }

    /**
     * Stores a {@code long} into an integer field, truncated to its width as C does: no range check, unlike
     * {@link #set(MemorySegment, Object)}.
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @param value  the value, of which the field keeps as many low bits as it has
     * @throws StructAccessError when the field is not an integer, {@code char}, {@code bool} or enum, or the segment
     *                           is read-only (a 64-bit field is written as a raw {@code VarHandle} writes, and the
     *                           JDK's refusal of a read-only segment becomes this exception)
     */
    public void setLong(MemorySegment struct, long value) {
        if (direct == long.class) {
            try {
                handle.set(struct, value);
            } catch (IllegalArgumentException refused) { // off the fast path: only a refused write gets here
                checkWritable(struct);
                throw refused;
            }
            return;
        }
        CType type = integer();
        checkWritable(struct);
        if (field.isBitField()) {
            BitFields.write(struct, field.bitOffset(), field.bitWidth(), value);
            return;
        }
        handle.set(struct, carrierOf(value, (ValueLayout) type.layout()));
    }

    /**
     * An {@code int}-sized (or smaller) integer field, at raw VarHandle speed.
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @return the value as {@link #getLong} reads it, cast to {@code int}: a wider value, or an {@code unsigned int}
     *         above {@code Integer.MAX_VALUE}, keeps only its low 32 bits
     * @throws StructAccessError when the field is not an integer, {@code char}, {@code bool} or enum
     */
    public int getInt(MemorySegment struct) {
        if (direct == int.class) {
            return (int) handle.get(struct);
        }
        return (int) getLong(struct);
    }

    /**
     * Stores an {@code int} into an integer field, as {@link #setLong} stores it (sign-extended first, as C converts
     * an {@code int} to a wider type).
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @param value  the value, truncated to a narrower field's width
     * @throws StructAccessError as {@link #setLong}
     */
    public void setInt(MemorySegment struct, int value) {
        if (direct == int.class) {
            try {
                handle.set(struct, value);
            } catch (IllegalArgumentException refused) { // off the fast path: only a refused write gets here
                checkWritable(struct);
                throw refused;
            }
            return;
        }
        setLong(struct, value);
    }

    /**
     * A {@code float} or {@code double} field as a {@code double}.
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @return the value; a {@code float} is widened exactly
     * @throws StructAccessError when the field is neither a {@code float} nor a {@code double}
     */
    public double getDouble(MemorySegment struct) {
        return floating() == CType.Kind.FLOAT ? (float) handle.get(struct) : (double) handle.get(struct);
    }

    /**
     * Stores into a {@code float} or {@code double} field (a {@code float} takes the nearest float).
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @param value  the value; no range check, unlike {@link #set(MemorySegment, Object)}, so a value beyond the
     *               {@code float} range stores an infinity into a {@code float} field
     * @throws StructAccessError when the field is neither a {@code float} nor a {@code double}, or the segment is
     *                           read-only
     */
    public void setDouble(MemorySegment struct, double value) {
        CType.Kind kind = floating();
        checkWritable(struct);
        if (kind == CType.Kind.FLOAT) {
            handle.set(struct, (float) value);
        } else {
            handle.set(struct, value);
        }
    }

    /**
     * The raw address a pointer, string or function-pointer field holds, without reading what it points to (a
     * {@code char *} field's bytes, for instance, when they are not UTF-8).
     *
     * @param struct the memory of an {@link #owner()} struct from its first byte
     * @return the address as a zero-length segment (address 0 for {@code NULL}); {@code reinterpret} it to a size to
     *         read through it
     * @throws StructAccessError when the field is not an address
     */
    public MemorySegment getAddress(MemorySegment struct) {
        CType type = field.type();
        if (field.isBitField() || !(type.kind() == CType.Kind.POINTER || type.kind() == CType.Kind.STRING
                || type.kind() == CType.Kind.FUNCTION_POINTER)) {
            throw new StructAccessError(describe() + " is not a pointer");
        }
        return (MemorySegment) MemoryAccess.readCarrier(struct, field.offset(), ValueLayout.ADDRESS);
    }

    private CType integer() {
        CType type = field.type();
        if (type.kind().isInteger() || type.kind() == CType.Kind.CHAR || type.kind() == CType.Kind.ENUM
                || type.kind() == CType.Kind.BOOL) {
            return type;
        }
        throw new StructAccessError(describe() + " is a " + type.name() + ", not an integer");
    }

    private CType.Kind floating() {
        CType.Kind kind = field.type().kind();
        if ((kind == CType.Kind.FLOAT || kind == CType.Kind.DOUBLE) && !field.isBitField()) {
            return kind;
        }
        throw new StructAccessError(describe() + " is a " + field.type().name() + ", not a float or double");
    }

    private void checkWritable(MemorySegment struct) {
        if (struct.isReadOnly()) {
            throw new StructAccessError("cannot write " + describe() + ": the segment is read-only");
        }
    }

    /** {@code field tv_sec of struct timeval}: how messages name the field. */
    String describe() {
        return "field " + path + " of " + owner.name();
    }

    private static long bitsOf(Object carrier) {
        return switch (carrier) {
            case Boolean b -> b ? 1 : 0;
            case Character c -> c;
            case Number n -> n.longValue();
            default -> throw new IllegalStateException("not an integer carrier: " + carrier);
        };
    }

    private static long widen(long bits, CType type) {
        int width = (int) type.byteSize() * 8;
        return type.isSigned() || width >= 64 ? bits : bits & ((1L << width) - 1);
    }

    private static Object carrierOf(long bits, ValueLayout layout) {
        Class<?> carrier = layout.carrier();
        if (carrier == int.class) {
            return (int) bits;
        }
        if (carrier == long.class) {
            return bits;
        }
        if (carrier == byte.class) {
            return (byte) bits;
        }
        if (carrier == short.class) {
            return (short) bits;
        }
        if (carrier == char.class) {
            return (char) bits;
        }
        if (carrier == boolean.class) {
            return bits != 0;
        }
        throw new IllegalStateException("not an integer layout: " + layout);
    }
}
