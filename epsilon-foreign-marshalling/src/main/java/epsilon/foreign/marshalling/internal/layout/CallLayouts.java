package epsilon.foreign.marshalling.internal.layout;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The layout a struct or union passed by value is described to the FFM linker with, or why there is none: the one
 * place that knows what the linker can take. A struct's {@linkplain StructType#layout() memory layout} is exact
 * for reading it, but the linker takes only canonical scalars at naturally aligned offsets, so a packed struct, a
 * bit-field's bytes, padding a {@code :0} bit-field or an {@code aligned} member makes, or an over-aligned struct,
 * is refused with an {@link IllegalArgumentException}. The question here is how C passes the struct, and whether
 * some layout makes the linker pass it the same way.
 *
 * <p>On System V x86-64 (verified against gcc by {@code StructByValueGccTest}) the answer follows the ABI's
 * classification, as gcc computes it: a struct of more than 16 bytes goes in memory, whatever its fields, so any
 * layout of its size and alignment passes it; a smaller one goes in one register per eightbyte, an integer register
 * when the eightbyte holds any integer, pointer or bit-field (named or not), a vector register when it holds only
 * {@code float}s and {@code double}s (padding counts for nothing, and so does a zero-width bit-field in a struct since
 * gcc 12, as in clang: gcc 11 and older passed such a struct otherwise); a union's bit-field, even a zero-width one,
 * counts as a field of its declared type at the union's offset. The linker's own layout is
 * kept when it classifies the same; otherwise each eightbyte becomes integers or floating-point values of its class.
 * A field not aligned to its type (packed) makes gcc pass a small struct in memory, which no layout can ask for, and
 * so does a bit-field gcc made an ordinary integer (8 to 128 bits wide, starting aligned to that width in its own
 * struct) when that struct sits where the integer is misaligned, as an unnamed bit-field's struct may; an
 * eightbyte of padding alone would take no register in C and one in any layout. Elsewhere the memory layout is
 * kept when the linker takes it, and the struct is refused otherwise.
 *
 * <p>Everywhere: a field Java has no carrier for ({@code long double}, {@code _Float16}, {@code __int128}, a vector;
 * on x86-64 only in a struct passed in registers), or an alignment past the largest the linker knows (8), is refused.
 */
public final class CallLayouts {
    /** The bytes the System V x86-64 ABI passes in registers at most; larger structs go in memory. */
    private static final long REGISTER_BYTES = 16;
    /** The largest alignment of any layout the linker takes. */
    private static final long LINKER_ALIGNMENT = Linker.nativeLinker().canonicalLayouts().values().stream()
            .mapToLong(MemoryLayout::byteAlignment).max().orElse(8);
    private static final ValueLayout FLOAT = NativeLayouts.canonical("float");
    private static final ValueLayout DOUBLE = NativeLayouts.canonical("double");

    private CallLayouts() {}

    /**
     * A layout the linker takes and passes as C passes the struct, or the reason there is none.
     *
     * @param layout  the layout for a {@link java.lang.foreign.FunctionDescriptor}, or {@code null}
     * @param refusal why the struct cannot be passed by value, naming the field concerned, or {@code null}
     */
    public record Answer(MemoryLayout layout, String refusal) {}

    /** The System V class of one eightbyte of a struct passed in registers. */
    enum EightByte {
        /** Padding only: no register. */
        NONE,
        /** A floating-point register. */
        SSE,
        /** A general-purpose register; wins over SSE in the same eightbyte. */
        INTEGER;

