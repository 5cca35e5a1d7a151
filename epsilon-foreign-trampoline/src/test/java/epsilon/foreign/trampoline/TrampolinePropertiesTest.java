package epsilon.foreign.trampoline;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated argument arrays through trampolines of libc functions that take no pointers: each call returns or is a
 * {@link TrampolineArgumentException} naming the mismatch, before C runs; never a JDK exception.
 */
class TrampolinePropertiesTest {
    private record Function(String symbol, FunctionDescriptor descriptor) {}

    private static final List<Function> FUNCTIONS = List.of(
            new Function("labs", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)),
            new Function("abs", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
            new Function("toupper", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
            new Function("ldexp", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE, JAVA_INT)),
            new Function("getpid", FunctionDescriptor.of(JAVA_INT)));

    @Property(tries = 500)
    void argumentsOfAnyTypeAndCountReturnOrAreRefusedBeforeTheCall(@ForAll("functions") Function function,
            @ForAll("argumentLists") List<Object> arguments) {
        MemorySegment address = Linker.nativeLinker().defaultLookup().find(function.symbol()).orElseThrow();
        Trampoline trampoline = Trampolines.of(function.descriptor());
        try {
            trampoline.invoke(address, arguments.toArray());
            trampoline.bind(address).invoke(arguments.toArray());
        } catch (TrampolineArgumentException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), refused::toString);
        }
    }

    @Provide
    Arbitrary<Function> functions() {
        return Arbitraries.of(FUNCTIONS);
    }

    @Provide
    Arbitrary<List<Object>> argumentLists() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of((short) 1, (byte) 2, 'c', 1.5f, true, "text", new int[1], MemorySegment.NULL,
                        new Object()).map(Object.class::cast),
                Arbitraries.just(null))).list().ofMaxSize(3);
    }
}
