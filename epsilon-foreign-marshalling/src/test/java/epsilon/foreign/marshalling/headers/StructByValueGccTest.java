package epsilon.foreign.marshalling.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structs by value whose memory layout the FFM linker refuses: those passed by a layout of the same size and class,
 * through a library gcc compiled (the values must arrive), and those refused by name and reason, never by a JDK
 * exception.
 */
class StructByValueGccTest {
    /**
     * Structs with bit-fields, padding, packing or alignment the linker's rules do not expect: most have a memory
     * layout it refuses or classes otherwise than gcc; each must arrive as gcc passes it.
     */
    static final String PASSED = """
            typedef struct { char c; int : 0; char d; } zero_width;
            typedef struct { int a : 3; int b : 7; } bits;
            typedef struct { char c; int a : 3; } char_then_bits;
            typedef struct { float a; int b : 5; } float_and_bits;
            typedef struct { double d; int a : 3; } double_then_bits;
            typedef struct { float a; float b; int c : 4; } floats_then_bits;
            typedef struct { _Bool flag : 1; unsigned int rest : 7; _Bool other : 1; } bool_bits;
            typedef struct { char a; int : 12; char b; } unnamed_bits;
            typedef struct { unsigned long long a : 40; unsigned long long b : 40; } wide_bits;
            typedef struct __attribute__((packed)) { int a; int b; } packed_aligned;
            typedef struct __attribute__((packed)) { double d; double e; } packed_doubles;
            typedef struct { float a; long : 0; float b; } float_gap;
            typedef struct { float a; int : 8; } float_unnamed;
            typedef struct { int : 32; int : 32; float b; } unnamed_then_float;
            typedef struct { char c; } __attribute__((aligned(8))) aligned_char;
            typedef struct { float f; } __attribute__((aligned(8))) aligned_float;
            typedef union { unsigned int a : 5; unsigned char b; } bit_union;
            typedef union { double d; char : 0; } union_zero_width;
            typedef int aligned_int __attribute__((aligned(8)));
            typedef struct { char c; aligned_int i; } holds_aligned_int;
            typedef struct { struct { short s : 9; } inner; float f; } nested_bits;
            typedef struct { int a : 3; long b; long c; } big_bits;
            typedef struct __attribute__((packed)) { char c[20]; double d; } big_packed;
            typedef struct { _Complex double z; long n; } big_complex;
            typedef struct { short a; struct { int : 16; short b; } inner; } half_word_unit;
            typedef struct { char c; struct { char : 8; char d; } inner; } byte_unit;
            """;

