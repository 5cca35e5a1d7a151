package epsilon.foreign.marshalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class KnownPrototypesTest {
    @Test
    void shouldShipOver150PrototypesThatAllParseUnderTheirIndexedName() {
        Set<String> names = KnownPrototypes.names();
        assertTrue(names.size() >= 150, "only " + names.size() + " prototypes");
        for (String name : names) {
            CPrototype prototype = KnownPrototypes.require(name);
            assertEquals(name, prototype.name());
            prototype.descriptor(); // every shipped prototype has a linkable descriptor
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldNameOnlyFunctionsTheCLibraryExports() {
        // Exported only by recent glibc versions; everything else must resolve on any glibc.
        Set<String> recent = Set.of("stat", "fstat", "lstat", "explicit_bzero", "reallocarray");
        List<String> missing = KnownPrototypes.names().stream()
                .filter(name -> Linker.nativeLinker().defaultLookup().find(name).isEmpty())
                .filter(name -> !recent.contains(name) && !name.startsWith("epsilon_test_")) // registered by a test
                .toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void shouldKnowCommonFunctions() {
        CPrototype strlen = KnownPrototypes.require("strlen");
        assertEquals(CType.SIZE_T, strlen.returnType());
        assertEquals(List.of(CType.STRING), strlen.parameterTypes());

        CPrototype sqrt = KnownPrototypes.lookup("sqrt").orElseThrow();
        assertEquals(CPrototype.of("sqrt", CType.DOUBLE, CType.DOUBLE).descriptor(), sqrt.descriptor());

        CPrototype snprintf = KnownPrototypes.require("snprintf");
        assertTrue(snprintf.variadic());
        assertEquals(List.of(CType.STRING, CType.SIZE_T, CType.STRING), snprintf.parameterTypes());

        CPrototype strtol = KnownPrototypes.require("strtol");
        assertEquals(List.of(CType.STRING, CType.pointerTo(CType.STRING), CType.INT), strtol.parameterTypes());

        assertInstanceOf(StructType.class, KnownPrototypes.require("ldiv").returnType());
        assertInstanceOf(FunctionPointerType.class, KnownPrototypes.require("signal").returnType());
        assertEquals(CType.arrayOf(CType.INT, 2), KnownPrototypes.require("pipe").parameterTypes().get(0));
        assertEquals(CType.PID_T, KnownPrototypes.require("getpid").returnType());
    }

    @Test
    void shouldParseEachPrototypeOnceAndReturnTheSameInstance() {
        assertSame(KnownPrototypes.require("memcpy"), KnownPrototypes.require("memcpy"));
    }

    @Test
    void shouldCallAShippedPrototypeThroughRealLibc() throws Throwable {
        CPrototype toupper = KnownPrototypes.require("toupper");
        MethodHandle handle = Libc.handle(toupper.name(), toupper.descriptor());
        assertEquals((int) 'A', (int) handle.invokeExact((int) 'a'));
        CPrototype strlen = KnownPrototypes.require("strlen");
        MethodHandle length = Libc.handle(strlen.name(), strlen.descriptor());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = (MemorySegment) Marshal.toForeign("database", strlen.parameterTypes().get(0), arena);
            assertEquals(8L, (long) length.invokeExact(text));
        }
    }

    @Test
    void shouldReportUnknownNames() {
        assertFalse(KnownPrototypes.lookup("frobnicate").isPresent());
        UnknownPrototypeError error = assertThrows(UnknownPrototypeError.class, () -> KnownPrototypes.require("frobnicate"));
        assertTrue(error.getMessage().startsWith("no known prototype for 'frobnicate'; declare it with a prototype string"),
                error.getMessage());
        assertEquals("frobnicate", error.functionName().orElseThrow());
        assertInstanceOf(ForeignError.class, error);
    }

    @Test
    void shouldRegisterPrototypes() {
        CPrototype registered = KnownPrototypes.register("int epsilon_test_add(int a, int b)");
        assertSame(registered, KnownPrototypes.require("epsilon_test_add"));
        assertTrue(KnownPrototypes.names().contains("epsilon_test_add"));
        KnownPrototypes.register("long epsilon_test_add(long a, long b)");
        assertEquals(CType.LONG, KnownPrototypes.require("epsilon_test_add").returnType());
        ParseError bad = assertThrows(ParseError.class, () -> KnownPrototypes.register("int (int"));
        assertTrue(bad.getMessage().contains("at 1:"), bad.getMessage());
    }

    @Test
    void shouldBeSafeToLookUpFromManyThreads() throws Exception {
        List<String> names = new ArrayList<>(KnownPrototypes.names());
        Set<CPrototype> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> names.forEach(n -> seen.add(KnownPrototypes.require(n)))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        // Prototypes are records: equal parses of one line collapse into one set element per name.
        assertEquals(names.size(), seen.stream().map(CPrototype::name).distinct().count());
    }

    @Test
    void shouldFindTheFunctionNameWithoutParsing() {
        assertEquals("strlen", KnownPrototypes.functionName("size_t strlen(const char *s);"));
        assertEquals("signal", KnownPrototypes.functionName("void (*signal(int sig, void (*h)(int)))(int);"));
        assertEquals("malloc", KnownPrototypes.functionName("void *malloc (size_t size);"));
    }
}
