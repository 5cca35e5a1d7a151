package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.CEnum;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.Marshal;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one conversion rule set: a C spelling means the same Java type, and a value is refused with the same error and
 * message, in a callback's parameter or result as in a call. Each callback is called through its C pointer: with
 * {@link Callback#call} (a real downcall converting Java arguments as a call does), or with a raw downcall handle
 * that passes C's own bits, to see exactly what C sends and receives.
 */
class CallbackConversionTest {
    /** The failures handed to the callbacks' own handler: a refused result is a failure of the callback. */
    private final List<Throwable> failures = new ArrayList<>();
    private final CallbackOption recordFailures = CallbackOption.onFailure(failure -> failures.add(failure.error()));

    @AfterEach
    void nothingLeftPending() {
        assertFalse(CallbackFailures.clearPending().isPresent(), "every failure was handled by its test");
    }

    /** Calls {@code callback} as C code would: its pointer through a downcall of {@code descriptor}, C's own bits. */
    private static Object callFromC(Callback callback, FunctionDescriptor descriptor, Object... carriers) {
        Object[] arguments = new Object[carriers.length + 1];
        arguments[0] = callback.pointer();
        System.arraycopy(carriers, 0, arguments, 1, carriers.length);
        try {
            return Linker.nativeLinker().downcallHandle(descriptor).invokeWithArguments(arguments);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code value} arrived as {@code expected}, which is what a call gives for {@code type}: its Java type. */
    private static void assertArrivedAs(Class<?> expected, Object value, CType type) {
        assertEquals(expected, value.getClass(), type.name());
        assertEquals(expected, MethodType.methodType(type.javaType()).wrap().returnType(),
                "a call gives " + type.name() + " as the same Java type");
    }

    /**
     * {@code refused} (a callback's result or argument refusal) is the error a call raises for {@code value} as an
     * argument of {@code type}: the same class and the same message after the part saying where the value went.
     */
    private static void assertRefusedAsACallRefuses(Throwable refused, Object value, CType type) {
        try (Arena arena = Arena.ofConfined()) {
            ForeignError byCall = assertThrows(ForeignError.class, () -> Marshal.toForeign(value, type, arena, "f", 0));
            assertEquals(byCall.getClass(), refused.getClass(), refused.getMessage());
            assertEquals(byCall.getMessage().substring("argument 0 of f: ".length()),
                    refused.getMessage().substring(refused.getMessage().indexOf(": ") + 2));
        }
    }

    @Test
    void shouldWidenUnsignedIntAndRefuseANegativeResult() {
        List<Object> seen = new ArrayList<>();
        try (Callback echo = Callbacks.create(args -> {
            seen.add(args[0]);
            return args[0];
        }, "unsigned int (*)(unsigned int)")) {
            assertEquals(4294967295L, echo.call(4294967295L));
            assertEquals(-1, callFromC(echo, FunctionDescriptor.of(JAVA_INT, JAVA_INT), -1), "C got 0xFFFFFFFF back");
            assertEquals(List.of(4294967295L, 4294967295L), seen, "C's 0xFFFFFFFF is 4294967295, not -1");
            assertArrivedAs(Long.class, seen.getFirst(), CType.parse("unsigned int"));
            ConversionError argument = assertThrows(ConversionError.class, () -> echo.call(-1L));
            assertEquals("argument 0 of callback #" + echo.id() + " unsigned int (*)(unsigned int): -1 does not fit C"
                    + " type unsigned int (range 0..4294967295)", argument.getMessage());
            assertRefusedAsACallRefuses(argument, -1L, CType.UNSIGNED_INT);
        }

        try (Callback negative = Callbacks.create(args -> -1L, "unsigned int (*)(void)")) {
            assertEquals(0, callFromC(negative, FunctionDescriptor.of(JAVA_INT)), "C got the default");
            ConversionError result = assertThrows(ConversionError.class, CallbackFailures::rethrowIfPending);
            assertEquals("the result of callback unsigned int (*)(void): -1 does not fit C type unsigned int"
                    + " (range 0..4294967295)", result.getMessage());
            assertRefusedAsACallRefuses(result, -1L, CType.UNSIGNED_INT);
        }
        try (Callback declared = Callbacks.create(args -> -1L, "unsigned int (*)(void)", recordFailures,
                CallbackOption.defaultResult(7L))) {
            assertEquals(7L, declared.call(), "C got the declared default");
            assertInstanceOf(ConversionError.class, failures.getFirst());
        }
    }

    @Test
    void shouldBindUnsignedIntToItsJavaTypeOrItsRawBits() {
        String signature = "unsigned int (*)(unsigned int)";
        List<Long> widened = new ArrayList<>();
        try (Callback plusOne = Callbacks.of(LongUnaryOperator.class, x -> {
            widened.add(x);
            return x + 1;
        }, signature, recordFailures);
                Callback raw = Callbacks.of(IntUnaryOperator.class, bits -> bits - 1, signature)) {
            assertEquals(4294967295L, plusOne.call(4294967294L));
            assertEquals(0L, plusOne.call(4294967295L), "4294967296 does not fit: C got the default 0");
            assertEquals(List.of(4294967294L, 4294967295L), widened, "a long parameter gets the value");
            assertEquals("the result of callback unsigned int (*)(unsigned int): 4294967296 does not fit C type"
                    + " unsigned int (range 0..4294967295)", failures.getFirst().getMessage());
            assertEquals(4294967295L, raw.call(0L), "an int parameter gets the bits: 0 - 1 is 0xFFFFFFFF");
        }
    }

    @Test
    void shouldPassSignedCharAsAByteAndRefuseAResultOutOfItsRange() {
        List<Object> seen = new ArrayList<>();
        try (Callback negate = Callbacks.create(args -> {
            seen.add(args[0]);
            return -(Byte) args[0];
        }, "signed char (*)(signed char)");
                Callback wide = Callbacks.create(args -> 200, "signed char (*)(void)", recordFailures)) {
            assertEquals((byte) 5, negate.call((byte) -5));
            assertEquals((byte) 127, callFromC(negate, FunctionDescriptor.of(JAVA_BYTE, JAVA_BYTE), (byte) -127));
            assertEquals(List.of((byte) -5, (byte) -127), seen);
            assertArrivedAs(Byte.class, seen.getFirst(), CType.parse("signed char"));

            assertEquals((byte) 0, wide.call());
            assertEquals("the result of callback signed char (*)(void): 200 does not fit C type signed char (range"
                    + " -128..127)", failures.getFirst().getMessage());
            assertRefusedAsACallRefuses(failures.getFirst(), 200, CType.SIGNED_CHAR);
        }
    }

    @Test
    void shouldPassUnsignedLongLongAsItsRawBitsAndRefuseWhatDoesNotFit() {
        List<Object> seen = new ArrayList<>();
        BigInteger largest = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        try (Callback echo = Callbacks.create(args -> {
            seen.add(args[0]);
            return args[0];
        }, "unsigned long long (*)(unsigned long long)")) {
            assertEquals(-1L, echo.call(largest), "18446744073709551615 as a BigInteger");
            assertEquals(-1L, callFromC(echo, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), -1L));
            assertEquals(List.of(-1L, -1L), seen, "a Long of the raw bits: Java has no wider primitive");
            assertEquals("18446744073709551615", Long.toUnsignedString((Long) seen.getFirst()));
            assertArrivedAs(Long.class, seen.getFirst(), CType.parse("unsigned long long"));
        }
        Object[] unfit = {BigInteger.TWO.pow(64), -1};
        for (Object result : unfit) {
            failures.clear();
            try (Callback returning = Callbacks.create(args -> result, "unsigned long long (*)(void)",
                    recordFailures)) {
                assertEquals(0L, returning.call(), result + ": C got the default");
                assertRefusedAsACallRefuses(failures.getFirst(), result, CType.UNSIGNED_LONG_LONG);
            }
        }
        assertEquals("the result of callback unsigned long long (*)(void): -1 does not fit C type unsigned long"
                + " long (range 0..18446744073709551615; negative values are rejected unless given as the raw bits in"
                + " a Long)", failures.getFirst().getMessage());
    }

    @Test
    void shouldPassSizeTAsALongAndRefuseANegativeResult() {
        List<Object> seen = new ArrayList<>();
        try (Callback twice = Callbacks.create(args -> {
            seen.add(args[0]);
            return 2 * (Long) args[0];
        }, "size_t twice(size_t n)");
                Callback negative = Callbacks.create(args -> -1, "size_t (*)(void)", recordFailures)) {
            assertEquals(6L, twice.call(3), "an Integer argument widens, as in a call");
            assertEquals(List.of(3L), seen);
            assertArrivedAs(Long.class, seen.getFirst(), CType.parse("size_t"));

            assertEquals(0L, negative.call());
            assertEquals("the result of callback size_t (*)(void): -1 does not fit C type size_t (range"
                    + " 0..18446744073709551615; negative values are rejected unless given as the raw bits in a Long)",
                    failures.getFirst().getMessage());
            assertRefusedAsACallRefuses(failures.getFirst(), -1, CType.SIZE_T);
        }
    }

    @Test
    void shouldPassFloatAndRefuseAResultBeyondItsRange() {
        List<Object> seen = new ArrayList<>();
        try (Callback tenth = Callbacks.create(args -> {
            seen.add(args[0]);
            return 0.1; // a Double rounds to the nearest float, as a call argument does
        }, "float (*)(float)");
                Callback huge = Callbacks.create(args -> 1e300, "float (*)(void)", recordFailures);
                Callback inexact = Callbacks.create(args -> 16_777_217, "float (*)(void)", recordFailures)) {
            assertEquals(0.1f, tenth.call(2.5f));
            assertEquals(0.1f, callFromC(tenth, FunctionDescriptor.of(JAVA_FLOAT, JAVA_FLOAT), 0.5f));
            assertEquals(List.of(2.5f, 0.5f), seen);
            assertArrivedAs(Float.class, seen.getFirst(), CType.parse("float"));

            assertEquals(0.0f, huge.call());
            assertEquals(0.0f, inexact.call());
            assertEquals(List.of("the result of callback float (*)(void): 1.0E300 does not fit C type float (beyond the"
                    + " float range of +-3.4028235E38)", "the result of callback float (*)(void): 16777217 does not"
                    + " fit C type float (not exactly representable; nearest float is 1.6777216E7)"),
                    failures.stream().map(Throwable::getMessage).toList());
            assertRefusedAsACallRefuses(failures.get(0), 1e300, CType.FLOAT);
            assertRefusedAsACallRefuses(failures.get(1), 16_777_217, CType.FLOAT);
        }
    }

    /** A typed callback over C text: declares it as Java text. */
    public interface TextLength {
        int length(String text);
    }

    /** The same C text as the raw pointer, for code that wants the bytes. */
    public interface RawText {
        int length(MemorySegment text);
    }

    @Test
    void shouldPassCharPointersAsStringsOrAsTheRawPointer() {
        List<Object> seen = new ArrayList<>();
        CallbackFunction record = args -> {
            seen.add(args[0]);
            return args[0] == null ? -1 : ((String) args[0]).length();
        };
        try (Arena arena = Arena.ofConfined();
                Callback constant = Callbacks.create(record, "int (*)(const char *)");
                Callback mutable = Callbacks.create(record, "int (*)(char *)");
                Callback typed = Callbacks.of(TextLength.class, String::length, "int (*)(const char *)");
                Callback raw = Callbacks.of(RawText.class, text -> text.reinterpret(64).getString(0)
                        .getBytes(StandardCharsets.UTF_8).length, "int (*)(char *)")) {
            assertEquals(5, constant.call("héllo"));
            assertEquals(-1, constant.call((Object) null), "C's NULL is Java's null");
            assertEquals(2, callFromC(mutable, FunctionDescriptor.of(JAVA_INT, ADDRESS), arena.allocateFrom("ok")));
            assertEquals(java.util.Arrays.asList("héllo", null, "ok"), seen, "const or not, char * is UTF-8 text");
            assertArrivedAs(String.class, seen.getFirst(), CType.parse("const char *"));
            assertArrivedAs(String.class, seen.getLast(), CType.parse("char *"));

            assertEquals(5, typed.call("héllo"));
            assertEquals(6, raw.call("héllo"), "the raw pointer holds UTF-8's 6 bytes");
            assertEquals(3, raw.call(arena.allocateFrom("abc")));
        }
    }

    @Test
    void shouldPassBoolAsABooleanAndRefuseAnIntegerResult() {
        List<Object> seen = new ArrayList<>();
        try (Callback not = Callbacks.create(args -> {
            seen.add(args[0]);
            return !(Boolean) args[0];
        }, "bool (*)(bool)");
                Callback numeric = Callbacks.create(args -> 1, "_Bool (*)(void)", recordFailures);
                Callback even = Callbacks.of(IntPredicate.class, x -> x % 2 == 0, "bool (*)(int)")) {
            assertEquals(false, not.call(true));
            assertEquals(true, callFromC(not, FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_BOOLEAN), false));
            assertEquals(List.of(true, false), seen);
            assertArrivedAs(Boolean.class, seen.getFirst(), CType.parse("bool"));
            assertEquals(true, even.call(4));
            assertEquals(false, even.call(7));

            assertEquals(false, numeric.call());
            ArgumentTypeError refused = assertInstanceOf(ArgumentTypeError.class, failures.getFirst());
            assertEquals("the result of callback bool (*)(void): expected C type bool (a Boolean) but got"
                    + " java.lang.Integer 1", refused.getMessage());
            assertRefusedAsACallRefuses(refused, 1, CType.BOOL);
        }
    }

    /** The Java names of {@link #LEVEL}'s keywords, for a typed callback that declares a Java enum. */
    enum Level { LOW, MID, HIGH }

    /** A typed callback over {@code enum level}. */
    public interface Leveller {
        Level next(Level level);
    }

    private static final CType LEVEL = levels();

    private static CType levels() {
        LinkedHashMap<String, Integer> keywords = new LinkedHashMap<>();
        keywords.put("low", 1);
        keywords.put("mid", 5);
        keywords.put("high", 9);
        return CType.enumOf(CEnum.of("level", keywords));
    }

    @Test
    void shouldPassEnumsAsTheirKeywordsByCValue() {
        List<Object> seen = new ArrayList<>();
        try (Callback raise = Callbacks.create(args -> {
            seen.add(args[0]);
            return "high";
        }, CPrototype.of(null, LEVEL, LEVEL));
                Callback typed = Callbacks.of(Leveller.class, level -> level == Level.MID ? Level.HIGH : Level.LOW,
                        CPrototype.of(null, LEVEL, LEVEL))) {
            assertEquals(9, callFromC(raise, FunctionDescriptor.of(JAVA_INT, JAVA_INT), 5), "'high' is 9 to C");
            assertEquals(List.of("mid"), seen, "C's 5 is 'mid'");
            assertArrivedAs(String.class, seen.getFirst(), LEVEL);
            assertEquals("high", raise.call("MID"), "keywords ignore case, as a call's do");

            assertEquals(9, callFromC(typed, FunctionDescriptor.of(JAVA_INT, JAVA_INT), 5), "MID gives HIGH, 9");
            assertEquals(1, callFromC(typed, FunctionDescriptor.of(JAVA_INT, JAVA_INT), 9), "HIGH gives LOW, 1");
        }
        try (Callback unknown = Callbacks.create(args -> "nope", CPrototype.of(null, LEVEL), recordFailures,
                CallbackOption.defaultResult("low"))) {
            assertEquals(1, callFromC(unknown, FunctionDescriptor.of(JAVA_INT)), "C got the default, low");
            assertEquals("the result of callback enum level (*)(void): enum level has no keyword 'nope'; known:"
                    + " [low, mid, high]", failures.getFirst().getMessage());
            assertRefusedAsACallRefuses(failures.getFirst(), "nope", LEVEL);
        }
        try (Callback unnamed = Callbacks.create(args -> args[0], CPrototype.of(null, CType.VOID, LEVEL),
                recordFailures)) {
            callFromC(unnamed, FunctionDescriptor.ofVoid(JAVA_INT), 7);
            assertEquals("enum level has no keyword for value 7; known: {low=1, mid=5, high=9}",
                    failures.getLast().getMessage(), "C passed a value no keyword has");
        }
    }

    @Test
    void shouldPassWcharTAsItsPlatformInteger() {
        assumeTrue(CType.WCHAR_T.byteSize() == 4, "wchar_t is a 32-bit signed int on Linux and macOS");
        List<Object> seen = new ArrayList<>();
        try (Callback upper = Callbacks.create(args -> {
            seen.add(args[0]);
            return Character.toUpperCase((int) (Integer) args[0]);
        }, "wchar_t (*)(wchar_t)");
                Callback wide = Callbacks.create(args -> 5_000_000_000L, "wchar_t (*)(void)", recordFailures)) {
            assertEquals((int) 'É', upper.call('é'), "a Character is accepted, as in a call");
            assertEquals(0x1F600, callFromC(upper, FunctionDescriptor.of(JAVA_INT, JAVA_INT), 0x1F600));
            assertEquals(List.of((int) 'é', 0x1F600), seen);
            assertArrivedAs(Integer.class, seen.getFirst(), CType.parse("wchar_t"));

            assertEquals(0, wide.call());
            assertEquals("the result of callback wchar_t (*)(void): 5000000000 does not fit C type wchar_t (range"
                    + " -2147483648..2147483647)", failures.getFirst().getMessage());
            assertRefusedAsACallRefuses(failures.getFirst(), 5_000_000_000L, CType.WCHAR_T);
        }
    }

    @Test
    void shouldPassTimeTAsItsPlatformInteger() {
        assumeTrue(CType.TIME_T.byteSize() == 8, "time_t is a 64-bit long on Linux and macOS");
        List<Long> seen = new ArrayList<>();
        BigInteger past = BigInteger.TWO.pow(63);
        try (Callback later = Callbacks.of(LongUnaryOperator.class, t -> {
            seen.add(t);
            return t + 60;
        }, "time_t later(time_t when)");
                Callback far = Callbacks.create(args -> past, "time_t (*)(void)", recordFailures)) {
            assertEquals(1_700_000_060L, later.call(1_700_000_000L));
            assertEquals(-1L, callFromC(later, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), -61L));
            assertEquals(List.of(1_700_000_000L, -61L), seen, "time_t is signed");
            assertArrivedAs(Long.class, later.call(0L), CType.parse("time_t")); // as call() gives the result back

            assertEquals(0L, far.call());
            assertEquals("the result of callback time_t (*)(void): 9223372036854775808 does not fit C type time_t"
                    + " (range -9223372036854775808..9223372036854775807)", failures.getFirst().getMessage());
            assertRefusedAsACallRefuses(failures.getFirst(), past, CType.TIME_T);
        }
    }
}