        EightByte merge(EightByte other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /**
     * The answer for a complete struct or union.
     *
     * @param declared the members of a struct or union as declared and placed ({@link LayoutEngine.Result#declared()})
     */
    public static Answer of(StructType struct, Function<StructType, List<LayoutEngine.Placed>> declared) {
        GroupLayout memory = struct.layout();
        long size = struct.byteSize();
        long alignment = struct.byteAlignment();
        Facts facts = new Facts(size, declared);
        facts.walk(struct, 0, "");
        if (size == 0) {
            return refuse(LinkerRules.EMPTY);
        }
        if (alignment > LINKER_ALIGNMENT) {
            return refuse(facts.opaque != null ? facts.opaque : "its alignment, " + alignment + " bytes, is more than"
                    + " the FFM linker supports (" + LINKER_ALIGNMENT + ")");
        }
        boolean linkable = LinkerRules.problem(memory).isEmpty();
        if (NativeLayouts.SYSV_X86_64 && size > REGISTER_BYTES) {
            return new Answer(linkable ? memory : bytes(struct.name(), size, alignment), null); // in memory
        }
        if (facts.opaque != null) {
            return refuse(facts.opaque);
        }
        if (!NativeLayouts.SYSV_X86_64) {
            return linkable ? new Answer(memory, null) : refuse(facts.misaligned != null ? facts.misaligned
                    : "the FFM linker refuses its layout: " + LinkerRules.problem(memory).orElseThrow());
        }
        if (facts.misaligned != null) {
            return refuse(facts.misaligned + ", so C passes the struct in memory, which no layout asks the FFM linker"
                    + " for");
        }
        for (int i = 0; i < facts.classes.length; i++) {
            if (facts.classes[i] == EightByte.NONE) {
                return refuse("its bytes " + 8 * i + " to " + (Math.min(8 * i + 8, size) - 1) + " hold no field, so C"
                        + " passes them in no register, and the FFM linker has no layout for that");
            }
        }
        if (linkable && Arrays.equals(facts.classes, linkerClasses(memory))) {
            return new Answer(memory, null);
        }
        return byClass(struct.name(), size, facts.classes);
    }

    private static Answer refuse(String reason) {
        return new Answer(null, reason);
    }

    /** A struct of {@code size / alignment} integers of {@code alignment} bytes: for a struct passed in memory. */
    private static MemoryLayout bytes(String name, long size, long alignment) {
        return MemoryLayout.structLayout(MemoryLayout.sequenceLayout(size / alignment,
                NativeLayouts.integralOfSize(alignment))).withName(name);
    }

    /**
     * Each eightbyte as values of its class: integers, or floats and doubles, as wide as the offset, the eightbyte's
     * end and the largest power of two dividing the size allow (so the layout needs no padding and ends where the
     * struct does).
     */
    private static Answer byClass(String name, long size, EightByte[] classes) {
        long widest = Math.min(LINKER_ALIGNMENT, Long.lowestOneBit(size));
        List<MemoryLayout> members = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            long start = 8L * i;
            long end = Math.min(start + 8, size);
            boolean floating = classes[i] == EightByte.SSE;
            if (floating && ((end - start) % FLOAT.byteSize() != 0 || widest < FLOAT.byteSize())) {
                return refuse("its bytes " + start + " to " + (end - 1) + " hold floating-point fields only, which C"
                        + " passes in a vector register, and no float or double the FFM linker takes fills them");
            }
            for (long at = start; at < end; ) {
                long width = widest;
                while (width > 1 && (at % width != 0 || at + width > end)) {
                    width /= 2;
                }
                // a floating eightbyte's offsets and end are multiples of 4, so its widths are 8 or 4
                members.add(!floating ? NativeLayouts.integralOfSize(width) : width == 8 ? DOUBLE : FLOAT);
                at += width;
            }
        }
        MemoryLayout layout = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName(name);
        return LinkerRules.problem(layout).map(problem -> refuse("the FFM linker refuses the layout " + layout
                + " that would pass it as C does: " + problem)).orElse(new Answer(layout, null));
    }

    /** The classes the linker gives a layout it takes, per eightbyte, as its System V classifier does. */
    static EightByte[] linkerClasses(MemoryLayout layout) {
        EightByte[] classes = new EightByte[(int) ((layout.byteSize() + 7) / 8)];
        Arrays.fill(classes, EightByte.NONE);
        classify(layout, 0, classes);
        return classes;
    }

    private static void classify(MemoryLayout layout, long offset, EightByte[] classes) {
        switch (layout) {
            case ValueLayout value -> {
                boolean floating = value.carrier() == float.class || value.carrier() == double.class;
                int index = (int) (offset / 8);
                classes[index] = classes[index].merge(floating ? EightByte.SSE : EightByte.INTEGER);
            }
            case StructLayout struct -> {
                long at = offset;
                for (MemoryLayout member : struct.memberLayouts()) {
                    classify(member, at, classes);
                    at += member.byteSize();
                }
            }
            case GroupLayout union -> union.memberLayouts().forEach(member -> classify(member, offset, classes));
            case SequenceLayout sequence -> {
                long width = sequence.elementLayout().byteSize();
                for (long i = 0; i < sequence.elementCount() && offset + i * width < classes.length * 8L; i++) {
                    classify(sequence.elementLayout(), offset + i * width, classes);
                }
            }
            case PaddingLayout padding -> { }
        }
    }

