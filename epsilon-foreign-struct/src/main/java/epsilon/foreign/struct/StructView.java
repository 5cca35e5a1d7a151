package epsilon.foreign.struct;

import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed, zero-copy window on a struct in native memory: reads and writes go straight to the segment
 * (Lisp {@code with-struct-view}, {@code struct-ref} and its setter, {@code union-ref}, {@code struct-ref-ptr}). A
 * view owns nothing; the segment's arena decides how long it lives, and the JDK refuses access once that arena is
 * closed. The struct's layout is a marshalling {@link StructType}, built with its builder or read from a header
 * with {@code CHeader}.
 *
 * {@snippet :
 * StructType tmType = CHeader.include("time.h").struct("tm");
 * StructView tm = StructView.of(tmType, segment);
 * int year = (int) tm.get("tm_year") + 1900;
 * tm.set("tm_mday", 25);
 * String zone = (String) tm.get("tm_zone");  // a const char * field reads as text
 * Map<String, Object> fields = tm.toMap();
 * System.out.println(tm);                   // #<struct tm tm_sec=... tm_min=... ...>
 * }
 *
 * <p>Values convert with the marshalling module's rules, the same as a call's: see {@link StructField#get} and
 * {@link StructField#set}. A view of memory C owns is only as safe as that memory: the library cannot tell when C
 * frees it.
 */
public final class StructView {
    private final StructType type;
    private final MemorySegment segment;

    StructView(StructType type, MemorySegment segment) {
        this.type = type;
        this.segment = segment;
    }

    /**
     * A view of the struct at the start of {@code segment} (Lisp {@code with-struct-view}). A zero-length segment
     * (an address C returned) is taken to hold one struct.
     *
     * @throws NullArgumentError when the segment is {@code NULL}
     * @throws StructAccessError when it is smaller than the struct
     */
    public static StructView of(StructType type, MemorySegment segment) {
        return new StructView(type, checkedSlice(type, segment, 0));
    }

    /** A view of element {@code index} of an array of {@code type} starting at {@code segment}. */
    public static StructView of(StructType type, MemorySegment segment, long index) {
        if (index < 0) {
            throw new StructAccessError(type.name() + " array index must not be negative: index=" + index);
        }
        return new StructView(type, checkedSlice(type, segment, Math.multiplyExact(index, type.byteSize())));
    }

    /** A new zeroed struct from {@code allocator} (Lisp {@code with-c-struct} with an arena). */
    public static StructView allocate(StructType type, SegmentAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        return new StructView(type, allocator.allocate(type.layout()).fill((byte) 0));
    }

    /**
     * {@code count} zeroed structs, contiguous, as views.
     *
     * @throws StructAccessError for a negative count or one whose bytes overflow
     */
    public static List<StructView> allocateArray(StructType type, SegmentAllocator allocator, int count) {
        if (count < 0 || type.byteSize() > 0 && count > Long.MAX_VALUE / type.byteSize()) {
            throw new StructAccessError("cannot allocate " + count + " of " + type.name() + " (" + type.byteSize()
                    + " bytes each)");
        }
        MemorySegment all = allocator.allocate(type.layout(), count).fill((byte) 0);
        List<StructView> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            views.add(new StructView(type, all.asSlice(i * type.byteSize(), type.byteSize())));
        }
        return views;
    }

    /**
     * Runs {@code body} with a zeroed struct that lives until it returns (Lisp {@code with-c-struct}).
     *
     * {@snippet :
     * long seconds = StructView.withStruct(TIMEVAL, tv -> {
     *     GETTIMEOFDAY.invokeExact(tv.segment(), MemorySegment.NULL);
     *     return (long) tv.get("tv_sec");
     * });
     * }
     */
    public static <R> R withStruct(StructType type, Function<StructView, R> body) {
        try (Arena arena = Arena.ofConfined()) {
            return body.apply(allocate(type, arena));
        }
    }

    private static MemorySegment checkedSlice(StructType type, MemorySegment segment, long offset) {
        Objects.requireNonNull(segment, "segment");
        if (segment.address() == 0 && segment.isNative()) {
            throw new NullArgumentError("cannot view " + type.name() + " at NULL", null, -1);
        }
        long end = Math.addExact(offset, type.byteSize());
        MemorySegment sized = segment.byteSize() == 0 ? MemoryAccess.sized(segment, end) : segment;
        if (sized.byteSize() < end) {
            throw new StructAccessError("segment of " + sized.byteSize() + " bytes is too small for " + type.name()
                    + " (" + type.byteSize() + " bytes) at offset " + offset);
        }
        return sized.asSlice(offset, type.byteSize());
    }

    public StructType type() {
        return type;
    }

    /** The struct's memory, exactly {@code type().byteSize()} bytes. */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * A field or path: {@code "tv_sec"}, {@code "pos.x"}, {@code "points[2].y"}, {@code "name[0]"}; see
     * {@link StructField#get} for the Java types.
     *
     * @throws epsilon.foreign.marshalling.FieldPathError for an unknown field or an index out of range
     */
    public Object get(String path) {
        return StructField.of(type, path).get(segment);
    }

    /** Stores a value into a field or path; see {@link StructField#set}. */
    public StructView set(String path, Object value) {
        StructField.of(type, path).set(segment, value);
        return this;
    }

    /** Stores a value that needs memory (a {@code String} for a {@code char *} field) allocated from {@code allocator}. */
    public StructView set(String path, Object value, SegmentAllocator allocator) {
        StructField.of(type, path).set(segment, value, allocator);
        return this;
    }

    /** The raw address of a pointer, string or function-pointer field; see {@link StructField#getAddress}. */
    public MemorySegment address(String path) {
        return StructField.of(type, path).getAddress(segment);
    }

    /**
     * The struct a pointer field points to, as a view (Lisp {@code struct-ref-ptr}).
     *
     * @throws StructAccessError when the field is not a pointer to a struct of known layout
     * @throws NullArgumentError when it is {@code NULL}
     */
    public StructView follow(String path) {
        StructField field = StructField.of(type, path);
        if (!(field.type() instanceof PointerType pointer) || !(pointer.target() instanceof StructType target)
                || !target.isComplete()) {
            throw new StructAccessError(field.describe() + " is a " + field.type().name()
                    + ", not a pointer to a struct of known layout");
        }
        MemorySegment address = field.getAddress(segment);
        if (address.address() == 0) {
            throw new NullArgumentError(field.describe() + " is NULL", null, -1);
        }
        return of(target, address);
    }

    /** Every field by name, nested structs as nested maps, arrays as Java arrays. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (CField field : type.fields()) {
            Object value = get(field.name());
            map.put(field.name(), value instanceof StructView nested ? nested.toMap() : value);
        }
        return map;
    }

    /**
     * Writes the fields a map names (nested maps for nested structs, arrays for arrays); fields it does not name
     * keep their value.
     *
     * @throws StructAccessError for a key that is not a field, or a value that does not fit
     */
    public StructView write(Map<String, ?> values) {
        values.forEach(this::set);
        return this;
    }

    /** A map whose keys are all field names, or a {@link StructAccessError} naming the one that is not a string. */
    @SuppressWarnings("unchecked")
    static Map<String, ?> checkedKeys(Map<?, ?> fields) {
        for (Object key : fields.keySet()) {
            if (!(key instanceof String)) {
                throw new StructAccessError("field names must be strings, not " + key);
            }
        }
        return (Map<String, ?>) fields;
    }

    /**
     * The struct as a record whose components are named like its fields (a subset is fine); numbers are converted
     * to the component's type.
     *
     * @throws StructAccessError for a component with no field of that name, or a field that does not fit its type
     */
    public <R extends Record> R toRecord(Class<R> recordType) {
        RecordComponent[] components = recordType.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            if (!type.hasField(component.getName())) {
                throw new StructAccessError("record " + recordType.getSimpleName() + " has component '"
                        + component.getName() + "', which " + type.name() + " lacks; its fields are "
                        + type.fields().stream().map(CField::name).toList());
            }
            values[i] = adapt(get(component.getName()), component.getType(), component.getName(), recordType);
        }
        try {
            var constructor = recordType.getDeclaredConstructor(types);
            constructor.setAccessible(true); // records are often nested and not public
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new StructAccessError("cannot construct " + recordType.getName() + " (make it public, or open its"
                    + " package to epsilon.foreign.struct): " + e, e);
        }
    }

    /** Writes a record's components into the fields of the same names. */
    public StructView write(Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new StructAccessError("cannot read " + component.getName() + " of " + record.getClass().getName()
                        + " (make it public, or open its package to epsilon.foreign.struct): " + e, e);
            }
            set(component.getName(), value);
        }
        return this;
    }

    private Object adapt(Object value, Class<?> target, String name, Class<?> recordType) {
        if (value instanceof StructView nested && Record.class.isAssignableFrom(target)) {
            return nested.toRecord(target.asSubclass(Record.class));
        }
        if (value instanceof StructView nested && Map.class.isAssignableFrom(target)) {
            return nested.toMap();
        }
        if (value instanceof Number number) {
            if (target == long.class || target == Long.class) {
                return number.longValue();
            }
            if ((target == int.class || target == Integer.class) && number.longValue() == number.intValue()) {
                return number.intValue();
            }
            if (target == double.class || target == Double.class) {
                return number.doubleValue();
            }
            if (target == float.class || target == Float.class) {
                return number.floatValue();
            }
        }
        if (value != null && !wrap(target).isInstance(value)) {
            throw new StructAccessError("record " + recordType.getSimpleName() + "." + name + " is a "
                    + target.getSimpleName() + " but " + type.name() + "." + name + " holds " + describe(value));
        }
        return value;
    }

    private static Class<?> wrap(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    private static String describe(Object value) {
        return value.getClass().isArray() ? value.getClass().getComponentType() + "[" + Array.getLength(value) + "]"
                : value.getClass().getSimpleName() + " " + value;
    }

    /** A copy of the struct's bytes (Lisp {@code struct-to-bytes}). */
    public byte[] toBytes() {
        return segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /**
     * A new struct from bytes (Lisp {@code bytes-to-struct}).
     *
     * @throws StructAccessError when {@code bytes} is not exactly the struct's size
     */
    public static StructView fromBytes(StructType type, byte[] bytes, SegmentAllocator allocator) {
        if (bytes.length != type.byteSize()) {
            throw new StructAccessError(type.name() + " is " + type.byteSize() + " bytes, not " + bytes.length);
        }
        StructView view = allocate(type, allocator);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, view.segment, 0, bytes.length);
        return view;
    }

    /** {@code #<struct timeval tv_sec=1 tv_usec=2>} (Lisp {@code struct-to-string}). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("#<").append(type.name());
        for (CField field : type.fields()) {
            Object value = get(field.name());
            text.append(' ').append(field.name()).append('=').append(show(value));
        }
        return text.append('>').toString();
    }

    private static String show(Object value) {
        if (value instanceof MemorySegment pointer) {
            return "0x" + Long.toHexString(pointer.address());
        }
        if (value != null && value.getClass().isArray()) {
            StringBuilder items = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                items.append(i == 0 ? "" : " ").append(show(Array.get(value, i)));
            }
            return items.append(']').toString();
        }
        return String.valueOf(value);
    }
}
