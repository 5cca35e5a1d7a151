package epsilon.foreign.struct;

import epsilon.foreign.struct.internal.LayoutEngine;
import epsilon.foreign.struct.internal.LayoutEngine.Member;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A C struct or union laid out by the platform's ABI rules (Lisp Epsilon's {@code define-c-struct} and
 * {@code define-c-union}): natural alignment, padding between fields and at the end, {@code packed}, explicit
 * alignment, bit-fields, nested structs and fixed arrays. The result is a JDK {@link GroupLayout}, so the type
 * plugs into any Panama API, and a source of zero-copy {@link StructView}s and precompiled {@link StructField}
 * accessors.
 *
 * {@snippet :
 * StructType timeval = StructType.struct("timeval")
 *         .field("tv_sec", "time_t")
 *         .field("tv_usec", "suseconds_t")
 *         .build();
 * timeval.byteSize();                 // 16 on LP64
 * timeval.offsetOf("tv_usec");        // 8
 * try (Arena arena = Arena.ofConfined()) {
 *     StructView now = timeval.allocate(arena);        // zeroed
 *     GETTIMEOFDAY.invokeExact(now.segment(), MemorySegment.NULL);
 *     long seconds = (long) now.get("tv_sec");
 * }
 * }
 *
 * Or from header text: {@code CHeader.parse("struct timeval { time_t tv_sec; suseconds_t tv_usec; };")
 * .struct("timeval")}.
 */
public final class StructType {
    private final String name;
    private final boolean union;
    private final List<Field> fields;
    private final Map<String, Field> byName;
    private final GroupLayout layout;
    private final long byteSize;
    private final long byteAlignment;
    private final ConcurrentHashMap<String, StructField> accessors = new ConcurrentHashMap<>();

    private StructType(String name, boolean union, LayoutEngine.Result result) {
        this.name = name;
        this.union = union;
        this.fields = result.fields();
        this.layout = result.layout();
        this.byteSize = result.byteSize();
        this.byteAlignment = result.byteAlignment();
        Map<String, Field> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        this.byName = java.util.Collections.unmodifiableMap(map); // declaration order, for messages
    }

    /** Starts a struct definition. */
    public static Builder struct(String name) {
        return new Builder(name, false);
    }

    /** Starts a union definition: every member at offset 0, the size of the largest. */
    public static Builder union(String name) {
        return new Builder(name, true);
    }

