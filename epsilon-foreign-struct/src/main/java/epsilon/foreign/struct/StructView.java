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
     * @param type    the struct or union; it must be complete (defined, not only declared)
     * @param segment the memory; its arena, not the view, decides how long the view can be used
     * @return a view of the first {@code type.byteSize()} bytes of {@code segment}
     * @throws NullArgumentError when the segment is {@code NULL}
     * @throws StructAccessError when it is smaller than the struct
     * @throws epsilon.foreign.marshalling.DeclarationError when {@code type} is declared but not defined
     */
    public static StructView of(StructType type, MemorySegment segment) {
        return new StructView(type, checkedSlice(type, segment, 0));
    }

    /**
     * A view of element {@code index} of an array of {@code type} starting at {@code segment} (C's
     * {@code array[index]}). A zero-length segment is taken to be long enough, as in
     * {@link #of(StructType, MemorySegment)}.
     *
     * @param type    the element type; it must be complete
     * @param segment the start of the array
     * @param index   zero-based: the element starts {@code index * type.byteSize()} bytes into {@code segment}
     * @return a view of that element's bytes
     * @throws StructAccessError for a negative index, or one whose element does not fit in {@code segment}
     * @throws NullArgumentError when the segment is {@code NULL}
     */
    public static StructView of(StructType type, MemorySegment segment, long index) {
        if (index < 0) {
            throw new StructAccessError(type.name() + " array index must not be negative: index=" + index);
        }
        if (index > Long.MAX_VALUE / Math.max(1, type.byteSize())) {
            throw new StructAccessError(type.name() + " array index " + index + " is past any memory: its offset ("
                    + index + " × " + type.byteSize() + " bytes) overflows a long");
        }
        return new StructView(type, checkedSlice(type, segment, index * type.byteSize()));
    }

    /**
     * A new zeroed struct from {@code allocator} (Lisp {@code with-c-struct} with an arena).
     *
     * @param type      the struct or union; it must be complete
     * @param allocator owns the memory: closing an {@code Arena} frees it and ends the view
     * @return a view of {@code type.byteSize()} zero bytes, aligned for the struct
     * @throws epsilon.foreign.marshalling.DeclarationError when {@code type} is declared but not defined
     */
    public static StructView allocate(StructType type, SegmentAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        return new StructView(type, allocator.allocate(type.layout()).fill((byte) 0));
    }

    /**
     * {@code count} zeroed structs, contiguous, as views.
     *
     * @param type      the element type; it must be complete
     * @param allocator owns the memory, one block for all of them
     * @param count     how many; zero gives an empty list
     * @return one view per element, in order; the first one's segment starts the C array, so its address is what a
     *         C function taking a {@code T *} and a count expects
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
     *
     * @param <R>  what {@code body} returns
     * @param type the struct or union; it must be complete
     * @param body gets the view, usable on this thread only (a confined arena); neither the view nor its segment
     *             may be kept, since the memory is freed when {@code body} returns or throws
     * @return what {@code body} returned
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

    /** {@return the struct or union this view reads and writes} */
    public StructType type() {
        return type;
    }

    /** {@return the struct's memory, exactly {@code type().byteSize()} bytes} Its address is the struct's. */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * Reads a field or path: {@code "tv_sec"}, {@code "pos.x"}, {@code "points[2].y"}, {@code "name[0]"}; see
     * {@link StructField#get} for the Java types.
     *
     * @param path a field name, or a path through nested structs and arrays
     * @return the value as the field's Java type; a nested struct is a view sharing this one's memory, and a
     *         {@code NULL} {@code char *} is {@code null}
     * @throws epsilon.foreign.marshalling.FieldPathError for an unknown field or an index out of range
     */
    public Object get(String path) {
        return StructField.of(type, path).get(segment);
    }

    /**
     * Stores a value into a field or path; see {@link StructField#set(MemorySegment, Object)} for what each C type
     * takes. A {@code String} for a {@code char *} field needs memory: use
     * {@link #set(String, Object, SegmentAllocator)}.
     *
     * @param path  a field name, or a path through nested structs and arrays
     * @param value the Java value, converted as a call argument of the field's type would be
     * @return this view, so that stores chain
     * @throws epsilon.foreign.marshalling.FieldPathError for an unknown field or an index out of range
     * @throws epsilon.foreign.marshalling.ConversionError for a value out of the field's range, or one that needs
     *         memory
     * @throws epsilon.foreign.marshalling.ArgumentTypeError for a Java type the field's C type does not take
     * @throws NullArgumentError for {@code null} where the field is not a pointer
     * @throws StructAccessError when the view's memory is read-only
     */
    public StructView set(String path, Object value) {
        StructField.of(type, path).set(segment, value);
        return this;
    }

    /**
     * Stores a value that needs memory (a {@code String} for a {@code char *} field) allocated from {@code allocator};
     * otherwise as {@link #set(String, Object)}.
     *
     * @param path      a field name, or a path through nested structs and arrays
     * @param value     the Java value
     * @param allocator supplies the memory the field then points to (a string's bytes, an array's elements): it must
     *                  outlive every use of the field, in Java or in C, and it, not the view, frees that memory
     * @return this view, so that stores chain
     */
    public StructView set(String path, Object value, SegmentAllocator allocator) {
        StructField.of(type, path).set(segment, value, allocator);
        return this;
    }

    /**
     * The raw address of a pointer, string or function-pointer field; see {@link StructField#getAddress}.
     *
     * @param path a field name, or a path through nested structs and arrays
     * @return the address as a zero-length segment (address 0 for {@code NULL})
     * @throws StructAccessError when the field is not a pointer, string or function pointer
     */
    public MemorySegment address(String path) {
        return StructField.of(type, path).getAddress(segment);
    }

    /**
     * The struct a pointer field points to, as a view (Lisp {@code struct-ref-ptr}).
     *
     * @param path a field name or path whose type is {@code struct T *}, with T complete
     * @return a view of the struct at that address, in memory this view does not own (often C's): it is valid as
     *         long as C keeps that struct alive
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

    /**
     * Every field by name, nested structs as nested maps, arrays as Java arrays.
     *
     * @return a new modifiable map in declaration order, a snapshot: later writes to the struct do not change it
     */
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
     * keep their value. Entries are stored one by one in the map's order, as {@link #set(String, Object)} stores
     * them, so when one is refused the ones before it are already written.
     *
     * @param values field names (or paths) to values
     * @return this view
     * @throws epsilon.foreign.marshalling.FieldPathError for a key that is not a field
     * @throws epsilon.foreign.marshalling.ConversionError for a value that does not fit its field (or
     *         {@code ArgumentTypeError}, {@code NullArgumentError}, as {@link #set(String, Object)})
     * @throws StructAccessError for a nested map with a key that is not a string, or read-only memory
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
     * @param <R>        the record type
     * @param recordType its components name fields; a nested struct's component may be a record or a {@code Map}.
     *                   It must be public, or its package open to {@code epsilon.foreign.struct}
     * @return a new record holding the fields' current values
     * @throws StructAccessError for a component with no field of that name, a field that does not fit its type, or
     *                           a record this module cannot construct
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
        } catch (java.lang.reflect.InvocationTargetException refusedByRecord) {
            Throwable cause = refusedByRecord.getCause();
            throw new StructAccessError("the constructor of " + recordType.getName() + " refused the values "
                    + java.util.Arrays.toString(values) + ": " + cause, cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new StructAccessError("cannot construct " + recordType.getName() + " (make it public, or open its"
                    + " package to epsilon.foreign.struct): " + e, e);
        }
    }

    /**
     * Writes a record's components into the fields of the same names, one by one as
     * {@link #set(String, Object)} stores them (so a {@code String} for a {@code char *} field is refused: no
     * allocator), the ones before a refused component already written.
     *
     * @param record its class must be public, or its package open to {@code epsilon.foreign.struct}
     * @return this view
     * @throws epsilon.foreign.marshalling.FieldPathError for a component with no field of its name
     * @throws StructAccessError when a component cannot be read
     */
    public StructView write(Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (java.lang.reflect.InvocationTargetException refusedByRecord) {
                Throwable cause = refusedByRecord.getCause();
                throw new StructAccessError("the accessor " + component.getName() + "() of "
                        + record.getClass().getName() + " threw: " + cause, cause);
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

    /**
     * A copy of the struct's bytes (Lisp {@code struct-to-bytes}).
     *
     * @return a new array of {@code type().byteSize()} bytes, padding included, in the platform's byte order
     */
    public byte[] toBytes() {
        return segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /**
     * A new struct from bytes (Lisp {@code bytes-to-struct}).
     *
     * @param type      the struct or union; it must be complete
     * @param bytes     the struct's bytes as {@link #toBytes()} gives them; copied, not kept
     * @param allocator owns the new struct's memory
     * @return a view of the new struct
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
