package epsilon.foreign.struct.internal;

import epsilon.foreign.struct.Field;
import epsilon.foreign.struct.FieldType;
import epsilon.foreign.struct.StructException;
import epsilon.foreign.struct.StructType;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The C layout rules of the SysV x86-64 and AArch64 ABIs (which agree on everything here): each member at the
 * next offset aligned to its alignment (1 when packed), the struct's alignment the largest of its members' (and
 * any explicit one), its size rounded up to that alignment; a union's members all at 0. Bit-fields go into the
 * storage unit of their declared type when they fit without crossing that type's alignment boundary, otherwise
 * they start at the next one; a zero-width bit-field aligns the next member to its type; named bit-fields raise
 * the struct's alignment to their type's, unnamed ones do not.
 */
public final class LayoutEngine {
    private LayoutEngine() {}

    /**
     * One declared member: a named or unnamed field, a bit-field ({@code bitWidth >= 0}), or an anonymous struct
     * or union whose fields belong to the enclosing one ({@code anonymous}).
     */
    public record Member(String name, FieldType type, int bitWidth, long explicitAlignment, boolean anonymous) {}

    /** The computed layout: fields (anonymous members flattened), size, alignment and the JDK group layout. */
    public record Result(List<Field> fields, long byteSize, long byteAlignment, GroupLayout layout) {}

    public static Result layout(String structName, boolean union, List<Member> members, boolean packed,
                                long explicitAlignment) {
        List<Field> fields = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long bits = 0;
        long maxAlignment = 1;
        long unionSize = 0;
        for (Member member : members) {
            FieldType type = member.type();
            long size = type.layout().byteSize();
            long typeAlignment = type.layout().byteAlignment();
            long alignment = packed ? 1 : Math.max(typeAlignment, member.explicitAlignment());
            if (member.bitWidth() >= 0) {
                checkBitField(structName, member);
                long start = union ? 0 : bits;
                if (member.bitWidth() == 0) {
                    bits = roundUp(bits, typeAlignment * 8);
                    continue;
                }
                if (!packed && start / (typeAlignment * 8) != (start + member.bitWidth() - 1) / (typeAlignment * 8)) {
                    start = roundUp(start, typeAlignment * 8); // would cross its type's boundary: next unit
                }
                if (member.name() != null) {
                    addName(structName, names, member.name());
                    fields.add(new Field(member.name(), type, start / 8, start, member.bitWidth()));
                    maxAlignment = Math.max(maxAlignment, alignment);
                }
                long firstByte = start / 8;
                long endByte = (start + member.bitWidth() + 7) / 8;
                pieces.add(new Piece(firstByte, MemoryLayout.sequenceLayout(endByte - firstByte, ValueLayout.JAVA_BYTE),
                        null));
                if (union) {
                    unionSize = Math.max(unionSize, endByte);
                } else {
                    bits = start + member.bitWidth();
                }
                continue;
            }
            long offset = union ? 0 : roundUp(roundUp(bits, 8) / 8, alignment);
            if (member.anonymous()) {
                StructType inner = ((FieldType.Nested) type).type();
                for (Field field : inner.fields()) {
                    addName(structName, names, field.name());
                    fields.add(new Field(field.name(), field.type(), offset + field.offset(),
                            offset * 8 + field.bitOffset(), field.bitWidth()));
                }
            } else {
                if (member.name() == null) {
                    throw new StructException("struct " + structName + ": a member of type " + type.cName()
                            + " needs a name");
                }
                addName(structName, names, member.name());
                fields.add(new Field(member.name(), type, offset, offset * 8, 0));
            }
            pieces.add(new Piece(offset, type.layout(), member.anonymous() ? null : member.name()));
            maxAlignment = Math.max(maxAlignment, alignment);
            if (union) {
                unionSize = Math.max(unionSize, size);
            } else {
                bits = (offset + size) * 8;
            }
        }
        long alignment = Math.max(maxAlignment, explicitAlignment);
        long size = roundUp(union ? unionSize : roundUp(bits, 8) / 8, alignment);
        GroupLayout layout = union ? unionLayout(pieces, size, packed) : structLayout(pieces, size, packed);
        layout = (GroupLayout) layout.withByteAlignment(alignment).withName(structName);
        return new Result(List.copyOf(fields), size, alignment, layout);
    }

    private record Piece(long offset, MemoryLayout layout, String name) {}

    private static void checkBitField(String structName, Member member) {
        if (!(member.type() instanceof FieldType.Scalar scalar) || !scalar.isInteger()) {
            throw new StructException("struct " + structName + ": bit-field '" + member.name() + "' must have an"
                    + " integer type, not " + member.type().cName());
        }
        long typeBits = scalar.layout().byteSize() * 8;
        if (member.bitWidth() > typeBits) {
            throw new StructException("struct " + structName + ": bit-field '" + member.name() + "' is "
                    + member.bitWidth() + " bits wide, wider than its type " + scalar.cName() + " (" + typeBits
                    + " bits)");
        }
        if (member.bitWidth() == 0 && member.name() != null) {
            throw new StructException("struct " + structName + ": zero-width bit-field '" + member.name()
                    + "' must be unnamed");
        }
    }

    private static void addName(String structName, Set<String> names, String name) {
        if (!names.add(name)) {
            throw new StructException("struct " + structName + ": duplicate field '" + name + "'");
        }
    }

    private static StructLayout structLayout(List<Piece> pieces, long size, boolean packed) {
        List<MemoryLayout> members = new ArrayList<>();
        long at = 0;
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(java.util.Comparator.comparingLong(Piece::offset));
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
                    : MemoryLayout.sequenceLayout(end - start, ValueLayout.JAVA_BYTE); // rest of shared storage
            if (packed || start % layout.byteAlignment() != 0) {
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

    private static GroupLayout unionLayout(List<Piece> pieces, long size, boolean packed) {
        List<MemoryLayout> members = new ArrayList<>();
        long largest = 0;
        for (Piece piece : pieces) {
            MemoryLayout layout = packed ? unaligned(piece.layout()) : piece.layout();
            members.add(piece.name() == null ? layout : layout.withName(piece.name()));
            largest = Math.max(largest, layout.byteSize());
        }
        if (size > largest) {
            members.add(MemoryLayout.paddingLayout(size));
        }
        return MemoryLayout.unionLayout(members.toArray(MemoryLayout[]::new));
    }

    /** The layout with every alignment constraint dropped to 1, recursively (packed structs). */
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

    static long roundUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
