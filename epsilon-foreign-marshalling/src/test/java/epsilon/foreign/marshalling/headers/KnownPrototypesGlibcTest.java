package epsilon.foreign.marshalling.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FunctionPointerType;
import epsilon.foreign.marshalling.KnownPrototypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped table of libc and libm prototypes against the system's own headers, read by the front end: every
 * function the headers declare has the same number of parameters, types the ABI passes the same way, and the same
 * nonnull parameters, so a call by name alone is checked as glibc would have it checked.
 */
class KnownPrototypesGlibcTest {
    private static final String[] HEADERS = {"string.h", "strings.h", "stdlib.h", "stdio.h", "ctype.h", "math.h",
        "time.h", "sys/time.h", "unistd.h", "fcntl.h", "sys/stat.h", "sys/mman.h", "dirent.h", "signal.h", "errno.h",
        "dlfcn.h", "locale.h", "wchar.h", "arpa/inet.h", "inttypes.h"};

    @Test
    void shouldAgreeWithGlibcsHeadersOnTypesAndNonnull() {
        GccLayoutTest.Tools.assumeHeaders("string.h", "stdlib.h", "stdio.h", "math.h", "unistd.h");
        CHeader glibc = CHeader.options().define("_GNU_SOURCE").include(HEADERS);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (String name : KnownPrototypes.names()) {
            CPrototype known = KnownPrototypes.require(name);
            Optional<CPrototype> declared = glibc.findFunction(name);
            if (declared.isEmpty()) {
                continue; // a macro in this glibc, or declared by a header not listed
            }
            compared++;
            CPrototype header = declared.get();
            FunctionPointerType asDeclared = (FunctionPointerType) CType.functionPointer(header);
            if (!asDeclared.accepts(known)) {
                disagreements.add(known + " vs glibc's " + header);
            }
            if (!Arrays.equals(known.nonnullParameters(), header.nonnullParameters())) {
                disagreements.add(name + ": nonnull " + Arrays.toString(known.nonnullParameters()) + " vs glibc's "
                        + Arrays.toString(header.nonnullParameters()));
            }
        }
        assertTrue(compared > 250, "only " + compared + " known prototypes found in glibc's headers");
        assertEquals(List.of(), disagreements);
    }
}
