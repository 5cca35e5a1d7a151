package epsilon.foreign.struct;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed, zero-copy window on a struct in native memory: reads and writes go straight to the segment
 * (Lisp {@code struct-ref} and its setter, {@code union-ref}, {@code struct-ref-ptr}). A view owns nothing; the
 * segment's arena decides how long it lives, and the JDK refuses access once that arena is closed.
 *
 * {@snippet :
 * StructView tm = TM.view(segment);
 * int year = (int) tm.get("tm_year") + 1900;
 * tm.set("tm_mday", 25);
 * Map<String, Object> fields = tm.toMap();
 * System.out.println(tm);                   // #<struct tm tm_sec=... tm_min=... ...>
 * }
 */
public final class StructView {
    private final StructType type;
    private final MemorySegment segment;

    StructView(StructType type, MemorySegment segment) {
        this.type = type;
        this.segment = segment;
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
     * @throws StructException for an unknown field or an index out of range
     */
    public Object get(String path) {
        return type.accessor(path).get(segment);
    }

    /** Stores a value into a field or path; see {@link StructField#set}. */
    public StructView set(String path, Object value) {
        type.accessor(path).set(segment, value);
        return this;
    }

    /**
     * The struct a pointer field points to, as a view (Lisp {@code struct-ref-ptr}).
     *
     * @throws StructException when the field is not a pointer to a known struct, or is NULL
     */
    public StructView follow(String path) {
        StructField field = type.accessor(path);
        if (!(field.type() instanceof FieldType.Pointer pointer) || pointer.target().isEmpty()) {
            throw new StructException(field.describe() + " is not a pointer to a known struct");
        }
        MemorySegment target = (MemorySegment) field.get(segment);
        if (target.address() == 0) {
            throw new StructException(field.describe() + " is NULL");
        }
        StructType targetType = pointer.target().get();
        return targetType.view(target.reinterpret(targetType.byteSize()));
    }

    /** Every field by name, nested structs as nested maps, arrays as Java arrays. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field field : type.fields()) {
            Object value = get(field.name());
            map.put(field.name(), value instanceof StructView nested ? nested.toMap() : value);
        }
        return map;
    }

    /**
     * Writes the fields a map names (nested maps for nested structs, arrays for arrays); fields it does not name
     * keep their value.
     *
     * @throws StructException for a key that is not a field, or a value that does not fit
     */
    public StructView write(Map<String, ?> values) {
        values.forEach(this::set);
        return this;
    }

    /**
     * The struct as a record whose components are named like its fields (a subset is fine); numbers are converted
     * to the component's type.
     *
     * @throws StructException for a component with no field of that name, or a field that does not fit its type
     */
    public <R extends Record> R toRecord(Class<R> recordType) {
        RecordComponent[] components = recordType.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            if (!type.hasField(component.getName())) {
                throw new StructException("record " + recordType.getSimpleName() + " has component '"
                        + component.getName() + "', which " + type.name() + " lacks; its fields are "
                        + type.fields().stream().map(Field::name).toList());
            }
            values[i] = adapt(get(component.getName()), component.getType(), component.getName(), recordType);
        }
        try {
            var constructor = recordType.getDeclaredConstructor(types);
            constructor.setAccessible(true); // records are often nested and not public
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new StructException("cannot construct " + recordType.getName() + " (make it public, or open its"
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
                throw new StructException("cannot read " + component.getName() + " of " + record.getClass().getName()
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
            throw new StructException("record " + recordType.getSimpleName() + "." + name + " is a "
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
     * @throws StructException when {@code bytes} is not exactly the struct's size
     */
    public static StructView fromBytes(StructType type, byte[] bytes, SegmentAllocator allocator) {
        if (bytes.length != type.byteSize()) {
            throw new StructException(type.name() + " is " + type.byteSize() + " bytes, not " + bytes.length);
        }
        StructView view = type.allocate(allocator);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, view.segment, 0, bytes.length);
        return view;
    }

    /** {@code #<struct timeval tv_sec=1 tv_usec=2>} (Lisp {@code struct-to-string}). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("#<").append(type.name());
        for (Field field : type.fields()) {
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
