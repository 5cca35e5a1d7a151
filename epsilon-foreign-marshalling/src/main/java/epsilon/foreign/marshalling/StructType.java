package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.layout.CallLayouts;
import epsilon.foreign.marshalling.internal.layout.FieldPaths;
import epsilon.foreign.marshalling.internal.layout.LayoutEngine;
import epsilon.foreign.marshalling.internal.layout.LayoutEngine.Member;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A C struct or union, laid out by the platform's ABI rules (Lisp {@code define-c-struct} and
 * {@code define-c-union}): natural alignment, padding between fields and at the end, {@code packed},
 * {@code #pragma pack}, explicit alignment, bit-fields, anonymous members, nested structs and fixed arrays. Its
 * {@link #layout()} is a JDK {@link GroupLayout}, so it plugs into any Panama API, and it is a {@link CType}, so it
 * can be passed and returned by value in any call.
 *
 * {@snippet :
 * StructType timeval = StructType.struct("struct timeval")
 *         .field("tv_sec", "time_t")
 *         .field("tv_usec", "suseconds_t")
 *         .build();
 * timeval.byteSize();              // 16 on LP64
 * timeval.offsetOf("tv_usec");     // 8
 * }
 * The same type comes from header text: {@code CHeader.parse("struct timeval { time_t tv_sec; suseconds_t tv_usec; };")
 * .struct("timeval")}. Zero-copy views of structs in memory are the struct module's ({@code StructView}).
 *
 * <p>A struct that points to itself, or is used before it is defined, is first {@linkplain #declare declared} and
 * then {@linkplain Builder#complete completed}: until then it is incomplete, and only a pointer to it is usable.
 *
 * <p>Two complete struct types are equal when their names, kinds, fields and sizes are; a pointer field compares
 * its target struct by name, so self-referential types compare without recursion.
 */
public final class StructType extends SegmentCarriedType {
    private final String name;
    private final boolean union;
    private volatile Definition definition;
    private final Map<String, CField> paths = new ConcurrentHashMap<>();
    /** How calls pass this type by value, computed when first asked. */
    private volatile CallLayouts.Answer byValue;

    /** What completing the type fixes: fields, layout, size and alignment. */
    private record Definition(List<CField> fields, Map<String, CField> byName, GroupLayout layout, long byteSize,
                              long byteAlignment, List<LayoutEngine.Placed> declared) {}

    private StructType(String name, boolean union) {
        this.name = Objects.requireNonNull(name, "name");
        this.union = union;
    }

    /**
     * Starts a struct definition.
     *
     * @param name how C and messages spell it: {@code "struct timeval"}, {@code "div_t"}
     * @return an empty builder; add the fields in declaration order, then {@link Builder#build()}
     */
    public static Builder struct(String name) {
        return new Builder(name, false);
    }

    /**
     * Starts a union definition: every member at offset 0, the size of the largest, rounded to the alignment.
     *
     * @param name how C and messages spell it: {@code "union value"}
     * @return an empty builder
     */
    public static Builder union(String name) {
        return new Builder(name, true);
    }

    /**
     * A struct or union that is declared but not yet defined ({@code struct node;}): a pointer to it may be taken
     * now, for instance by its own fields, and {@link Builder#complete} defines it later.
     *
     * @param name  how C and messages spell it
     * @param union whether it is a union; the builder that completes it must agree
     * @return an incomplete type: its size, layout and fields throw {@link DeclarationError} until it is completed
     */
    public static StructType declare(String name, boolean union) {
        return new StructType(name, union);
    }

    /**
     * The struct a JDK group layout describes: named value members become scalar fields (integers signed, as Java's
     * own types are), addresses {@code void *}, named groups nested structs, sequences arrays; padding is dropped and
     * recomputed by the C rules, which must give the layout's own offsets. A member without a name is called
     * {@code _} followed by its index ({@code _9}). Lets a layout from anywhere (another library, a
     * {@code FunctionDescriptor}) be passed by value and viewed by name. A {@code char} member (Java's 16-bit
     * {@code char}) becomes {@code uint16_t}.
     *
     * @param layout the members; its name, if it has one, is the struct's, else {@code "struct"} or {@code "union"}
     * @return a complete struct or union, its layout rebuilt by the C rules
     * @throws DeclarationError when the layout's offsets or size are not what C would give, or a member has no C
     *                          type (an integer of a size other than 1, 2, 4 or 8 bytes)
     */
    public static StructType of(GroupLayout layout) {
        String name = layout.name().orElse(layout instanceof UnionLayout ? "union" : "struct");
        Builder builder = layout instanceof UnionLayout ? union(name) : struct(name);
        Map<String, Long> positions = new java.util.HashMap<>();
        long index = 0;
        for (MemoryLayout member : layout.memberLayouts()) {
            if (!(member instanceof PaddingLayout)) {
                String field = member.name().orElse("_" + index);
                positions.put(field, index);
                builder.field(field, typeOf(name, member));
            }
            index++;
        }
        StructType type = builder.build();
        for (CField field : type.fields()) {
            long expected = layout.byteOffset(MemoryLayout.PathElement.groupElement(positions.get(field.name())));
            if (expected != field.offset()) {
                throw new DeclarationError(name + ": field '" + field.name() + "' is at offset " + expected
                        + " in the layout but C would put it at " + field.offset());
            }
        }
        if (type.byteSize() != layout.byteSize()) {
            throw new DeclarationError(name + ": the layout has " + layout.byteSize() + " bytes but C would make it "
                    + type.byteSize());
        }
        return type;
    }

    private static CType typeOf(String struct, MemoryLayout member) {
        return switch (member) {
            case AddressLayout address -> CType.POINTER;
            case ValueLayout value -> scalarOf(struct, value);
            case GroupLayout group -> of(group);
            case SequenceLayout sequence -> CType.arrayOf(typeOf(struct, sequence.elementLayout().withName("element")),
                    sequence.elementCount());
            default -> throw new DeclarationError(struct + ": cannot use member " + member + " as a C field");
        };
    }

    private static CType scalarOf(String struct, ValueLayout value) {
        Class<?> carrier = value.carrier();
        if (carrier == boolean.class) {
            return CType.BOOL;
        }
        if (carrier == float.class) {
            return CType.FLOAT;
        }
        if (carrier == double.class) {
            return CType.DOUBLE;
        }
        if (carrier == char.class) {
            return CType.UINT16;
        }
        return switch ((int) value.byteSize()) {
            case 1 -> CType.INT8;
            case 2 -> CType.INT16;
            case 4 -> CType.INT32;
            case 8 -> CType.INT64;
            default -> throw new DeclarationError(struct + ": no C integer of " + value.byteSize() + " bytes");
        };
    }

    /**
     * This struct aligned to at least {@code byteAlignment}, as an {@code aligned} attribute on a typedef makes it
     * ({@code typedef struct { ... } buf_t __attribute__((aligned(16)));}): the same fields and size, a larger
     * alignment. An alignment no larger than the struct's own gives the struct itself.
     *
     * @param byteAlignment the least alignment in bytes, a power of two
     * @return this struct, or a copy of the same name with the larger alignment; the size is not rounded up to it,
     *         and the copy is not {@code equals} to this struct
     * @throws DeclarationError for an incomplete struct or an alignment that is not a power of two
     */
    public StructType withAlignment(long byteAlignment) {
        if (byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1) {
            throw new DeclarationError(name + ": alignment must be a power of two, not " + byteAlignment);
        }
        Definition known = definition();
        if (byteAlignment <= known.byteAlignment()) {
            return this;
        }
        StructType aligned = new StructType(name, union);
        aligned.definition = new Definition(known.fields(), known.byName(),
                (GroupLayout) known.layout().withByteAlignment(byteAlignment), known.byteSize(), byteAlignment,
                known.declared());
        return aligned;
    }

    /** The C spelling: {@code "struct timeval"}, {@code "union value"}, or the name it was built with. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.STRUCT;
    }

    /** {@return whether this is a union} */
    public boolean isUnion() {
        return union;
    }

    /** {@return whether the members are known: false between {@link #declare} and {@link Builder#complete}} */
    public boolean isComplete() {
        return definition != null;
    }

    private Definition definition() {
        Definition known = definition;
        if (known == null) {
            throw new DeclarationError(name + " is incomplete: it is declared but not defined, so only a pointer to it"
                    + " can be used");
        }
        return known;
    }

    /** The JDK layout: named members, explicit padding, the C size and alignment. */
    @Override
    public GroupLayout layout() {
        return definition().layout();
    }

    /**
     * The layout a call passes this struct by value with: {@link #layout()} when the FFM linker takes it and passes
     * it as C does, otherwise a layout of the same size that the linker passes the same way C does (a bit-field's
     * bytes as the integers that hold them, a struct of more than 16 bytes on x86-64 as integers of its alignment).
     *
     * @throws DeclarationError when no layout makes the linker pass this struct as C does, saying why (a packed
     *                          field, a {@code long double} inside, an alignment past 8), or when it is incomplete
     */
    @Override
    public MemoryLayout argumentLayout() {
        CallLayouts.Answer answer = byValue();
        if (answer.refusal() != null) {
            throw new DeclarationError(name + " cannot be passed by value: " + answer.refusal());
        }
        return answer.layout();
    }

    /** Why the FFM linker cannot pass this complete struct by value as C does, or {@code null} when it can. */
    String byValueRefusal() {
        return byValue().refusal();
    }

    private CallLayouts.Answer byValue() {
        CallLayouts.Answer known = byValue;
        if (known == null) {
            known = CallLayouts.of(this, type -> type.definition().declared());
            byValue = known;
        }
        return known;
    }

    /** {@code sizeof}. */
    @Override
    public long byteSize() {
        return definition().byteSize();
    }

    /**
     * {@return {@code _Alignof}: the alignment in bytes}
     *
     * @throws DeclarationError when the struct is declared but not defined
     */
    public long byteAlignment() {
        return definition().byteAlignment();
    }

    /**
     * {@return the fields in declaration order, unmodifiable; the members of anonymous structs and unions appear as
     * this one's, unnamed bit-fields not at all}
     *
     * @throws DeclarationError when the struct is declared but not defined
     */
    public List<CField> fields() {
        return definition().fields();
    }

    /**
     * Whether a field of that name exists (Lisp {@code has-field}).
     *
     * @param field a field name, not a path; a member of an anonymous struct or union counts as this one's
     * @return whether {@link #field(String)} would find it
     * @throws DeclarationError when the struct is declared but not defined
     */
    public boolean hasField(String field) {
        return definition().byName().containsKey(field);
    }

    /**
     * The field of that name.
     *
     * @param field a field name, not a path (see {@link #path(String)})
     * @return the field, its offset from the start of this struct
     * @throws FieldPathError naming the fields there are
     * @throws DeclarationError when the struct is declared but not defined
     */
    public CField field(String field) {
        CField found = definition().byName().get(field);
        if (found == null) {
            throw new FieldPathError(name + " has no field '" + field + "'; its fields are "
                    + definition().byName().keySet());
        }
        return found;
    }

    /**
     * A field or a path through nested structs and arrays, resolved once and cached: {@code "tv_sec"},
     * {@code "pos.x"}, {@code "points[2].y"}, {@code "grid[1][2]"}. The result's name is the path, its offset is from
     * the start of this struct.
     *
     * @param path field names joined by {@code .}, each optionally followed by zero-based indexes in brackets
     * @return the field the path ends at: named {@code path}, its offset (and bit offset) from the start of this
     *         struct
     * @throws FieldPathError for an unknown field, an index past the end of an array, a path into a scalar or past
     *                        a bit-field, an empty or malformed path
     * @throws DeclarationError when the struct is declared but not defined
     */
    public CField path(String path) {
        Objects.requireNonNull(path, "path");
        CField cached = paths.get(path);
        if (cached != null) {
            return cached;
        }
        CField resolved = FieldPaths.resolve(this, path);
        paths.putIfAbsent(path, resolved);
        return resolved;
    }

    /**
     * The byte offset of a field or path (Lisp {@code struct-field-offset}).
     *
     * @param path a field name or a path, as {@link #path(String)} takes it
     * @return the offset in bytes from the start of this struct (for a bit-field, of the byte holding its first bit)
     * @throws FieldPathError as {@link #path(String)}
     */
    public long offsetOf(String path) {
        return path(path).offset();
    }

    /**
     * The type of a field or path.
     *
     * @param path a field name or a path, as {@link #path(String)} takes it
     * @return the type of the field it ends at
     * @throws FieldPathError as {@link #path(String)}
     */
    public CType fieldType(String path) {
        return path(path).type();
    }

    /**
     * The size of a field or path.
     *
     * @param path a field name or a path, as {@link #path(String)} takes it
     * @return the size in bytes of the field it ends at (for a bit-field, of the bytes its bits touch)
     * @throws FieldPathError as {@link #path(String)}
     */
    public long fieldSize(String path) {
        return path(path).byteSize();
    }

    @Override
    public Class<?> javaType() {
        return MemorySegment.class;
    }

    /** False: a struct is passed as memory the caller already holds (or that a call frame provides). */
    @Override
    public boolean needsAllocator() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof StructType that) || union != that.union || !name.equals(that.name)) {
            return false;
        }
        Definition mine = definition;
        Definition theirs = that.definition;
        return mine != null && theirs != null && mine.byteSize() == theirs.byteSize()
                && mine.byteAlignment() == theirs.byteAlignment() && mine.fields().equals(theirs.fields());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + (union ? 1 : 0);
    }

    /**
     * {@return the layout as text, for messages and debugging: {@code struct timeval { time_t tv_sec @0; suseconds_t
     * tv_usec @8; } size=16 align=8}, or {@code struct node (incomplete)}}
     */
    public String describe() {
        Definition known = definition;
        if (known == null) {
            return name + " (incomplete)";
        }
        StringBuilder text = new StringBuilder(name).append(" {");
        for (CField field : known.fields()) {
            text.append(' ').append(field).append(';');
        }
        return text.append(" } size=").append(known.byteSize()).append(" align=").append(known.byteAlignment())
                .toString();
    }

    /** Collects the members of a struct or union, in declaration order. Not thread-safe; build once. */
    public static final class Builder {
        private final String name;
        private final boolean union;
        private final List<Member> members = new ArrayList<>();
        private final java.util.Set<String> names = new java.util.HashSet<>();
        private boolean packed;
        private long alignment;
        private long maxFieldAlignment;

        private Builder(String name, boolean union) {
            this.name = Objects.requireNonNull(name, "name");
            this.union = union;
        }

        /**
         * A field of a type named by C text.
         *
         * @param field the field's name
         * @param cType a spelling {@link CType#parse} takes: {@code "int"}, {@code "unsigned long"}, {@code "char *"},
         *              {@code "double[3]"}
         * @return this builder
         * @throws ParseError for an unknown or malformed spelling
         * @throws DeclarationError as {@link #field(String, CType)}
         */
        public Builder field(String field, String cType) {
            return field(field, CType.parse(cType));
        }

        /**
         * A field of any type: scalar, pointer, string, enum, nested struct or union, array.
         *
         * @param field the field's name
         * @param type  its type; it must have a size (a struct that is only declared can be pointed to, not held)
         * @return this builder
         * @throws DeclarationError for a name already used (by a field or a member of an anonymous one), or a type
         *                          that is {@code void}, a struct declared but not defined, or opaque of unknown size
         */
        public Builder field(String field, CType type) {
            return add(new Member(Objects.requireNonNull(field, "field"), Objects.requireNonNull(type, "type"), -1, 0,
                    false, false));
        }

        /**
         * A field aligned to at least {@code alignment} bytes ({@code __attribute__((aligned(n)))} on the field).
         *
         * @param field     the field's name
         * @param type      its type
         * @param alignment the least alignment in bytes, a power of two; {@link #pack} can still lower it
         * @return this builder
         * @throws DeclarationError as {@link #field(String, CType)}, or for an alignment that is not a power of two
         */
        public Builder field(String field, CType type, long alignment) {
            checkAlignment(alignment);
            return add(new Member(Objects.requireNonNull(field, "field"), Objects.requireNonNull(type, "type"), -1,
                    alignment, false, false));
        }

        /**
         * A field with GCC's {@code packed} on the field alone: alignment 1 unless {@code alignment} asks more.
         *
         * @param field     the field's name
         * @param type      its type
         * @param alignment an {@code aligned(n)} on the same field, a power of two; 0 for none
         * @return this builder
         * @throws DeclarationError as {@link #field(String, CType)}, or for a non-zero alignment that is not a power of
         *                          two
         */
        public Builder packedField(String field, CType type, long alignment) {
            if (alignment != 0) {
                checkAlignment(alignment);
            }
            return add(new Member(Objects.requireNonNull(field, "field"), Objects.requireNonNull(type, "type"), -1,
                    alignment, false, true));
        }

        /** Checks a member as it is added, so that a mistake is reported where it is made. */
        private Builder add(Member member) {
            LayoutEngine.check(name, member);
            if (member.anonymous()) {
                ((StructType) member.type()).fields().forEach(f -> addName(f.name()));
            } else if (member.name() != null) {
                addName(member.name());
            }
            members.add(member);
            return this;
        }

        private void addName(String field) {
            if (!names.add(field)) {
                throw new DeclarationError(name + ": duplicate field '" + field + "'");
            }
        }

        /**
         * A fixed array field {@code element field[count]}.
         *
         * @param field   the field's name
         * @param element the type of each element
         * @param count   the number of elements
         * @return this builder
         * @throws DeclarationError as {@link CType#arrayOf} and {@link #field(String, CType)}
         */
        public Builder array(String field, CType element, long count) {
            return field(field, CType.arrayOf(element, count));
        }

        /**
         * A bit-field {@code cType field : width}.
         *
         * @param field the field's name; {@code null} for an unnamed (padding) bit-field
         * @param cType the declared type as C text, which must be an integer, {@code char}, {@code bool} or enum type
         * @param width the width in bits, at most the type's; 0 (unnamed only) starts the next member at the next
         *              boundary of the type's alignment
         * @return this builder
         * @throws ParseError for an unknown or malformed spelling
         * @throws DeclarationError as {@link #bitField(String, CType, int)}
         */
        public Builder bitField(String field, String cType, int width) {
            return bitField(field, CType.parse(cType), width);
        }

        /**
         * A bit-field of an integer, {@code char}, {@code bool} or enum type.
         *
         * @param field the field's name; {@code null} for an unnamed (padding) bit-field
         * @param type  the declared type, which decides the storage unit the bits go in
         * @param width the width in bits, at most the type's; 0 (unnamed only) starts the next member at the next
         *              boundary of the type's alignment
         * @return this builder
         * @throws DeclarationError for a negative width, one wider than the type, a named zero-width bit-field, a type
         *                          that is not an integer, {@code char}, {@code bool} or enum, or a name already used
         */
        public Builder bitField(String field, CType type, int width) {
            if (width < 0) {
                throw new DeclarationError(name + ": bit-field '" + field + "' has negative width " + width);
            }
            return add(new Member(field, Objects.requireNonNull(type, "type"), width, 0, false, false));
        }

        /**
         * An anonymous struct or union member (C11): its fields become this one's.
         *
         * @param member a complete struct or union
         * @return this builder
         * @throws DeclarationError when {@code member} is not complete, or one of its field names is already used
         */
        public Builder anonymous(StructType member) {
            return add(new Member(null, Objects.requireNonNull(member, "member"), -1, 0, true, false));
        }

        /**
         * No padding anywhere ({@code __attribute__((packed))}): members align to 1 unless they say otherwise.
         *
         * @return this builder
         */
        public Builder packed() {
            this.packed = true;
            return this;
        }

        /**
         * At least this alignment for the whole struct ({@code __attribute__((aligned(n)))}); its size is rounded up
         * to it.
         *
         * @param alignment the least alignment in bytes, a power of two; of several calls, the largest counts
         * @return this builder
         * @throws DeclarationError for an alignment that is not a power of two
         */
        public Builder aligned(long alignment) {
            checkAlignment(alignment);
            this.alignment = Math.max(this.alignment, alignment);
            return this;
        }

        /**
         * No member aligned to more than {@code maximum} bytes ({@code #pragma pack(n)}), even one with an explicit
         * alignment, as GCC does.
         *
         * @param maximum the largest member alignment in bytes, a power of two; 0 for no limit; of several calls, the
         *                last counts
         * @return this builder
         * @throws DeclarationError for a non-zero maximum that is not a power of two
         */
        public Builder pack(long maximum) {
            if (maximum != 0) {
                checkAlignment(maximum);
            }
            this.maxFieldAlignment = maximum;
            return this;
        }

        private void checkAlignment(long value) {
            if (value <= 0 || Long.bitCount(value) != 1) {
                throw new DeclarationError(name + ": alignment must be a power of two, not " + value);
            }
        }

        /**
         * Lays the struct out. The builder may be built again, giving another equal type.
         *
         * @return a new, complete struct or union
         * @throws DeclarationError for a flexible array member that is not the last field; the other mistakes are
         *                          refused as the member is added
         */
        public StructType build() {
            return complete(new StructType(name, union));
        }

        /**
         * Defines a type made by {@link StructType#declare}, so that pointers taken to it before now see its fields.
         *
         * @param declared the type {@link StructType#declare} returned; it keeps its own name, not this builder's
         * @return {@code declared}, now complete
         * @throws DeclarationError when it is already complete, or is a struct where this builds a union (or the
         *                          reverse), or for a flexible array member that is not the last field
         */
        public StructType complete(StructType declared) {
            if (declared.union != union) {
                throw new DeclarationError(declared.name + " was declared as a " + (declared.union ? "union" : "struct")
                        + " but is defined as a " + (union ? "union" : "struct"));
            }
            LayoutEngine.Result result = LayoutEngine.layout(declared.name, union, members, packed, alignment,
                    maxFieldAlignment);
            Map<String, CField> byName = new LinkedHashMap<>();
            result.fields().forEach(f -> byName.put(f.name(), f));
            synchronized (declared) {
                if (declared.definition != null) {
                    throw new DeclarationError(declared.name + " is already defined");
                }
                declared.definition = new Definition(result.fields(), Collections.unmodifiableMap(byName),
                        result.layout(), result.byteSize(), result.byteAlignment(), result.declared());
            }
            return declared;
        }
    }
}
