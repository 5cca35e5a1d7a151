package epsilon.foreign.marshalling;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Optional;

/**
 * A value C reads and writes through a pointer, an out-parameter for those who prefer a holder to a one-element
 * array: {@code sqlite3 **db}, {@code char **errmsg}, {@code int *count}, {@code void **retval}. Pass it for a
 * {@code T *} parameter at any call level: C gets a pointer to one {@code T} holding {@link #get()} (converted as an
 * argument of type {@code T} would be; {@code null} is zero or NULL), and after the call the holder holds what C left
 * there.
 *
 * {@snippet :
 * ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
 * int rc = (int) Foreign.sharedCall("int sqlite3_open(const char *filename, sqlite3 **ppDb)", "sqlite3", ":memory:", db);
 * MemorySegment handle = db.get();
 * }
 *
 * <p>What C left is read as a result of type {@code T} is ({@code char *} as a {@code String}, {@code unsigned int}
 * as a {@code Long}), unless the holder has a {@linkplain #type() type}: then it is read as that type, and a holder
 * whose type cannot hold a {@code T} is refused before the call. {@code MemorySegment} takes any pointer or string
 * as its address (a {@code char *} C allocated and the caller must free stays an address, for
 * {@code NativeStrings.fromNativeAndFree}); the box of the C type's carrier takes its bits ({@code Integer} for
 * {@code unsigned int}).
 *
 * <p>A {@code MemorySegment[]} or {@code String[]} of one element does the same. Not thread-safe: one holder for one
 * call at a time.
 *
 * @param <T> the Java type of the pointed-to value ({@code MemorySegment}, {@code String}, {@code Integer}, ...)
 */
public final class ByReference<T> {
    private final Class<T> type;
    private T value;

    private ByReference(Class<T> type, T value) {
        this.type = type;
        this.value = value;
    }

    /**
     * A holder starting as {@code initial}, which C reads before it writes (an in-out parameter); typed by the
     * initial value's class ({@code MemorySegment} for any segment), untyped when {@code initial} is {@code null}.
     *
     * @param <T>     the Java type of the pointed-to value
     * @param initial the value C reads, converted as an argument of the pointed-to type would be; {@code null} for a
     *                zeroed cell
     * @return a new holder
     */
    @SuppressWarnings("unchecked")
    public static <T> ByReference<T> of(T initial) {
        Class<?> type = initial == null ? null
                : initial instanceof MemorySegment ? MemorySegment.class : initial.getClass();
        return new ByReference<>((Class<T>) type, initial);
    }

    /**
     * An untyped holder starting empty: C gets a zeroed {@code T} (NULL for a pointer) and writes the value, which is
     * then read as a result of the pointed-to type would be. An untyped holder cannot be a variadic argument.
     *
     * @param <T> the Java type of the pointed-to value
     * @return a new holder
     */
    public static <T> ByReference<T> empty() {
        return new ByReference<>(null, null);
    }

    /**
     * A holder starting empty whose value C writes as a {@code type}: {@code empty(MemorySegment.class)} for a
     * {@code sqlite3 **}, {@code empty(String.class)} for a {@code const char **}.
     *
     * @param <T>  the Java type of the pointed-to value
     * @param type the class C's value is read as; a call refuses the holder when it cannot hold the pointed-to type
     * @return a new holder
     * @throws IllegalArgumentException for a primitive class: use its box ({@code Integer.class})
     */
    public static <T> ByReference<T> empty(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("a ByReference holds objects: use " + box(type).getSimpleName()
                    + ".class, not " + type);
        }
        return new ByReference<>(type, null);
    }

    /** {@return the Java type the holder reads C's value as, empty when it takes the C type's default} */
    public Optional<Class<T>> type() {
        return Optional.ofNullable(type);
    }

    /** {@return what the holder holds: the initial value before the call, what C wrote after it} */
    public T get() {
        return value;
    }

    /**
     * Replaces the held value (for the next call).
     *
     * @param value the new value; {@code null} for a zeroed cell
     * @throws ClassCastException when the holder is typed and {@code value} is not of its type
     */
    public void set(T value) {
        this.value = type == null || value == null ? value : type.cast(value);
    }

    private static Class<?> box(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    @Override
    public String toString() {
        return "ByReference[" + value + "]";
    }
}