    /**
     * What C makes of a struct's members, as gcc's {@code classify_argument} walks them: the first field Java has no
     * carrier for, the first field not aligned to its type, and, for a struct of at most {@link #REGISTER_BYTES},
     * each eightbyte's class. The walk is over members as declared, not the flattened fields: a bit-field, named or
     * not, is integer bits in a struct but a field of its declared type in a union, anonymous ones included.
     */
    private static final class Facts {
        final EightByte[] classes;
        final Function<StructType, List<LayoutEngine.Placed>> declared;
        String opaque;
        String misaligned;

        Facts(long size, Function<StructType, List<LayoutEngine.Placed>> declared) {
            this.declared = declared;
            classes = new EightByte[size <= REGISTER_BYTES ? (int) ((size + 7) / 8) : 0];
            Arrays.fill(classes, EightByte.NONE);
        }

        void walk(StructType struct, long offset, String prefix) {
            for (LayoutEngine.Placed placed : declared.apply(struct)) {
                CField member = placed.field();
                String path = prefix + (member.name().isEmpty() ? "<unnamed>" : member.name());
                if (placed.anonymous()) {
                    walk((StructType) member.type(), offset + member.offset(), prefix);
                } else if (placed.bitField() && struct.isUnion()) {
                    member(member.type(), offset, path); // a union's bit-field, even of width 0, is of its type
                } else if (placed.bitField()) {
                    // in a struct, its bits are integer; a zero-width one counts for nothing (gcc 12 on, as clang)
                    long bit = offset * 8 + member.bitOffset();
                    if (placed.wholeUnit() && bit % member.bitWidth() != 0 && misaligned == null) {
                        // gcc made it an ordinary integer, aligned in its struct but not where the struct was put
                        misaligned = "field '" + path + "' (" + member.type().name() + " : " + member.bitWidth()
                                + ", which gcc places as a " + member.bitWidth() + "-bit integer) is at offset "
                                + bit / 8 + ", not a multiple of its alignment " + member.bitWidth() / 8;
                    }
                    mark(bit, member.bitWidth(), EightByte.INTEGER);
                } else {
                    member(member.type(), offset + member.offset(), path);
                }
            }
        }

        private void member(CType type, long offset, String path) {
            switch (type) {
                case StructType struct -> walk(struct, offset, path + ".");
                case ArrayType array -> {
                    long width = array.element().byteSize();
                    // past the registers' bytes, every element is placed and classed as the first is
                    for (long i = 0; i < array.count(); i++) {
                        if (i > 0 && (width == 0 || offset + i * width >= REGISTER_BYTES)) {
                            break;
                        }
                        member(array.element(), offset + i * width, path + "[" + i + "]");
                    }
                }
                case OpaqueType opaque -> {
                    if (this.opaque == null) {
                        String prefix = opaque.name() + ": ";
                        String reason = opaque.reason().startsWith(prefix) ? opaque.reason().substring(prefix.length())
                                : opaque.reason();
                        this.opaque = "field '" + path + "' is " + opaque.name() + ": " + reason;
                    }
                }
                default -> {
                    long width = type.argumentLayout().byteSize();
                    if (offset % width != 0 && misaligned == null) {
                        misaligned = "field '" + path + "' (" + type.name() + ") is at offset " + offset
                                + ", not a multiple of its alignment " + width;
                    }
                    boolean floating = type.kind() == CType.Kind.FLOAT || type.kind() == CType.Kind.DOUBLE;
                    mark(offset * 8, width * 8, floating ? EightByte.SSE : EightByte.INTEGER);
                }
            }
        }

        private void mark(long bitOffset, long bits, EightByte kind) {
            if (bits == 0) {
                return;
            }
            for (long i = bitOffset / 64; i <= (bitOffset + bits - 1) / 64 && i < classes.length; i++) {
                classes[(int) i] = classes[(int) i].merge(kind);
            }
        }
    }
}
