package epsilon.foreign.internal;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FieldPathError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Map;

/**
 * Structs by value in dynamic calls, through the struct module: a returned struct comes back as a
 * {@link StructView} (with {@code toMap()} and {@code toRecord(...)}), and an argument may be a view, a segment,
 * a {@code Map} of its fields or a record with components named like them. Structs by pointer too: a view passes
 * for a {@code struct T *}, and a {@code struct T *} result is a view of T when T's layout is known.
 */
public final class StructArguments {
    private StructArguments() {}

    static StructView view(CType type, MemorySegment struct) {
        return StructView.of((StructType) type, struct);
    }

    static Object toSegment(Object value, CType type, SegmentAllocator frame, String function, int index) {
        try {
            return convert(value, (StructType) type, frame, function, index);
        } catch (FieldPathError unknown) {
            throw new FieldPathError("argument " + index + " of " + function + ": " + unknown.getMessage());
        }
    }

    private static Object convert(Object value, StructType struct, SegmentAllocator frame, String function,
                                  int index) {
        CType type = struct;
        return switch (value) {
            case StructView view -> sameStruct(view, struct, function, index).segment();
            case MemorySegment segment -> epsilon.foreign.marshalling.Marshal.toForeign(segment, type, frame, function,
                    index);
            case Map<?, ?> fields -> {
                StructView written = StructView.allocate(struct, frame);
                fields.forEach((key, field) -> {
                    if (!(key instanceof String name)) {
                        throw new ArgumentTypeError("argument " + index + " of " + function + ": a Map for "
                                + type.name() + " must have field names as keys, not " + key, function, index);
                    }
                    written.set(name, field, frame);
                });
                yield written.segment();
            }
            case Record record -> StructView.allocate(struct, frame).write(record).segment();
            case null -> throw new NullArgumentError("argument " + index + " of " + function
                    + ": null is not a value of C type " + type.name(), function, index);
            default -> throw new ArgumentTypeError("argument " + index + " of " + function + ": expected "
                    + type.name() + " as a StructView, MemorySegment, Map or record but got "
                    + value.getClass().getName(), function, index);
        };
    }

    /**
     * A view passed for a pointer parameter: its memory, when the pointer is to its struct (same name and layout)
     * or to {@code void}.
     */
    public static MemorySegment pointerTo(StructView view, CType type, SegmentAllocator frame, String function,
                                          int index) {
        CType target = type instanceof PointerType pointer ? pointer.target() : null;
        boolean fits = target != null && (target.isVoid() || target instanceof StructType struct
                && (!struct.isComplete() ? struct.name().equals(view.type().name()) : struct.equals(view.type())
                        || struct.name().equals(view.type().name()) && struct.layout().equals(view.type().layout())));
        if (!fits) {
            throw new ArgumentTypeError("argument " + index + " of " + function + ": a view of " + view.type().name()
                    + " passed for " + type.name() + "; a view passes for a pointer to its own struct or void *",
                    function, index);
        }
        MemorySegment memory = view.segment();
        if (memory.isNative()) {
            return memory;
        }
        // A view over the Java heap (a struct C returned by value) has no address C can keep: C gets a copy in the
        // call's frame, which the caller copies back (copyBackIfHeap) once C has run.
        if (frame == null) {
            throw new ArgumentTypeError("argument " + index + " of " + function + ": a view over Java heap memory"
                    + " cannot pass for " + type.name() + " here; copy it into native memory", function, index);
        }
        return frame.allocate(view.type().layout()).copyFrom(memory);
    }

    /** After the call: what C wrote into the copy of a heap view, back into the view. */
    public static void copyBackIfHeap(Object value, Object carrier) {
        if (value instanceof StructView view && !view.segment().isNative() && carrier instanceof MemorySegment copy
                && copy != view.segment()) {
            view.segment().copyFrom(copy);
        }
    }

    /** The struct a pointer result points to, when C's result should come back as a view of it; else null. */
    public static StructType pointedStruct(CType resultType) {
        return resultType instanceof PointerType pointer && pointer.target() instanceof StructType struct
                && struct.isComplete() ? struct : null;
    }

    /** A pointer to a struct that C returned, as a view of the struct there; {@code NULL} is {@code null}. */
    public static StructView viewAt(StructType struct, MemorySegment pointer) {
        if (pointer.address() == 0) {
            return null;
        }
        return StructView.of(struct, pointer.byteSize() >= struct.byteSize() ? pointer
                : MemoryAccess.sized(pointer, struct.byteSize()));
    }

    private static StructView sameStruct(StructView view, StructType expected, String function, int index) {
        if (view.type().byteSize() != expected.byteSize()) {
            throw new ArgumentTypeError("argument " + index + " of " + function + ": a view of " + view.type().name()
                    + " (" + view.type().byteSize() + " bytes) where " + expected.name() + " ("
                    + expected.byteSize() + " bytes) is passed by value", function, index);
        }
        return view;
    }
}