    /**
     * The struct a JDK group layout describes: named value members become scalar fields (integers signed), named
     * groups nested structs, sequences arrays, padding is dropped and recomputed by the C rules. Lets a layout from
     * anywhere (another library, {@code Linker.canonicalLayouts()}, a {@code FunctionDescriptor}) be viewed by name.
     *
     * @throws StructException when a member has no name, or the layout's offsets are not what C would give
     */
    public static StructType of(GroupLayout layout) {
        String name = layout.name().orElse("struct");
        Builder builder = layout instanceof java.lang.foreign.UnionLayout ? union(name) : struct(name);
        for (java.lang.foreign.MemoryLayout member : layout.memberLayouts()) {
            if (member instanceof java.lang.foreign.PaddingLayout) {
                continue;
            }
            String field = member.name().orElseThrow(() -> new StructException(name + ": member " + member
                    + " has no name; name every member to view the layout as a struct"));
            builder.field(field, fieldTypeOf(name, member));
        }
        StructType type = builder.build();
        for (Field field : type.fields()) {
            long expected = layout.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement(field.name()));
            if (expected != field.offset()) {
                throw new StructException(name + ": field '" + field.name() + "' is at offset " + expected
                        + " in the layout but C would put it at " + field.offset());
            }
        }
        return type;
    }

    private static FieldType fieldTypeOf(String struct, java.lang.foreign.MemoryLayout member) {
        return switch (member) {
            case ValueLayout value -> FieldType.of(value);
            case GroupLayout group -> FieldType.nested(of(group));
            case java.lang.foreign.SequenceLayout sequence -> FieldType.array(
                    fieldTypeOf(struct, sequence.elementLayout().withName("element")), sequence.elementCount());
            default -> throw new StructException(struct + ": cannot view member " + member);
        };
    }

    /** The C name: {@code "struct timeval"}, {@code "union value"}, or the typedef name it was given. */
    public String name() {
        return name;
    }

    public boolean isUnion() {
        return union;
    }

    /** The JDK layout: named members, explicit padding, the struct's size and alignment. */
    public GroupLayout layout() {
        return layout;
    }

    /** {@code sizeof}. */
    public long byteSize() {
        return byteSize;
    }

    /** {@code alignof}. */
    public long byteAlignment() {
        return byteAlignment;
    }

    /** The fields in declaration order; members of anonymous structs and unions appear as the enclosing one's. */
    public List<Field> fields() {
        return fields;
    }

    /** Whether a field of that name exists (Lisp {@code has-field}). */
    public boolean hasField(String field) {
        return byName.containsKey(field);
    }

    /** The field of that name. @throws StructException naming the known fields */
    public Field field(String field) {
        Field found = byName.get(field);
        if (found == null) {
            throw new StructException(name + " has no field '" + field + "'; its fields are " + byName.keySet());
        }
        return found;
    }

    /** The byte offset of a field or path ({@code "tv_sec"}, {@code "pos.x"}, {@code "points[2].y"}). */
    public long offsetOf(String path) {
        return accessor(path).offset();
    }

    /** The type of a field or path. */
    public FieldType fieldType(String path) {
        return accessor(path).type();
    }

    /** The size in bytes of a field or path. */
    public long fieldSize(String path) {
        return accessor(path).byteSize();
    }

    /**
     * A precompiled accessor for a field or path: resolve it once, keep it (in a {@code static final} field for
     * hot loops), and read and write through it at the speed of a raw {@code VarHandle}.
     *
     * @throws StructException for an unknown field, an index past the end of an array, a path into a scalar
     */
    public StructField accessor(String path) {
        StructField cached = accessors.get(path);
        if (cached != null) {
            return cached;
        }
        StructField compiled = StructField.compile(this, path);
        accessors.putIfAbsent(path, compiled);
        return compiled;
    }

    /**
     * A zero-copy view of the struct at the start of {@code segment} (Lisp {@code with-struct-view}).
     *
     * @throws StructException when the segment is NULL or smaller than the struct
     */
    public StructView view(MemorySegment segment) {
        return new StructView(this, checkedSlice(segment, 0));
    }

    /** A view of element {@code index} of an array of these structs starting at {@code segment}. */
    public StructView view(MemorySegment segment, long index) {
        if (index < 0) {
            throw new StructException(name + " array index must not be negative: index=" + index);
        }
        return new StructView(this, checkedSlice(segment, index * byteSize));
    }

    /** A new zeroed struct from {@code allocator} (Lisp {@code with-c-struct} with an arena). */
    public StructView allocate(SegmentAllocator allocator) {
        return new StructView(this, allocator.allocate(layout).fill((byte) 0));
    }

    /** {@code count} zeroed structs, contiguous, as views. */
    public List<StructView> allocateArray(SegmentAllocator allocator, int count) {
        MemorySegment all = allocator.allocate(layout, count).fill((byte) 0);
        List<StructView> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            views.add(new StructView(this, all.asSlice(i * byteSize, byteSize)));
        }
        return views;
    }

    private MemorySegment checkedSlice(MemorySegment segment, long offset) {
        Objects.requireNonNull(segment, "segment");
        if (segment.address() == 0 && segment.byteSize() == 0) {
            throw new StructException("cannot view " + name + " at NULL");
        }
        MemorySegment sized = segment.byteSize() == 0 ? segment.reinterpret(offset + byteSize) : segment;
        if (sized.byteSize() < offset + byteSize) {
            throw new StructException("segment of " + sized.byteSize() + " bytes is too small for " + name + " ("
                    + byteSize + " bytes) at offset " + offset);
        }
        return sized.asSlice(offset, byteSize);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(" {");
        for (Field field : fields) {
            text.append(' ').append(field.type().cName()).append(' ').append(field.name());
            if (field.isBitField()) {
                text.append(" : ").append(field.bitWidth());
            }
            text.append(" @").append(field.isBitField() ? field.bitOffset() + "b" : String.valueOf(field.offset()))
                    .append(';');
        }
        return text.append(" } size=").append(byteSize).append(" align=").append(byteAlignment).toString();
    }

    /** Collects the members of a struct or union, in declaration order. */
    public static final class Builder {
        private final String name;
        private final boolean union;
        private final List<Member> members = new ArrayList<>();
        private boolean packed;
        private long alignment;

        private Builder(String name, boolean union) {
            this.name = Objects.requireNonNull(name, "name");
            this.union = union;
        }

        /** A field of a C scalar type by name ({@code "int"}, {@code "unsigned long"}, {@code "size_t"}, ...). */
        public Builder field(String field, String cType) {
            return field(field, FieldType.of(cType));
        }

        /** A field of a JDK value layout (integers read back signed). */
        public Builder field(String field, ValueLayout layout) {
            return field(field, FieldType.of(layout));
        }

        /** A field of any type: scalar, pointer, nested struct, array. */
        public Builder field(String field, FieldType type) {
            members.add(new Member(Objects.requireNonNull(field, "field"), type, -1, 0, false));
            return this;
        }

        /** A field aligned to at least {@code alignment} bytes ({@code __attribute__((aligned(n)))}). */
        public Builder field(String field, FieldType type, long alignment) {
            checkAlignment(alignment);
            members.add(new Member(Objects.requireNonNull(field, "field"), type, -1, alignment, false));
            return this;
        }

        /** A nested struct or union stored in place. */
        public Builder field(String field, StructType nested) {
            return field(field, FieldType.nested(nested));
        }

        /** A fixed array {@code element[count]}. */
        public Builder array(String field, FieldType element, long count) {
            return field(field, FieldType.array(element, count));
        }

        /** A bit-field {@code cType field : width}; a {@code null} name is an unnamed (padding) bit-field. */
        public Builder bitField(String field, String cType, int width) {
            if (width < 0) {
                throw new StructException("struct " + name + ": bit-field '" + field + "' has negative width " + width);
            }
            members.add(new Member(field, FieldType.of(cType), width, 0, false));
            return this;
        }

        /** An anonymous struct or union member: its fields become this one's (C11). */
        public Builder anonymous(StructType member) {
            members.add(new Member(null, FieldType.nested(member), -1, 0, true));
            return this;
        }

        /** No padding anywhere ({@code __attribute__((packed))}). */
        public Builder packed() {
            this.packed = true;
            return this;
        }

        /** At least this alignment for the whole struct ({@code __attribute__((aligned(n)))}). */
        public Builder aligned(long alignment) {
            checkAlignment(alignment);
            this.alignment = alignment;
            return this;
        }

        private void checkAlignment(long value) {
            if (value <= 0 || Long.bitCount(value) != 1) {
                throw new StructException("struct " + name + ": alignment must be a power of two, not " + value);
            }
        }

        /** Lays the struct out. @throws StructException for duplicate fields or impossible bit-fields */
        public StructType build() {
            return new StructType(name, union, LayoutEngine.layout(name, union, members, packed, alignment));
        }
    }
}
