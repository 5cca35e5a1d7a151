package epsilon.foreign.batch.internal;

import epsilon.foreign.ForeignMemory;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.FieldPathError;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.Marshal;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.PointerType;
import epsilon.foreign.marshalling.StringType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/**
 * Arguments of a step, from a row's Java values to the downcall's carriers, with the rules of core's
 * {@code sharedCall}: marshalling's {@link Marshal#toForeign} for values, plus the values only a call knows (a
 * {@link ForeignMemory}, a {@link Callback}, a {@link StructView}). Temporaries come from the run's memory; arrays
 * and {@link ByReference} holders are registered with the run and copied back after the call.
 *
 * <p>The {@code as*} methods are the step handles' converters, one per carrier class; each passes its exact box
 * through without the general converter, which is what keeps {@code labs(Long)} a compare and an unbox.
 */
final class Arguments {
    private Arguments() {}

    static long asLong(Parameter p, Object value, Run run) {
        if (p.exact() && value instanceof Long exact) {
            return exact;
        }
        return (Long) convert(p, value, run);
    }

    static int asInt(Parameter p, Object value, Run run) {
        if (p.exact() && value instanceof Integer exact) {
            return exact;
        }
        return (Integer) convert(p, value, run);
    }

    static double asDouble(Parameter p, Object value, Run run) {
        if (p.exact() && value instanceof Double exact) {
            return exact;
        }
        return (Double) convert(p, value, run);
    }

    static MemorySegment asSegment(Parameter p, Object value, Run run) {
        if (value instanceof MemorySegment segment && !p.nonnull() && p.type().kind() != CType.Kind.STRUCT) {
            return segment;
        }
        if (value instanceof String text && p.type() instanceof StringType string) {
            try { // the common case of a string parameter, without the general converter's type dispatch
                return NativeStrings.toNative(text, string.charset(), run.memory());
            } catch (ConversionError refused) {
                return (MemorySegment) convert(p, value, run); // refused again, naming the function and argument
            }
        }
        return (MemorySegment) convert(p, value, run);
    }

    /** Any other carrier (float, short, byte, boolean, char), boxed; the step handle unboxes it. */
    static Object asObject(Parameter p, Object value, Run run) {
        return convert(p, value, run);
    }

    /** The general conversion of one argument, as a core call converts it. */
    static Object convert(Parameter p, Object value, Run run) {
        CType type = p.type();
        Object carrier = switch (value) {
            case ForeignMemory memory -> memory.segment(); // FreedMemoryError once freed
            case Callback callback -> callbackPointer(callback, p);
            case StructView view when type.kind() == CType.Kind.STRUCT -> sameSize(view, (StructType) type, p)
                    .segment();
            case StructView view -> viewPointer(view, p, run);
            case null, default -> {
                if (type.kind() == CType.Kind.STRUCT) {
                    yield struct(value, (StructType) type, p, run);
                }
                MemorySegment heap = p.heapAccess() ? MemoryAccess.heapSegment(value) : null;
                yield heap != null ? heap : Marshal.toForeign(value, type, run.memory(), p.function(), p.index());
            }
        };
        if (p.nonnull() && carrier instanceof MemorySegment segment && segment.isNative() && segment.address() == 0) {
            throw new NullArgumentError("argument " + p.index() + " of " + p.function() + " is NULL, but C declares"
                    + " it nonnull (" + type.name() + ")", p.function(), p.index());
        }
        if (carrier != value && (value instanceof ByReference<?> || value != null && value.getClass().isArray())) {
            run.copyBackLater(value, carrier, p);
        }
        return carrier;
    }

    private static MemorySegment callbackPointer(Callback callback, Parameter p) {
        if (p.type() instanceof FunctionPointerType pointer && !pointer.accepts(callback.signature())) {
            throw new ArgumentTypeError("argument " + p.index() + " of " + p.function() + ": the callback's signature "
                    + CType.functionPointer(callback.signature()).name() + " does not match the parameter's "
                    + p.type().name() + "; C would call it with the wrong arguments", p.function(), p.index());
        }
        try {
            return callback.pointer();
        } catch (CallbackClosedError closed) {
            throw new CallbackClosedError("argument " + p.index() + " of " + p.function()
                    + " is a callback that has been closed: " + closed.getMessage());
        }
    }

    private static StructView sameSize(StructView view, StructType expected, Parameter p) {
        if (view.type().byteSize() != expected.byteSize()) {
            throw new ArgumentTypeError("argument " + p.index() + " of " + p.function() + ": a view of "
                    + view.type().name() + " (" + view.type().byteSize() + " bytes) where " + expected.name() + " ("
                    + expected.byteSize() + " bytes) is passed by value", p.function(), p.index());
        }
        return view;
    }

