package epsilon.foreign.marshalling.headers;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.OpaqueType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.parse.FrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names a prototype may use without a header ({@code builtin-types.h}, read by the front end itself) against the
 * system's headers as gcc compiles them: every built-in typedef has gcc's {@code sizeof} and {@code _Alignof}, and
 * every built-in struct gcc's size, alignment and offsets.
 */
class BuiltinTypesGccTest {
    private static final String[] HEADERS = {"stddef.h", "stdint.h", "stdarg.h", "wchar.h", "uchar.h", "signal.h",
            "sys/types.h", "time.h", "sys/time.h", "sys/times.h", "utime.h", "sys/resource.h", "sys/uio.h", "poll.h",
            "sys/ioctl.h", "sys/utsname.h", "sys/socket.h", "netinet/in.h", "pthread.h", "locale.h", "stdio.h",
            "dirent.h", "stdlib.h", "inttypes.h", "sys/stat.h", "netdb.h", "sys/un.h", "netinet/in.h", "grp.h", "pwd.h",
            "sys/statvfs.h", "termios.h", "sys/select.h", "arpa/inet.h"};
    /** Keywords to gcc 12, typedefs here only for the older gcc this front end presents itself as. */
    private static final Set<String> GCC_KEYWORDS = Set.of("_Float32", "_Float64", "_Float32x", "_Float64x",
            "_Float128");

    @Test
    void shouldGiveEveryBuiltInTypedefAndStructGccsLayout(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(GccLayoutTest.Tools.available("gcc"), "gcc is not installed: nothing to compare with");
        // stddef.h and stdarg.h are the compiler's own, not in /usr/include: assume only the C library's
        GccLayoutTest.Tools.assumeHeaders(java.util.Arrays.copyOfRange(HEADERS, 3, HEADERS.length));
        Map<String, CType> typedefs = new LinkedHashMap<>();
        FrontEnd.builtins().typedefs().forEach((name, type) -> {
            if (!GCC_KEYWORDS.contains(name) && !(type instanceof OpaqueType) && !type.isVoid()
                    && !(type instanceof StructType struct && !struct.isComplete())) {
                typedefs.put(name, type);
            }
        });
        Map<String, StructType> structs = new LinkedHashMap<>();
        FrontEnd.builtins().structs().forEach((tag, struct) -> {
            if (struct.isComplete()) {
                structs.put(tag, struct);
            }
        });
        String source = GccLayoutTest.program(HEADERS, structs).replace("int main(void) {\n",
                "int main(void) {\n" + typedefLines(typedefs));
        List<String> expected = GccLayoutTest.Tools.runC(work, "#define _GNU_SOURCE 1\n" + source);
        List<String> computed = new ArrayList<>();
        typedefs.forEach((name, type) -> computed.add("type " + name + " " + type.byteSize() + " "
                + type.layout().byteAlignment()));
        computed.addAll(GccLayoutTest.describe(structs));
        GccLayoutTest.assertSameLines(expected, computed);
    }

    private static String typedefLines(Map<String, CType> typedefs) {
        StringBuilder c = new StringBuilder();
        typedefs.keySet().forEach(name -> c.append("  printf(\"type %s %zu %zu\\n\", \"").append(name)
                .append("\", sizeof(").append(name).append("), _Alignof(").append(name).append("));\n"));
        return c.toString();
    }
}
