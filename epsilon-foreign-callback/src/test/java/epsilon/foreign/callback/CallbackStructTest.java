package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Structs by value as callback parameters and results, with {@link StructType}s built in Java, in the three ways
 * the x86-64 and AArch64 conventions pass them: in integer registers, split across integer and floating-point
 * registers, and in memory. Each callback is reached through a real downcall to its stub ({@link Callback#call}).
 */
class CallbackStructTest {
    /** 8 bytes: one integer register. */
    static final StructType POINT = StructType.struct("struct point").field("x", "int").field("y", "int").build();
    /** 16 bytes, an int and a double: one integer and one floating-point register on x86-64. */
    static final StructType ENTRY = StructType.struct("struct entry").field("key", "int").field("value", "double")
            .build();
    /** 24 bytes: passed and returned in memory. */
    static final StructType TRIPLE = StructType.struct("struct triple").field("a", "long long")
            .field("b", "long long").field("c", "long long").build();
    /** 12 bytes of floats. */
    static final StructType RGB = StructType.struct("struct rgb").field("r", "float").field("g", "float")
            .field("b", "float").build();

    /** A typed callback over structs by value: each is a segment of the struct's size. */
    public interface EntryUpdate {
        MemorySegment update(MemorySegment entry, int newKey);
    }

    @Test
    void shouldPassAndReturnAStructInIntegerRegisters() {
        List<Long> sizes = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
                Callback mirror = Callbacks.create(args -> {
                    MemorySegment in = (MemorySegment) args[0];
                    sizes.add(in.byteSize());
                    MemorySegment out = Arena.ofAuto().allocate(POINT.layout());
                    out.set(JAVA_INT, POINT.offsetOf("x"), in.get(JAVA_INT, POINT.offsetOf("y")));
                    out.set(JAVA_INT, POINT.offsetOf("y"), in.get(JAVA_INT, POINT.offsetOf("x")));
                    return out;
                }, CPrototype.of(null, POINT, POINT))) {
            MemorySegment mirrored = (MemorySegment) mirror.call(arena.allocateFrom(JAVA_INT, 3, -4));
            assertEquals(List.of(-4, 3), List.of(mirrored.get(JAVA_INT, 0), mirrored.get(JAVA_INT, 4)));
            assertEquals(List.of(8L), sizes, "the parameter is a segment of exactly the struct");
            assertEquals(8, mirrored.byteSize());
        }
    }

    @Test
    void shouldPassAndReturnAMixedStructWithATypedInterface() {
        EntryUpdate rekey = (entry, newKey) -> {
            MemorySegment copy = Arena.ofAuto().allocate(ENTRY.layout()).copyFrom(entry);
            copy.set(JAVA_INT, ENTRY.offsetOf("key"), newKey);
            copy.set(JAVA_DOUBLE, ENTRY.offsetOf("value"), entry.get(JAVA_DOUBLE, ENTRY.offsetOf("value")) * 2);
            return copy;
        };
        try (Arena arena = Arena.ofConfined();
                Callback update = Callbacks.of(EntryUpdate.class, rekey,
                        CPrototype.of(null, ENTRY, ENTRY, CType.INT))) {
            MemorySegment entry = arena.allocate(ENTRY.layout());
            entry.set(JAVA_INT, 0, 7);
            entry.set(JAVA_DOUBLE, 8, 1.25);
            MemorySegment updated = (MemorySegment) update.call(entry, 42);
            assertEquals(42, updated.get(JAVA_INT, 0));
            assertEquals(2.5, updated.get(JAVA_DOUBLE, 8));
            assertEquals(7, entry.get(JAVA_INT, 0), "C passed a copy: the caller's struct is unchanged");
        }
    }

    @Test
    void shouldPassAndReturnAStructInMemory() {
        try (Arena arena = Arena.ofConfined();
                Callback rotate = Callbacks.create(args -> {
                    MemorySegment in = (MemorySegment) args[0];
                    long shift = (Long) args[1];
                    MemorySegment out = Arena.ofAuto().allocate(TRIPLE.layout());
                    for (int i = 0; i < 3; i++) {
                        out.set(JAVA_LONG, 8L * ((i + shift) % 3), in.get(JAVA_LONG, 8L * i));
                    }
                    return out;
                }, CPrototype.of(null, TRIPLE, TRIPLE, CType.SIZE_T))) {
            MemorySegment triple = arena.allocateFrom(JAVA_LONG, Long.MIN_VALUE, 2, Long.MAX_VALUE);
            MemorySegment rotated = (MemorySegment) rotate.call(triple, 1);
            assertEquals(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 2L), List.of(rotated.get(JAVA_LONG, 0),
                    rotated.get(JAVA_LONG, 8), rotated.get(JAVA_LONG, 16)));
        }
    }

    @Test
    void shouldReadAStructOfFloatsNamedInSignatureText() {
        CType.define("struct cb_test_rgb", RGB); // so that C text can name it by value
        try (Arena arena = Arena.ofConfined();
                Callback brightness = Callbacks.create(args -> {
                    MemorySegment color = (MemorySegment) args[0];
                    return color.get(JAVA_FLOAT, RGB.offsetOf("r")) + color.get(JAVA_FLOAT, RGB.offsetOf("g"))
                            + color.get(JAVA_FLOAT, RGB.offsetOf("b"));
                }, "float brightness(struct cb_test_rgb color)")) {
            assertEquals(RGB, brightness.signature().parameterTypes().getFirst());
            assertEquals(1.75f, brightness.call(arena.allocateFrom(JAVA_FLOAT, 0.25f, 0.5f, 1.0f)));
        }
    }

    @Test
    void shouldRefuseAStructOfTheWrongSizeAndGiveCAZeroedOrTheDeclaredOne() {
        List<Throwable> failures = new ArrayList<>();
        CallbackOption record = CallbackOption.onFailure(failure -> failures.add(failure.error()));
        try (Arena arena = Arena.ofConfined();
                Callback shortOne = Callbacks.create(args -> Arena.ofAuto().allocate(4), CPrototype.of(null, POINT),
                        record);
                Callback notASegment = Callbacks.create(args -> new int[] {1, 2}, CPrototype.of(null, POINT),
                        record, CallbackOption.defaultResult(arena.allocateFrom(JAVA_INT, -1, -1)))) {
            MemorySegment zeroed = (MemorySegment) shortOne.call();
            assertEquals(List.of(0, 0), List.of(zeroed.get(JAVA_INT, 0), zeroed.get(JAVA_INT, 4)));
            MemorySegment declared = (MemorySegment) notASegment.call();
            assertEquals(List.of(-1, -1), List.of(declared.get(JAVA_INT, 0), declared.get(JAVA_INT, 4)));
        }
        assertEquals(2, failures.size());
        assertInstanceOf(ConversionError.class, failures.get(0));
        assertEquals("the result of callback struct point (*)(void): the segment has 4 bytes but struct point has 8",
                failures.get(0).getMessage());
        assertInstanceOf(ArgumentTypeError.class, failures.get(1));
        assertEquals("the result of callback struct point (*)(void): expected C type struct point (a MemorySegment"
                + " holding its 8 bytes) but got int[] of length 2", failures.get(1).getMessage());

        CallbackSignatureError unfit = assertThrows(CallbackSignatureError.class, () -> Callbacks.create(args -> null,
                CPrototype.of(null, POINT), CallbackOption.defaultResult(MemorySegment.ofArray(new byte[3]))));
        assertEquals("the default result of struct point (*)(void): the segment has 3 bytes but struct point has 8",
                unfit.getMessage());
    }
}
