package epsilon.foreign.marshalling.headers;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes structs by value between Java and a library gcc compiled: for each struct type {@code T}, C functions that
 * take one as the first argument and after five {@code long}s (so that it may go on the stack), with arguments after
 * it, and one that returns it. The struct's bytes, the arguments after it and the returned struct must arrive as
 * sent, in every bit a named field holds (padding need not survive a register).
 */
final class ByValueProbe {
    /** Bytes the C side can record; structs probed are smaller. */
    static final int SEEN = 8192;

    private ByValueProbe() {}

    /** The declarations of the probe functions for each type, to append to the types' C text for {@link CHeader}. */
    static String prototypes(List<String> types) {
        StringBuilder c = new StringBuilder();
        for (String type : types) {
            c.append("int take_").append(type).append('(').append(type).append(" s, long m1, double m2);\n");
            c.append("int take6_").append(type).append("(long a, long b, long c, long d, long e, ").append(type)
                    .append(" s, long m1, double m2);\n");
            c.append(type).append(" give_").append(type).append("(const unsigned char *bytes);\n");
        }
        return c.toString();
    }

    /** The library's C source: the declarations of the types, then the probe functions' definitions. */
    static String library(String declarations, List<String> types) {
        StringBuilder c = new StringBuilder("#include <string.h>\n").append(declarations).append('\n');
        c.append("unsigned char seen[").append(SEEN).append("]; long seen_m1; double seen_m2;\n");
        for (String type : types) {
            String record = "{ memset(seen, 0, sizeof seen); memcpy(seen, &s, sizeof s); seen_m1 = m1; seen_m2 = m2;"
                    + " return (int) sizeof s; }\n";
            c.append("int take_").append(type).append('(').append(type).append(" s, long m1, double m2) ")
                    .append(record);
            c.append("int take6_").append(type).append("(long a, long b, long c, long d, long e, ").append(type)
                    .append(" s, long m1, double m2) { m1 += a + b + c + d + e; ").append(record.substring(1));
            c.append(type).append(" give_").append(type).append("(const unsigned char *bytes) { ").append(type)
                    .append(" s; memcpy(&s, bytes, sizeof s); return s; }\n");
        }
        return c.toString();
    }

    /** What did not arrive as sent when {@code type} went through the library's three functions; empty when all did. */
    static List<String> mismatches(CHeader header, SymbolLookup library, String type) throws Throwable {
        Linker linker = Linker.nativeLinker();
        List<String> wrong = new ArrayList<>();
        StructType struct = (StructType) header.function("give_" + type).returnType();
        byte[] mask = mask(struct);
        MemorySegment seen = library.find("seen").orElseThrow().reinterpret(SEEN);
        MemorySegment m1 = library.find("seen_m1").orElseThrow().reinterpret(8);
        MemorySegment m2 = library.find("seen_m2").orElseThrow().reinterpret(8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(struct.byteSize(), 16);
            for (int i = 0; i < struct.byteSize(); i++) {
                value.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 37 + 11));
            }
            for (String function : new String[] {"take_", "take6_"}) {
                CPrototype prototype = header.function(function + type);
                MethodHandle take = linker.downcallHandle(library.find(prototype.symbol()).orElseThrow(),
                        prototype.descriptor());
                List<Object> arguments = new ArrayList<>(function.equals("take6_") ? List.of(1L, 2L, 3L, 4L, 5L)
                        : List.of());
                arguments.addAll(List.of(value, 0x1234L, 2.5));
                int size = (int) take.invokeWithArguments(arguments);
                long expectedM1 = 0x1234L + (function.equals("take6_") ? 15 : 0);
                if (size != struct.byteSize() || m1.get(ValueLayout.JAVA_LONG, 0) != expectedM1
                        || m2.get(ValueLayout.JAVA_DOUBLE, 0) != 2.5) {
                    wrong.add(function + type + ": sizeof " + size + ", m1 " + m1.get(ValueLayout.JAVA_LONG, 0)
                            + ", m2 " + m2.get(ValueLayout.JAVA_DOUBLE, 0));
                }
                if (!same(value, seen, mask)) {
                    wrong.add(function + type + ": the struct's bytes differ");
                }
            }
            CPrototype give = header.function("give_" + type);
            MethodHandle handle = linker.downcallHandle(library.find(give.symbol()).orElseThrow(), give.descriptor());
            MemorySegment back = (MemorySegment) handle.invokeWithArguments((SegmentAllocator) arena, value);
            if (!same(value, back, mask)) {
                wrong.add("give_" + type + ": the returned struct's bytes differ");
            }
        }
        return wrong;
    }

    private static boolean same(MemorySegment sent, MemorySegment arrived, byte[] mask) {
        for (int i = 0; i < mask.length; i++) {
            if (((sent.get(ValueLayout.JAVA_BYTE, i) ^ arrived.get(ValueLayout.JAVA_BYTE, i)) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The bits of each byte that a named field holds. */
    static byte[] mask(StructType struct) {
        byte[] mask = new byte[(int) struct.byteSize()];
        mark(mask, struct, 0);
        return mask;
    }

    private static void mark(byte[] mask, CType type, long offset) {
        switch (type) {
            case StructType struct -> {
                for (CField field : struct.fields()) {
                    if (field.isBitField()) {
                        for (long bit = offset * 8 + field.bitOffset(); bit < offset * 8 + field.bitOffset()
                                + field.bitWidth(); bit++) {
                            mask[(int) (bit / 8)] |= (byte) (1 << (bit % 8));
                        }
                    } else {
                        mark(mask, field.type(), offset + field.offset());
                    }
                }
            }
            case ArrayType array -> {
                for (long i = 0; i < array.count(); i++) {
                    mark(mask, array.element(), offset + i * array.element().byteSize());
                }
            }
            default -> {
                for (long i = offset; i < offset + type.byteSize(); i++) {
                    mask[(int) i] = (byte) 0xFF;
                }
            }
        }
    }
}