    @Test
    void shouldPassStructsTheLinkerRefusesAsLaidOutAsGccDoes(@TempDir Path work) throws Throwable {
        Assumptions.assumeTrue(NativeLayouts.SYSV_X86_64, "the by-class layouts are System V x86-64's");
        List<String> types = typedefNames(PASSED);
        Path library = GccLayoutTest.Tools.compileLibrary(work, "byvalue", ByValueProbe.library(PASSED, types));
        CHeader header = CHeader.parse(PASSED + ByValueProbe.prototypes(types));
        List<String> wrong = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
            for (String type : types) {
                CPrototype take = header.function("take_" + type);
                assertEquals(Optional.empty(), take.unsupported(), type);
                wrong.addAll(ByValueProbe.mismatches(header, lookup, type));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldPassBitFieldsInTheIntegersThatHoldThem() {
        StructType bits = CHeader.parse("struct bits { int a : 3; int b : 7; };").struct("bits");
        assertEquals(MemoryLayout.structLayout(ValueLayout.JAVA_INT).withName("struct bits"), bits.argumentLayout());
        StructType plain = CHeader.parse("struct plain { int a; double b; };").struct("plain");
        assertEquals(plain.layout(), plain.argumentLayout(), "a layout the linker takes is kept, names and all");
    }

    /** Refused structs: the declaration, and the reason given for it. */
    static final Map<String, String> REFUSED = Map.of(
            "struct p { char c; int x; } __attribute__((packed))", "field 'x' (int) is at offset 1, not a multiple of"
                    + " its alignment 4, so C passes the struct in memory, which no layout asks the FFM linker for",
            "struct m { char c; double d; } __attribute__((packed))", "field 'd' (double) is at offset 1, not a"
                    + " multiple of its alignment 8, so C passes the struct in memory, which no layout asks the FFM"
                    + " linker for",
            "struct w { long double x; }", "field 'x' is long double: Java has no primitive for it and the FFM linker"
                    + " no layout to pass it",
            "struct h { _Float16 h; }", "field 'h' is _Float16: Java has no primitive for it and the FFM linker no"
                    + " layout to pass it",
            "struct q { int x; } __attribute__((aligned(64)))", "its alignment, 64 bytes, is more than the FFM linker"
                    + " supports (8)",
            // gcc classes a union's bit-field as a field of its declared type: here an int at offset 1
            "struct ub { char c; union { int f0 : 20; char f1; } __attribute__((packed)) u; } __attribute__((packed))",
            "field 'u.f0' (int) is at offset 1, not a multiple of its alignment 4, so C passes the struct in memory,"
                    + " which no layout asks the FFM linker for",
            "struct e { }", "it has no bytes",
            // gcc makes a bit-field as wide as an integer, starting aligned in its struct, that integer: misaligned here
            "struct uw { char c; struct { int : 32; char last; } inner; }", "field 'inner.<unnamed>' (int : 32, which"
                    + " gcc places as a 32-bit integer) is at offset 1, not a multiple of its alignment 4, so C passes"
                    + " the struct in memory, which no layout asks the FFM linker for",
            "struct nw { char c; struct { short s : 16; } inner; } __attribute__((packed))", "field 'inner.s' (short"
                    + " : 16, which gcc places as a 16-bit integer) is at offset 1, not a multiple of its alignment 2,"
                    + " so C passes the struct in memory, which no layout asks the FFM linker for");

    @Test
    void shouldRefuseStructsTheLinkerCannotPassAsCDoesNamingTheFieldAndTheReason() {
        Assumptions.assumeTrue(NativeLayouts.SYSV_X86_64, "the reasons given are System V x86-64's");
        for (Map.Entry<String, String> refused : REFUSED.entrySet()) {
            String declaration = refused.getKey();
            String name = declaration.substring(0, declaration.indexOf(" {"));
            String why = name + " by value, which the FFM linker cannot pass: " + refused.getValue();
            CPrototype parameter = CPrototype.parse("int f(int n, " + declaration + " s)");
            assertEquals(Optional.of("parameter 1 (s) is " + why), parameter.unsupported(), declaration);
            DeclarationError call = assertThrows(DeclarationError.class, parameter::descriptor, declaration);
            assertEquals("cannot call f: parameter 1 (s) is " + why, call.getMessage());
            CPrototype result = CPrototype.parse(declaration + " g(void)");
            assertEquals(Optional.of("its result is " + why), result.unsupported(), declaration);
            StructType struct = (StructType) result.returnType();
            DeclarationError layout = assertThrows(DeclarationError.class, struct::argumentLayout, declaration);
            assertEquals(name + " cannot be passed by value: " + refused.getValue(), layout.getMessage());
        }
    }

    /**
     * Small structs gcc passes in memory because a field is misaligned, each refused: a packed field, and a bit-field
     * gcc lays out as a whole integer in a struct placed where that integer is misaligned (the last was found by
     * {@code StructByValuePropertiesTest}).
     */
    static final String IN_MEMORY = """
            typedef struct __attribute__((packed)) { char c; int x; } packed;
            typedef struct { char c; struct { int : 32; char last; } inner; } unnamed_word;
            typedef struct __attribute__((packed)) { char c; struct { int x : 32; } inner; } packed_named_word;
            #pragma pack(push, 1)
            typedef struct { char c; struct { short s : 16; } inner; } pragma_short;
            #pragma pack(pop)
            typedef struct { char f0[1] __attribute__((aligned(4))); struct { int : 32; char glast; } f1; char f2[1]; \
            short f3 : 16; struct { char f4a0[1]; }; } __attribute__((aligned(8))) generated;
            """;

    @Test
    void shouldRefuseStructsGccPassesInMemoryBecauseNoLayoutPassesThemSo(@TempDir Path work) throws Throwable {
        Assumptions.assumeTrue(NativeLayouts.SYSV_X86_64, "the System V x86-64 classification");
        List<String> types = typedefNames(IN_MEMORY);
        assertEquals(5, types.size());
        Path library = GccLayoutTest.Tools.compileLibrary(work, "memory", ByValueProbe.library(IN_MEMORY, types));
        CHeader header = CHeader.parse(IN_MEMORY + ByValueProbe.prototypes(types));
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
            for (String type : types) {
                String why = header.function("take_" + type).unsupported().orElseThrow(() -> new AssertionError(type));
                assertTrue(why.endsWith("so C passes the struct in memory, which no layout asks the FFM linker for"),
                        why);
                // its bytes as a layout the linker takes go in registers; gcc reads the struct from the stack
                int size = (int) ((StructType) header.function("give_" + type).returnType()).byteSize();
                MethodHandle take = Linker.nativeLinker().downcallHandle(lookup.find("take_" + type).orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, MemoryLayout.structLayout(
                                MemoryLayout.sequenceLayout(size, ValueLayout.JAVA_BYTE)), ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_DOUBLE));
                MemorySegment value = arena.allocate(size).fill((byte) 0x5A);
                assertEquals(size, (int) take.invokeWithArguments(value, 1L, 1.0), type);
                MemorySegment seen = lookup.find("seen").orElseThrow().reinterpret(size);
                assertNotEquals(-1, seen.mismatch(value), type + ": the bytes arrived where gcc does not look");
            }
        }
    }

    /** The names {@code typedef ... name;} lines declare, in order. */
    static List<String> typedefNames(String declarations) {
        List<String> names = new ArrayList<>();
        for (String line : declarations.strip().split("\n")) {
            if (line.startsWith("typedef struct") || line.startsWith("typedef union")) {
                names.add(line.substring(line.lastIndexOf(' ') + 1, line.lastIndexOf(';')));
            }
        }
        return names;
    }
}