    /** A view passed for a pointer: its memory, or a copy in the run's memory for a view over the Java heap. */
    private static MemorySegment viewPointer(StructView view, Parameter p, Run run) {
        CType target = p.type() instanceof PointerType pointer ? pointer.target() : null;
        boolean fits = target != null && (target.isVoid() || target instanceof StructType struct
                && struct.name().equals(view.type().name()));
        if (!fits) {
            throw new ArgumentTypeError("argument " + p.index() + " of " + p.function() + ": a view of "
                    + view.type().name() + " passed for " + p.type().name()
                    + "; a view passes for a pointer to its own struct or void *", p.function(), p.index());
        }
        MemorySegment memory = view.segment();
        if (memory.isNative()) {
            return memory;
        }
        MemorySegment copy = run.memory().allocate(view.type().layout()).copyFrom(memory);
        run.copyBackLater(view, copy, p);
        return copy;
    }

    /** A struct by value from a Map of its fields or a record, written into the run's memory. */
    private static MemorySegment struct(Object value, StructType struct, Parameter p, Run run) {
        try {
            return switch (value) {
                case MemorySegment segment -> (MemorySegment) Marshal.toForeign(segment, struct, run.memory(),
                        p.function(), p.index());
                case Map<?, ?> fields -> {
                    StructView written = StructView.allocate(struct, run.memory());
                    for (Map.Entry<?, ?> field : fields.entrySet()) {
                        if (!(field.getKey() instanceof String name)) {
                            throw new ArgumentTypeError("argument " + p.index() + " of " + p.function() + ": a Map for "
                                    + struct.name() + " must have field names as keys, not " + field.getKey(),
                                    p.function(), p.index());
                        }
                        written.set(name, field.getValue(), run.memory());
                    }
                    yield written.segment();
                }
                case Record record -> StructView.allocate(struct, run.memory()).write(record).segment();
                case null -> throw new NullArgumentError("argument " + p.index() + " of " + p.function()
                        + ": null is not a value of C type " + struct.name(), p.function(), p.index());
                default -> throw new ArgumentTypeError("argument " + p.index() + " of " + p.function() + ": expected "
                        + struct.name() + " as a StructView, MemorySegment, Map or record but got "
                        + value.getClass().getName(), p.function(), p.index());
            };
        } catch (FieldPathError unknown) {
            throw new FieldPathError("argument " + p.index() + " of " + p.function() + ": " + unknown.getMessage());
        }
    }

    /**
     * After the call: what C wrote through the pointer made for an array, a holder or a heap view, back into it, as
     * C's own caller would see it. A {@code const} target is not copied back: C promised not to write it.
     */
    @SuppressWarnings("unchecked")
    static void copyBack(Object value, Object carrier, Parameter p, RunMemory memory) {
        if (!(carrier instanceof MemorySegment copy) || carrier == value || !copy.isNative()) {
            return;
        }
        if (value instanceof StructView view) {
            view.segment().copyFrom(copy);
            return;
        }
        boolean constTarget = p.type() instanceof PointerType pointer && pointer.isConstTarget();
        MemorySegment array = MemoryAccess.heapSegment(value);
        if (array != null) {
            if (!constTarget) {
                MemorySegment.copy(copy, 0, array, 0, Math.min(copy.byteSize(), array.byteSize()));
            }
            return;
        }
        CType target = switch (p.type()) {
            case PointerType pointer -> pointer.target();
            case ArrayType arrayType -> arrayType.element();
            default -> null;
        };
        if (target == null || target.isVoid()) {
            return;
        }
        if (value instanceof ByReference<?> holder) {
            boolean raw = holder.type().map(t -> t == MemorySegment.class).orElse(holder.get() instanceof MemorySegment);
            ((ByReference<Object>) holder).set(outside(raw ? copy.get(ValueLayout.ADDRESS, 0)
                    : Marshal.read(copy, 0, target), memory, p));
        } else if (value instanceof Object[] elements && !constTarget) {
            long size = target.byteSize();
            for (int i = 0; i < elements.length; i++) {
                Object element = outside(elements instanceof MemorySegment[] ? copy.get(ValueLayout.ADDRESS, i * size)
                        : Marshal.read(copy, i * size, target), memory, p);
                try {
                    elements[i] = element;
                } catch (ArrayStoreException mismatch) {
                    throw new ConversionError("argument " + p.index() + " of " + p.function() + ": C wrote "
                            + target.name() + " " + element + " at index " + i + ", which a "
                            + elements.getClass().componentType().getName() + "[] cannot hold", p.function(),
                            mismatch);
                }
            }
        }
    }

    /** A pointer C wrote back is refused when it points into the run's memory, which dies with the run. */
    private static Object outside(Object value, RunMemory memory, Parameter p) {
        if (value instanceof MemorySegment pointer && pointer.address() != 0 && memory.contains(pointer.address())) {
            throw new ConversionError("argument " + p.index() + " of " + p.function() + ": C wrote back a pointer"
                    + " into the batch's temporary memory, which is freed when the run ends; pass the memory it points"
                    + " into as a MemorySegment you own", p.function(), null);
        }
        return value;
    }
}
