package epsilon.foreign.marshalling.internal.layout;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The C layout rules of the SysV x86-64 and AArch64 ABIs, which agree on everything here (GCC's
 * {@code PCC_BITFIELD_TYPE_MATTERS} targets): each member at the next offset aligned to its alignment, the
 * struct's alignment the largest of its members' (and any explicit one), its size rounded up to that alignment, a
 * union's members all at 0.
 *
 * <p>A member's alignment is its type's, lowered to 1 by {@code packed} (on the struct or the member), raised by an
 * {@code aligned} attribute or {@code _Alignas} on the member, then capped by {@code #pragma pack(n)}: GCC caps even
 * an explicit alignment ({@code layout_decl}), where MSVC would let it win. A bit-field goes into the
 * storage unit of its declared type when it fits without crossing that type's alignment boundary, otherwise it
 * starts at the next one; packed bit-fields and bit-fields under {@code #pragma pack} are placed at the next bit
 * without that rule. A zero-width bit-field aligns the next member to its type, whatever {@code packed} or
 * {@code #pragma pack} say (GCC's {@code layout_decl}: "not influenced by any packing"). Named bit-fields raise the
 * struct's alignment, unnamed ones do not; under {@code #pragma pack(n)} a named bit-field raises it to its type's
 * alignment capped by {@code n} even in a {@code packed} struct, as gcc does.
 */
public final class LayoutEngine {
    private LayoutEngine() {}

    /**
     * One declared member.
     *
     * @param name              its name; {@code null} for an unnamed bit-field or an anonymous struct/union
     * @param type              its type
     * @param bitWidth          the width of a bit-field, or -1 for an ordinary member
     * @param explicitAlignment an {@code aligned(n)} attribute on the member, or 0
     * @param anonymous         an anonymous struct or union whose fields belong to the enclosing one
     * @param packed            {@code packed} on this member alone
     */
    public record Member(String name, CType type, int bitWidth, long explicitAlignment, boolean anonymous,
                         boolean packed) {}

    /**
     * The computed layout: fields (anonymous members flattened), size, alignment and the JDK group layout, and the
     * members as declared and placed, which is how C's calling conventions see them.
     */
    public record Result(List<CField> fields, long byteSize, long byteAlignment, GroupLayout layout,
                         List<Placed> declared) {}

    /**
     * A member as declared, where it was placed: unnamed and zero-width bit-fields and anonymous members included.
     *
     * @param field     its name ({@code ""} when it has none), type and position; a zero-width bit-field's
     *                  position is where the next member may start
     * @param bitField  whether it is a bit-field (its width in {@code field}, possibly 0)
     * @param anonymous whether it is an anonymous struct or union whose fields are the enclosing one's
     * @param wholeUnit whether gcc turns this bit-field of a struct into an ordinary integer of its width (8, 16, 32,
     *                  64 or 128 bits), as its {@code layout_decl} does when the field starts where the struct so far
     *                  is aligned to that width and is not {@code packed} (unless 8 bits wide): the calling convention
     *                  then checks that integer's alignment
     */
    public record Placed(CField field, boolean bitField, boolean anonymous, boolean wholeUnit) {}

    private record Piece(long offset, MemoryLayout layout, String name) {}

    /**
     * @param packed            {@code packed} on the struct
     * @param explicitAlignment {@code aligned(n)} on the struct, or 0
     * @param maxFieldAlignment {@code #pragma pack(n)} in force where the struct was defined, or 0
     */
    public static Result layout(String structName, boolean union, List<Member> members, boolean packed,
                                long explicitAlignment, long maxFieldAlignment) {
        List<CField> fields = new ArrayList<>();
        List<Placed> declared = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long bits = 0;
        long maxAlignment = 1;
        long unionSize = 0;
        for (int index = 0; index < members.size(); index++) {
            Member member = members.get(index);
            CType type = member.type();
            checkFlexible(structName, member, index == members.size() - 1 && !union);
            MemoryLayout storage = storageLayout(type);
            long size = storage.byteSize();
            long typeAlignment = storage.byteAlignment();
            boolean tight = packed || member.packed();
            long alignment = Math.max(tight ? 1 : typeAlignment, member.explicitAlignment());
            if (maxFieldAlignment > 0) {
                alignment = Math.min(alignment, maxFieldAlignment);
            }
            if (member.bitWidth() >= 0) {
                long unitBits = typeAlignment * 8;
                if (member.bitWidth() == 0) {
                    if (!union) {
                        bits = roundUp(bits, unitBits); // neither packed nor #pragma pack changes this, in gcc
                    }
                    long at = union ? 0 : bits;
                    declared.add(new Placed(new CField("", type, at / 8, at, 0), true, false, false));
                    continue;
                }
                long start = union ? 0 : bits;
                int width = member.bitWidth();
                boolean wholeUnit = !union && Long.bitCount(width) == 1 && width >= 8 && width <= 128
                        && start % width == 0 && (!tight || width == 8);
                boolean straddles = start / unitBits != (start + member.bitWidth() - 1) / unitBits;
                if (!tight && maxFieldAlignment == 0 && straddles) {
                    start = roundUp(start, unitBits); // would cross its type's boundary: next storage unit
                }
                CField bitField = new CField(member.name() == null ? "" : member.name(), type, start / 8, start,
                        member.bitWidth());
                declared.add(new Placed(bitField, true, false, wholeUnit));
                if (member.name() != null) {
                    addName(structName, names, member.name());
                    fields.add(bitField);
                    // gcc's update_alignment_for_field: #pragma pack, when in force, decides before packed does
                    long typeShare = maxFieldAlignment > 0 ? Math.min(typeAlignment, maxFieldAlignment)
                            : tight ? 1 : typeAlignment;
                    maxAlignment = Math.max(maxAlignment, Math.max(alignment, typeShare));
                }
                long firstByte = start / 8;
                long endByte = (start + member.bitWidth() + 7) / 8;
                pieces.add(new Piece(firstByte,
                        MemoryLayout.sequenceLayout(endByte - firstByte, ValueLayout.JAVA_BYTE), null));
                if (union) {
                    unionSize = Math.max(unionSize, endByte);
                } else {
                    bits = start + member.bitWidth();
                }
                continue;
            }
            long offset = union ? 0 : roundUp(roundUp(bits, 8) / 8, alignment);
            if (member.anonymous()) {
                declared.add(new Placed(new CField("", type, offset, offset * 8, 0), false, true, false));
                StructType inner = (StructType) type;
                for (CField field : inner.fields()) {
                    addName(structName, names, field.name());
                    fields.add(new CField(field.name(), field.type(), offset + field.offset(),
                            offset * 8 + field.bitOffset(), field.bitWidth()));
                }
            } else {
                if (member.name() == null) {
                    throw new DeclarationError(structName + ": a member of type " + type.name() + " needs a name");
                }
                addName(structName, names, member.name());
                fields.add(new CField(member.name(), type, offset, offset * 8, 0));
                declared.add(new Placed(fields.getLast(), false, false, false));
            }
            MemoryLayout placed = alignment == storage.byteAlignment() ? storage
                    : alignment < storage.byteAlignment() ? unaligned(storage) : storage.withByteAlignment(alignment);
            pieces.add(new Piece(offset, placed, member.anonymous() ? null : member.name()));
            maxAlignment = Math.max(maxAlignment, alignment);
            if (union) {
                unionSize = Math.max(unionSize, size);
            } else {
                bits = (offset + size) * 8;
            }
        }
        long alignment = Math.max(maxAlignment, explicitAlignment);
        long size = roundUp(union ? unionSize : roundUp(bits, 8) / 8, alignment);
        GroupLayout layout = union ? unionLayout(pieces, size) : structLayout(pieces, size);
        layout = (GroupLayout) layout.withByteAlignment(alignment).withName(structName);
        return new Result(List.copyOf(fields), size, alignment, layout, List.copyOf(declared));
    }

    /**
     * The layout of a value of {@code type} stored in memory: a pointer is a plain address (its target is the
     * reader's business, and a struct pointing to itself must not nest its own layout), an array a sequence of
     * such layouts, anything else its own layout.
     *
     * @throws UnsupportedOperationException for {@code void}
     * @throws DeclarationError for an incomplete struct or an opaque type of unknown size
     */
    public static MemoryLayout storageLayout(CType type) {
        return switch (type.kind()) {
            case POINTER, STRING, FUNCTION_POINTER -> ValueLayout.ADDRESS;
            case ARRAY -> {
                ArrayType array = (ArrayType) type;
                yield MemoryLayout.sequenceLayout(array.count(), storageLayout(array.element()));
            }
            default -> type.layout();
        };
    }

    /** Refuses a member C does not allow whatever its place: void, incomplete or unsized, a bad bit-field. */
    public static void check(String structName, Member member) {
        checkStorable(structName, member);
        if (member.bitWidth() >= 0) {
            checkBitField(structName, member);
        }
        if (member.bitWidth() < 0 && !member.anonymous() && member.name() == null) {
            throw new DeclarationError(structName + ": a member of type " + member.type().name() + " needs a name");
        }
    }

    private static void checkFlexible(String structName, Member member, boolean last) {
        if (member.type() instanceof ArrayType array && array.isFlexible() && !last) {
            throw new DeclarationError(structName + ": flexible array field '" + member.name()
                    + "' must be the last member");
        }
    }

    private static void checkStorable(String structName, Member member) {
        CType type = member.type();
        String what = member.name() == null ? "a member" : "field '" + member.name() + "'";
        if (type.isVoid()) {
            throw new DeclarationError(structName + ": " + what + " cannot be void");
        }
        if (type instanceof StructType struct && !struct.isComplete()) {
            throw new DeclarationError(structName + ": " + what + " has incomplete type " + struct.name()
                    + "; a struct can hold a pointer to an incomplete type, not the type itself");
        }
        if (type.kind() == CType.Kind.OPAQUE && !((epsilon.foreign.marshalling.OpaqueType) type).hasSize()) {
            throw new DeclarationError(structName + ": " + what + " has opaque type " + type.name()
                    + " of unknown size; only a pointer to it can be a field");
        }
    }

    private static void checkBitField(String structName, Member member) {
        CType type = member.type();
        CType.Kind kind = type.kind();
        if (!(kind.isInteger() || kind == CType.Kind.BOOL || kind == CType.Kind.CHAR || kind == CType.Kind.ENUM)) {
            throw new DeclarationError(structName + ": bit-field '" + member.name() + "' must have an integer type,"
                    + " not " + type.name());
        }
        long typeBits = type.byteSize() * 8;
        if (member.bitWidth() > typeBits) {
            throw new DeclarationError(structName + ": bit-field '" + member.name() + "' is " + member.bitWidth()
                    + " bits wide, wider than its type " + type.name() + " (" + typeBits + " bits)");
        }
        if (member.bitWidth() == 0 && member.name() != null) {
            throw new DeclarationError(structName + ": zero-width bit-field '" + member.name() + "' must be unnamed");
        }
    }

    private static void addName(String structName, Set<String> names, String name) {
        if (!names.add(name)) {
            throw new DeclarationError(structName + ": duplicate field '" + name + "'");
        }
    }

    private static StructLayout structLayout(List<Piece> pieces, long size) {
        List<MemoryLayout> members = new ArrayList<>();
        long at = 0;
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingLong(Piece::offset));
        for (Piece piece : sorted) {
            long end = piece.offset() + piece.layout().byteSize();
            if (end <= at) {
                continue; // a bit-field sharing bytes already covered
            }
            long start = Math.max(piece.offset(), at);
            if (start > at) {
                members.add(MemoryLayout.paddingLayout(start - at));
            }
            MemoryLayout layout = start == piece.offset() ? piece.layout()
                    : MemoryLayout.sequenceLayout(end - start, ValueLayout.JAVA_BYTE); // the rest of shared storage
            if (start % layout.byteAlignment() != 0) {
                layout = unaligned(layout);
            }
            members.add(piece.name() == null ? layout : layout.withName(piece.name()));
            at = end;
        }
        if (size > at) {
            members.add(MemoryLayout.paddingLayout(size - at));
        }
        return MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new));
    }

    private static GroupLayout unionLayout(List<Piece> pieces, long size) {
        List<MemoryLayout> members = new ArrayList<>();
        long largest = 0;
        for (Piece piece : pieces) {
            members.add(piece.name() == null ? piece.layout() : piece.layout().withName(piece.name()));
            largest = Math.max(largest, piece.layout().byteSize());
        }
        if (size > largest) {
            members.add(MemoryLayout.paddingLayout(size));
        }
        return MemoryLayout.unionLayout(members.toArray(MemoryLayout[]::new));
    }

    /** The layout with every alignment constraint dropped to 1, recursively (packed members). */
    public static MemoryLayout unaligned(MemoryLayout layout) {
        MemoryLayout bare = switch (layout) {
            case StructLayout s -> MemoryLayout.structLayout(s.memberLayouts().stream().map(LayoutEngine::unaligned)
                    .toArray(MemoryLayout[]::new));
            case GroupLayout u -> MemoryLayout.unionLayout(u.memberLayouts().stream().map(LayoutEngine::unaligned)
                    .toArray(MemoryLayout[]::new));
            case SequenceLayout q -> MemoryLayout.sequenceLayout(q.elementCount(), unaligned(q.elementLayout()));
            default -> layout;
        };
        bare = layout.name().map(bare::withName).orElse(bare);
        return bare.withByteAlignment(1);
    }

    /** {@code value} rounded up to a multiple of {@code alignment}. */
    public static long roundUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
