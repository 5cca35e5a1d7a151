package epsilon.examples;

import epsilon.foreign.CallOption;
import epsilon.foreign.Errno;
import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.ForeignMemory;
import epsilon.foreign.Library;
import epsilon.foreign.NativeType;
import epsilon.foreign.Variadic;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.Callbacks;
import epsilon.foreign.inline.Libc;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.marshalling.CHeader;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.UnknownLibraryError;
import epsilon.foreign.memorypool.Lease;
import epsilon.foreign.memorypool.MemoryPool;
import epsilon.foreign.struct.StructView;
import epsilon.foreign.trampoline.Trampolines;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A walk through Epsilon Foreign: every feature, called against the real C library, each call printed with
 * its result as a user would read it. Run it with README's first command.
 */
public final class Tour {
    private Tour() {}

    public static void main(String[] args) {
        System.out.println("Epsilon Foreign tour on Java " + Runtime.version() + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch"));
        dynamicCalls();
        resolvedFunctions();
        boundInterface();
        compileTimeBinding();
        callOptions();
        memory();
        structs();
        pointers();
        callbacks();
        inline();
        pooledMemory();
        trampolines();
        mistakes();
        System.out.println();
        System.out.println("Benchmarks against raw Panama, JNA and JNR-FFI: see README.md (\"Speed\") for the command"
                + " and benchmarks/results/latest.md for the latest report.");
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void show(String call, Object result) {
        String shown = result instanceof Object[] array ? Arrays.toString(array) : String.valueOf(result);
        System.out.printf("  %-62s => %s%n", call, shown);
    }

    private static void dynamicCalls() {
        section("Level 1: sharedCall, types given at run time");
        show("sharedCall(\"strlen\", \"c\", SIZE_T, [STRING], \"hello\")",
                Foreign.sharedCall("strlen", "c", CType.SIZE_T, List.of(CType.STRING), "hello"));
        show("sharedCall(\"strlen\", \"libc\", \"unsigned-long\", [\":string\"], ...)",
                Foreign.sharedCall("strlen", "libc", "unsigned-long", new String[] {":string"}, "Epsilon"));
        show("sharedCall(\"double pow(double x, double y)\", \"m\", 2.0, 10.0)",
                Foreign.sharedCall("double pow(double x, double y)", "m", 2.0, 10.0));
        show("call(\"labs\", -42L)   // prototype from the known table", Foreign.call("labs", -42L));
        show("call(\"getpid\")", Foreign.call("getpid"));
        show("call(\"getenv\", \"HOME\")", Foreign.call("getenv", "HOME"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            Foreign.sharedCall("int snprintf(char *s, size_t n, const char *fmt, ...)", "c", buffer, 64L,
                    "%s has %d letters, pi ~ %.3f", "epsilon", 7, Math.PI);
            show("snprintf(buf, 64, \"%s has %d letters, pi ~ %.3f\", ...)  // variadic", buffer.getString(0));
            MemorySegment end = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment text = arena.allocateFrom("4096 bytes");
            Object value = Foreign.sharedCall("long strtol(const char *s, char **end, int base)", "c", text, end, 10);
            show("strtol(\"4096 bytes\", &end, 10)", value + ", rest \"" + end.get(ValueLayout.ADDRESS, 0)
                    .reinterpret(16).getString(0) + "\"");
        }
    }

    private static void resolvedFunctions() {
        section("defshared: resolve once, call many times");
        ForeignFunction toupper = Foreign.defshared("int toupper(int c)", "c")
                .withDocumentation("Upper-case one character.");
        show(toupper.prototype() + "  -- " + toupper.documentation(), (char) (int) toupper.invoke((int) 'e'));
        ForeignFunction cos = Foreign.defshared("cos", "m", CType.DOUBLE, CType.DOUBLE);
        show("cos(0.0) from " + cos.library().loadedAs(), cos.invoke(0.0));
        Library libm = Foreign.libOpen("libm");
        show("libOpen(\"libm\").function(\"sqrt\")", "0x" + Long.toHexString(libm.function("sqrt").address()));
    }

    /** Level 2: an interface whose methods are C functions, bound once, as fast as raw Panama. */
    public interface CLibrary {
        @NativeType("size_t")
        long strlen(String s);

        long labs(long j);

        @Errno
        int open(String path, int flags);

        @Variadic(fixed = 3)
        int snprintf(MemorySegment buffer, @NativeType("size_t") long size, String format, int value);
    }

    private static void boundInterface() {
        section("Level 2: bind(interface), generated once, called like Java");
        CLibrary libc = Foreign.bind(CLibrary.class, "c");
        show("libc.strlen(\"bound\")", libc.strlen("bound"));
        show("libc.labs(-7)", libc.labs(-7));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32);
            libc.snprintf(buffer, 32, "answer=%d", 42);
            show("libc.snprintf(buf, 32, \"answer=%d\", 42)  // @Variadic", buffer.getString(0));
        }
        try {
            libc.open("/no/such/file", 0);
        } catch (ForeignError e) {
            show("libc.open(\"/no/such/file\", 0)  // @Errno", e.getMessage());
        }
    }

    private static void compileTimeBinding() {
        section("Level 2 at compile time: @NativeLibrary, a binding javac wrote (epsilon-foreign-optimize)");
        Zlib zlib = ZlibNative.bind();      // Optimize.bind(Zlib.class) finds the same class
        show("zlib.zlibVersion()", zlib.zlibVersion());
        byte[] text = "Epsilon Foreign, bound at compile time. ".repeat(8).getBytes(StandardCharsets.UTF_8);
        long[] length = {zlib.compressBound(text.length)};
        byte[] compressed = new byte[(int) length[0]];
        zlib.compress(compressed, length, text, text.length);
        show("zlib.compress(" + text.length + " bytes)", length[0] + " bytes");
        byte[] restored = new byte[text.length];
        long[] restoredLength = {restored.length};
        zlib.uncompress(restored, restoredLength, compressed, length[0]);
        show("zlib.uncompress(...) equals the original", Arrays.equals(text, restored));
        show("implementation (-Depsilon.optimize=false: Foreign.bind's)", zlib.getClass().getSimpleName());
    }

    private static void callOptions() {
        section("Call options: errno capture, critical, zero-copy arrays");
        ForeignFunction open = Foreign.defshared("int open(const char *path, int flags, ...)", "c",
                CallOption.errno(ErrnoPolicy.THROW));
        try {
            open.invoke("/no/such/file", 0);
        } catch (ForeignError e) {
            show("open(\"/no/such/file\", O_RDONLY) with errno capture", e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        show("with(errno(RETURN)).sharedCall(open ...)", Foreign.with(CallOption.errno(ErrnoPolicy.RETURN))
                .sharedCall("int open(const char *path, int flags, ...)", "c", "/no/such/file", 0));
        byte[] bytes = new byte[6];
        Foreign.defshared("void *memset(void *s, int c, size_t n)", "c", CallOption.zeroCopyArrays())
                .invoke(bytes, '*', 4L);
        show("memset(byte[6], '*', 4) zero-copy into the Java array", new String(bytes).replace('\0', '.'));
    }

    private static void memory() {
        section("foreignAlloc / foreignFree");
        try (ForeignMemory ints = Foreign.foreignAlloc(CType.INT, 4, new int[] {30, 10, 20, 40})) {
            show("foreignAlloc(INT, 4, {30, 10, 20, 40}).get(2)", ints.get(2));
            ints.free();
            try {
                ints.get(0);
            } catch (ForeignError e) {
                show("get(0) after free", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static void structs() {
        section("C headers and structs: one front end, zero-copy views, by value");
        CHeader header = CHeader.parse("""
                #define NAME_LENGTH 8
                struct timeval { __time_t tv_sec; __suseconds_t tv_usec; };
                struct flags { unsigned int ready : 1; unsigned int mode : 3; int level : 4; };
                #pragma pack(push, 1)
                struct record { char tag; unsigned int length; char name[NAME_LENGTH]; };
                #pragma pack(pop)
                """);
        StructType timeval = header.struct("timeval");
        show("CHeader.parse(struct timeval).byteSize(), offsetOf(tv_usec)",
                timeval.byteSize() + ", " + timeval.offsetOf("tv_usec"));
        show("#pragma pack(1) struct record: size, offsetOf(length)", header.struct("record").byteSize() + ", "
                + header.struct("record").offsetOf("length"));
        try (Arena arena = Arena.ofConfined()) {
            StructView now = StructView.allocate(timeval, arena);
            Foreign.call("gettimeofday", now.segment(), null);
            show("gettimeofday(&tv, NULL) into a view", now);
            StructView flags = StructView.allocate(header.struct("flags"), arena).set("mode", 5).set("level", -3);
            show("bit-fields mode=5 level=-3, read back", flags.get("mode") + " " + flags.get("level"));
            StructView record = StructView.allocate(header.struct("record"), arena).set("name", "epsilon");
            show("char name[8] field set and read as text", record.get("name"));
        }
        show("call(\"div\", 17, 5)  // div_t returned by value", ((StructView) Foreign.call("div", 17, 5)).toMap());
        StructType inAddr = StructType.struct("struct in_addr").field("s_addr", "uint32_t").build();
        show("inet_ntoa(Map.of(\"s_addr\", ...))  // struct by value", Foreign.sharedCall("inet_ntoa", "c",
                CType.STRING, List.of(inAddr), Map.of("s_addr", 0x0100007F)));
        try {
            CHeader zlib = CHeader.include("zlib.h");
            show("CHeader.include(\"zlib.h\"): functions, Z_BEST_COMPRESSION", zlib.functionsDeclaredIn("zlib.h").size()
                    + " functions, " + zlib.constant("Z_BEST_COMPRESSION"));
            ForeignFunction compressBound = Foreign.defshared(zlib.function("compressBound"), "z");
            show(compressBound.prototype() + "  // from zlib.h", compressBound.invoke(1000L));
        } catch (ForeignError noZlibHeader) {
            show("CHeader.include(\"zlib.h\")", "zlib.h is not installed here: " + noZlibHeader.getMessage());
        }
    }

    private static void pointers() {
        section("Out-parameters, struct pointers, strings C allocates");
        String[] end = new String[1];
        show("call(\"strtol\", \"42abc\", end, 10); end[0]", Foreign.call("strtol", "42abc", end, 10) + ", \""
                + end[0] + "\"");
        ByReference<Integer> exponent = ByReference.empty(Integer.class);
        show("call(\"frexp\", 6.0, exponent); exponent.get()", Foreign.call("frexp", 6.0, exponent) + ", "
                + exponent.get());
        ByReference<Integer> count = ByReference.empty(Integer.class);
        ByReference<Double> ratio = ByReference.empty(Double.class);
        Foreign.call("sscanf", "7 0.25", "%d %lf", count, ratio);
        show("sscanf(\"7 0.25\", \"%d %lf\", count, ratio)", count.get() + ", " + ratio.get());
        try (Arena arena = Arena.ofConfined()) {
            StructType tm = CHeader.include("time.h").struct("tm");
            StructView out = StructView.allocate(tm, arena);
            Object day = Foreign.sharedCall("gmtime_r", "c", CType.pointerTo(tm),
                    List.of(CType.pointerTo(CType.TIME_T), CType.pointerTo(tm)), new long[] {86_400L * 365}, out);
            show("gmtime_r(&t, view)  // struct tm * in and out, as views", ((StructView) day).get("tm_year")
                    + "-" + ((StructView) day).get("tm_mon") + "-" + ((StructView) day).get("tm_mday"));
        } catch (ForeignError noTimeHeader) {
            show("CHeader.include(\"time.h\")", "the C library's headers are not installed here: "
                    + noTimeHeader.getMessage());
        }
        try {
            ByReference<MemorySegment> db = ByReference.empty(MemorySegment.class);
            int rc = (int) Foreign.sharedCall("int sqlite3_open(const char *name, sqlite3 **db)", "sqlite3",
                    ":memory:", db);
            show("sqlite3_open(\":memory:\", db)  // sqlite3 ** as a ByReference", "rc " + rc + ", db "
                    + (db.get().address() != 0 ? "set" : "NULL"));
            ForeignFunction mprintf = Foreign.defshared("char *sqlite3_mprintf(const char *format, ...)", "sqlite3",
                    CallOption.freedWith("sqlite3_free"));
            show("sqlite3_mprintf(\"%Q\", \"it's\")  // decoded, then sqlite3_free", mprintf.invoke("%Q", "it's"));
            Foreign.sharedCall("int sqlite3_close(sqlite3 *db)", "sqlite3", db.get());
        } catch (UnknownLibraryError noSqlite) {
            show("sqlite3", "libsqlite3 is not installed here: " + noSqlite.getMessage());
        }
    }

    private static void callbacks() {
        section("Callbacks: Java lambdas as C function pointers");
        Comparator<MemorySegment> ascending = (a, b) -> Integer.compare(a.get(ValueLayout.JAVA_INT, 0),
                b.get(ValueLayout.JAVA_INT, 0));
        try (Arena arena = Arena.ofConfined();
             Callback compare = Callbacks.of(Comparator.class, ascending, "int (*)(const int *, const int *)")) {
            MemorySegment numbers = arena.allocateFrom(ValueLayout.JAVA_INT, 42, 7, 19, 3);
            Foreign.call("qsort", numbers, 4L, 4L, compare);
            show("qsort({42, 7, 19, 3}) with a Java comparator", Arrays.toString(numbers.toArray(ValueLayout.JAVA_INT)));
        }
        try (Arena arena = Arena.ofConfined();
             Callback wrong = Callbacks.create(arguments -> 0, "int (*)(int, int)")) {
            Foreign.call("qsort", arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1), 2L, 4L, wrong);
        } catch (ForeignError e) {
            show("qsort with an int (*)(int, int) comparator", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Comparator<MemorySegment> broken = (a, b) -> {
            throw new IllegalStateException("comparator failed");
        };
        try (Arena arena = Arena.ofConfined();
             Callback compare = Callbacks.of(Comparator.class, broken, "int (*)(const int *, const int *)")) {
            Foreign.call("qsort", arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1), 2L, 4L, compare);
        } catch (ForeignError e) {
            show("qsort with a comparator that throws", e.getClass().getSimpleName() + ", cause: " + e.getCause());
        }
    }

    private static void inline() {
        section("Level 3: inline, static-final critical handles (no core needed)");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("inline");
            show("Libc.strlen(\"inline\")", Libc.strlen(text));
            MemorySegment copy = arena.allocate(7);
            Libc.memcpy(copy, text, 7);
            show("Libc.memcpy then memcmp", Libc.memcmp(copy, text, 7) == 0 ? "equal" : "different");
            show("Libc.getpid()", Libc.getpid());
            try {
                Libc.memcpy(arena.allocate(4), text, 7);
            } catch (RuntimeException e) {
                show("Libc.memcpy(4-byte dst, src, 7)", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static void pooledMemory() {
        section("Memory pool: size classes, reuse, statistics");
        try (MemoryPool pool = MemoryPool.create("tour")) {
            for (int i = 0; i < 100; i++) {
                try (Lease lease = pool.acquire(200)) {
                    lease.segment().fill((byte) i);
                }
            }
            show("100 x acquire(200)/release", pool.statistics());
            Lease lease = pool.acquire(64);
            lease.close();
            try {
                lease.close();
            } catch (RuntimeException e) {
                show("release twice", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static void trampolines() {
        section("Trampolines: one compiled invoker per call shape");
        show("Trampolines.statistics()", Trampolines.statistics());
    }

    private static void mistakes() {
        section("Mistakes are exceptions, never crashes");
        attempt("sharedCall(\"strlen\", \"c\", ..., \"a\", \"b\")",
                () -> Foreign.sharedCall("size_t strlen(const char *s)", "c", "a", "b"));
        attempt("sharedCall(\"labs\", ..., \"forty\")",
                () -> Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), "forty"));
        attempt("sharedCall(\"int abs(int j)\", \"c\", null)", () -> Foreign.sharedCall("int abs(int j)", "c",
                (Object) null));
        attempt("call(\"strlen\", (Object) null)  // glibc declares it nonnull",
                () -> Foreign.call("strlen", (Object) null));
        attempt("libOpen(\"no_such_library\")", () -> Foreign.libOpen("no_such_library"));
        attempt("call(\"frobnicate\")", () -> Foreign.call("frobnicate"));
        attempt("sharedCall(\"size_t strlen(const char *s\", ...)",
                () -> Foreign.sharedCall("size_t strlen(const char *s", "c", "x"));
        Library libz = Foreign.libOpen("z");
        ForeignFunction version = Foreign.defshared("const char *zlibVersion(void)", "z");
        show("zlibVersion()", version.invoke());
        libz.close();
        attempt("zlibVersion() after libClose", version::invoke);
    }

    private static void attempt(String call, Runnable action) {
        try {
            action.run();
            show(call, "(no error?)");
        } catch (ForeignError e) {
            show(call, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
