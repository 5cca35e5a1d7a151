package epsilon.foreign.internal;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.struct.StructException;
import epsilon.foreign.struct.StructType;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Structs by value in dynamic calls, through the struct module: a returned struct comes back as a
 * {@link StructView} (with {@code toMap()} and {@code toRecord(...)}), and an argument may be a view, a segment,
 * a {@code Map} of its fields or a record with components named like them.
 */
final class StructArguments {
    /** One struct type per layout: building it lays the struct out, which is worth doing once. */
    private static final Map<GroupLayout, StructType> TYPES = new ConcurrentHashMap<>();

    private StructArguments() {}

    static StructType typeOf(CType type) {
        return TYPES.computeIfAbsent((GroupLayout) type.layout(), StructType::of);
    }

    static StructView view(CType type, MemorySegment struct) {
        return typeOf(type).view(struct);
    }

    static Object toSegment(Object value, CType type, SegmentAllocator frame, String function, int index) {
        try {
            return switch (value) {
                case StructView view -> view.segment();
                case MemorySegment segment -> segment;
                case Map<?, ?> fields -> writeFields(type, frame).write(checkedKeys(fields)).segment();
                case Record record -> writeFields(type, frame).write(record).segment();
                case null -> throw new epsilon.foreign.marshalling.NullArgumentError("argument " + index + " of "
                        + function + ": null is not a value of C type " + type.name(), function, index);
                default -> throw new ArgumentTypeError("argument " + index + " of " + function + ": expected "
                        + type.name() + " as a StructView, MemorySegment, Map or record but got "
                        + value.getClass().getName(), function, index);
            };
        } catch (StructException bad) {
            throw new ConversionError("argument " + index + " of " + function + ": " + bad.getMessage(), function, bad);
        }
    }

    private static StructView writeFields(CType type, SegmentAllocator frame) {
        return typeOf(type).allocate(frame);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> checkedKeys(Map<?, ?> fields) {
        for (Object key : fields.keySet()) {
            if (!(key instanceof String)) {
                throw new StructException("field names must be strings, not " + key);
            }
        }
        return (Map<String, ?>) fields;
    }
}
