package epsilon.foreign.marshalling.internal.convert;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.PointerType;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;

/**
 * Out-parameters: Java values C writes to through a pointer argument. Before the call a {@link ByReference} becomes
 * one cell of the pointed-to type; after it, what C left in the memory made for a holder, an {@code Object[]} or a
 * primitive array is copied back into that Java value, so that {@code sqlite3_open(name, db)},
 * {@code strtol(s, end, 10)} and {@code read(fd, buffer, n)} behave as in C.
 */
public final class OutParameters {
    /**
     * The C type a holder of each Java type points to where nothing else says it: a {@code ByReference<Integer>} in
     * a variadic call ({@code sscanf}) or as a bound method's parameter without {@code @NativeType} is an {@code int *}.
     */
    private static final Map<Class<?>, CType> HELD_TYPES = Map.of(Byte.class, CType.SIGNED_CHAR, Short.class,
            CType.SHORT, Integer.class, CType.INT, Long.class, CType.LONG_LONG, Float.class, CType.FLOAT, Double.class,
            CType.DOUBLE, String.class, CType.STRING, MemorySegment.class, CType.POINTER);

    private OutParameters() {}

    /**
     * The C type a holder of {@code javaType} points to by default.
     *
     * @param javaType a holder's type, or {@code null} for an untyped holder
     * @return the C type, empty for an untyped holder or a type with no default C type
     */
    public static Optional<CType> heldType(Class<?> javaType) {
        return javaType == null ? Optional.empty() : Optional.ofNullable(HELD_TYPES.get(javaType));
    }

    /**
     * The memory a holder passes as: one zeroed {@code T} holding its value.
     *
     * @throws epsilon.foreign.marshalling.ArgumentTypeError when {@code T} has no size, or the holder's type cannot
     *         hold a {@code T}
     */
    static MemorySegment cell(ByReference<?> holder, PointerType type, SegmentAllocator allocator, String fn,
            int index) {
        CType target = type.target();
        if (!ToForeign.hasSize(target)) {
            throw Failures.wrongType(holder, type, "a ByReference needs a pointer to a type of known size, such as"
                    + " int * or sqlite3 **; " + type.name() + " is not one", fn, index);
        }
        holder.type().ifPresent(javaType -> {
            if (!canHold(javaType, target)) {
                throw Failures.wrongType(holder, type, "a ByReference<" + javaType.getSimpleName() + "> cannot hold"
                        + " the " + target.name() + " C writes; use " + heldTypes(target), fn, index);
            }
        });
        MemorySegment cell = allocator.allocate(MemoryAccess.storageLayout(target)).fill((byte) 0);
        if (holder.get() != null) {
            MemoryAccess.write(cell, 0, target, holder.get(), allocator, fn, index);
        }
        return cell;
    }

    /**
     * After a call: what C wrote through a pointer argument, back into the Java value the argument was made from: a
     * {@code ByReference} holds the pointed-to value, an {@code Object[]} ({@code MemorySegment[]} for
     * {@code sqlite3 **}, {@code String[]} for {@code char **}, {@code Long[]} for {@code unsigned int *}) gets each
     * element, a primitive array its bytes. Nothing is copied back through a pointer to {@code const} (C promised
     * not to write), nor for a value that was passed as its own memory.
     *
     * @param value         the Java argument as the caller gave it
     * @param carrier       what the value was converted to for the call
     * @param parameterType the pointer (or array) type it was converted to
     * @param fn            the C function, named in errors
     * @param index         the zero-based argument index, named in errors
     * @throws ConversionError when C wrote a value the holder or the Java array cannot hold
     */
    public static void copyBack(Object value, Object carrier, CType parameterType, String fn, int index) {
        if (!(carrier instanceof MemorySegment copy) || carrier == value || !copy.isNative()) {
            return;
        }
        boolean constTarget = parameterType instanceof PointerType pointer && pointer.isConstTarget();
        MemorySegment array = MemoryAccess.heapSegment(value);
        if (array != null) {
            if (!constTarget) { // a char * (a string type, const or not) is copied back as before
                MemorySegment.copy(copy, 0, array, 0, Math.min(copy.byteSize(), array.byteSize()));
            }
            return;
        }
        CType target = switch (parameterType) {
            case PointerType pointer -> pointer.target();
            case ArrayType arrayType -> arrayType.element();
            default -> null;
        };
        if (target == null) {
            return;
        }
        if (value instanceof ByReference<?> holder) {
            hold(holder, held(copy, 0, target, holder, fn, index));
        } else if (value instanceof Object[] elements && !constTarget && ToForeign.hasSize(target)) {
            long size = MemoryAccess.storageLayout(target).byteSize();
            for (int i = 0; i < elements.length; i++) {
                Object element = detached(MemoryAccess.read(copy, i * size, target), target);
                try {
                    elements[i] = element;
                } catch (ArrayStoreException mismatch) {
                    throw new ConversionError(Failures.where(fn, index) + ": C wrote " + target.name() + " "
                            + element + " at index " + i + ", which a " + elements.getClass().componentType()
                            .getName() + "[] cannot hold", Failures.functionOf(fn, index), mismatch);
                }
            }
        }
    }

