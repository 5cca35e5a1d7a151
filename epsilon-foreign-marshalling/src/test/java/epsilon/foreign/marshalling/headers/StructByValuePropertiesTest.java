package epsilon.foreign.marshalling.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Assumptions;

/**
 * Generated struct and union definitions ({@link StructDeclarations}) passed by value: the marshalling module
 * either names why a struct cannot be passed, or gives a descriptor the FFM linker links, never leaving the JDK's
 * {@link IllegalArgumentException} to a caller; and what it passes, gcc receives.
 */
class StructByValuePropertiesTest {
    @Property(tries = 500)
    void shouldLinkEveryStructItPassesOrSayWhyNot(@ForAll("oneStruct") String declaration) {
        CHeader header;
        try {
            header = CHeader.parse(declaration + "int f(t s);\nt g(void);\n");
        } catch (ForeignError unreadable) {
            Statistics.label("outcome").collect("unreadable: " + unreadable.getClass().getSimpleName());
            return;
        }
        StructType struct = (StructType) header.function("g").returnType();
        for (CPrototype prototype : List.of(header.function("f"), header.function("g"))) {
            String place = prototype.name().equals("f") ? "parameter 0 (s)" : "its result";
            if (prototype.unsupported().isPresent()) {
                String why = prototype.unsupported().orElseThrow();
                assertTrue(why.startsWith(place + " is t by value, which the FFM linker cannot pass: "), why);
                DeclarationError refused = assertThrows(DeclarationError.class, prototype::descriptor);
                assertEquals("cannot call " + prototype.name() + ": " + why, refused.getMessage());
                Statistics.label("outcome").collect("refused");
            } else {
                FunctionDescriptor descriptor = prototype.descriptor();
                Linker.nativeLinker().downcallHandle(descriptor);
                MemoryLayout passed = prototype.name().equals("f") ? descriptor.argumentLayouts().getFirst()
                        : descriptor.returnLayout().orElseThrow();
                assertEquals(struct.byteSize(), passed.byteSize(), declaration);
                assertTrue(passed.byteAlignment() >= struct.byteAlignment(), declaration);
                Statistics.label("outcome").collect(passed == struct.layout() ? "linked as laid out"
                        : "linked by class");
            }
        }
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("refused").count(n -> n >= 10);
            coverage.check("linked as laid out").count(n -> n >= 50);
            coverage.check("linked by class").count(n -> n >= 20);
        });
    }

    @Property(tries = 8)
    void shouldPassWhatItLinksAsGccDoes(@ForAll("manyStructs") List<String> declarations) throws Throwable {
        Assumptions.assumeTrue(GccLayoutTest.Tools.available("gcc"), "gcc is not installed");
        Assumptions.assumeTrue(NativeLayouts.SYSV_X86_64, "verified on System V x86-64");
        List<String> types = new ArrayList<>();
        List<CHeader> headers = new ArrayList<>();
        StringBuilder passable = new StringBuilder();
        for (int i = 0; i < declarations.size(); i++) {
            String type = "t" + i;
            CHeader header;
            try {
                header = CHeader.parse(declarations.get(i) + ByValueProbe.prototypes(List.of(type)));
            } catch (ForeignError unreadable) {
                continue;
            }
            if (header.function("take_" + type).unsupported().isEmpty()
                    && header.function("give_" + type).unsupported().isEmpty()) {
                types.add(type);
                headers.add(header);
                passable.append(declarations.get(i));
            }
        }
        // most of the 40 must get through, or the property proves little
        Statistics.label("structs passed").collect(types.size() >= 10 ? "10 or more" : "fewer than 10");
        Statistics.label("structs passed").coverage(coverage -> coverage.check("10 or more").percentage(p -> p >= 80));
        Path work = Files.createTempDirectory("byvalue");
        try (Arena arena = Arena.ofConfined()) {
            Path library = GccLayoutTest.Tools.compileLibrary(work, "generated",
                    ByValueProbe.library(passable.toString(), types));
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                for (String mismatch : ByValueProbe.mismatches(headers.get(i), lookup, types.get(i))) {
                    int index = Integer.parseInt(types.get(i).substring(1));
                    wrong.add(mismatch + " for " + declarations.get(index).strip());
                }
            }
            assertEquals(List.of(), wrong);
        } finally {
            delete(work);
        }
    }

    @Provide
    Arbitrary<String> oneStruct() {
        return StructDeclarations.typedef("t");
    }

    @Provide
    Arbitrary<List<String>> manyStructs() {
        return StructDeclarations.typedef("T").list().ofSize(40).map(list -> {
            List<String> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                named.add(list.get(i).replace(" T;\n", " t" + i + ";\n"));
            }
            return named;
        });
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