    /**
     * Whether a Java value is one that {@link #copyBack} may write to after a call.
     *
     * @param value a call's argument
     * @return true for a {@link ByReference} and for any Java array
     */
    public static boolean isCopiedBack(Object value) {
        return value instanceof ByReference<?> || value != null && value.getClass().isArray();
    }

    /** The value a holder gets: read as its type when it has one, else as a result of the C type is. */
    private static Object held(MemorySegment cell, long offset, CType target, ByReference<?> holder, String fn,
            int index) {
        Class<?> javaType = holder.type().orElse(null);
        if (javaType == MemorySegment.class && CParameterKinds.isAddress(target) && !(target instanceof ArrayType)) {
            return cell.get(ValueLayout.ADDRESS, offset);
        }
        Object value = detached(MemoryAccess.read(cell, offset, target), target);
        if (javaType == null || javaType.isInstance(value)) {
            return value;
        }
        Object carrier = target.layout() instanceof ValueLayout layout
                ? MemoryAccess.readCarrier(cell, offset, layout) : null;
        if (javaType.isInstance(carrier)) {
            return carrier;
        }
        throw new ConversionError(Failures.where(fn, index) + ": C wrote " + target.name() + " " + value
                + ", which a ByReference<" + javaType.getSimpleName() + "> cannot hold", Failures.functionOf(fn,
                index), null);
    }

    /** Whether a holder (or array element) of {@code javaType} can hold what C writes as a {@code target}. */
    static boolean canHold(Class<?> javaType, CType target) {
        if (javaType == MemorySegment.class && (CParameterKinds.isAddress(target) || !(target.layout()
                instanceof ValueLayout))) {
            return true;
        }
        if (target.kind() == CType.Kind.ENUM) {
            return true; // a keyword, a Java enum constant or a number: checked on the value C wrote
        }
        return javaType.isAssignableFrom(box(target.javaType())) || javaType.isAssignableFrom(box(target.carrier()));
    }

    static String heldTypes(CType target) {
        Class<?> java = box(target.javaType());
        Class<?> carrier = box(target.carrier());
        return java == carrier || carrier == MemorySegment.class
                ? "ByReference<" + java.getSimpleName() + ">"
                : "ByReference<" + java.getSimpleName() + "> or ByReference<" + carrier.getSimpleName() + ">";
    }

    private static Class<?> box(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }

    /**
     * A struct or opaque value read out of call memory, copied to memory the garbage collector frees: the call's
     * memory is gone once the call returns.
     */
    private static Object detached(Object value, CType target) {
        if (value instanceof MemorySegment segment && !CParameterKinds.isAddress(target)) {
            MemoryLayout layout = MemoryAccess.storageLayout(target);
            return MemoryAccess.detachedCopy(segment, layout);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> void hold(ByReference<T> holder, Object value) {
        holder.set((T) value);
    }
}
