package epsilon.foreign.marshalling.internal.pp;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The predefined macros and system header directories of a platform, as a GCC-compatible compiler presents them
 * (the way clang does: {@code __GNUC__} 4.2.1, so headers take their portable GNU paths). Every size and type
 * comes from the native linker's canonical layouts and {@code os.name}/{@code os.arch}; only what the linker does
 * not publish is decided per platform here: the format of {@code long double}, whether {@code char} and
 * {@code wchar_t} are unsigned, the size of {@code wint_t}, the OS and architecture macros, and where headers are.
 */
public final class PlatformMacros {
    private PlatformMacros() {}

    private static final class Host {
        static final List<String> MACROS = definitions(System.getProperty("os.name"), System.getProperty("os.arch"),
                Linker.nativeLinker().canonicalLayouts(), ByteOrder.nativeOrder());
    }

    /** The running platform's predefined macros, each what would follow {@code #define}. */
    public static List<String> host() {
        return Host.MACROS;
    }

    /** The running platform's system header directories that exist, in search order. */
    public static List<Path> hostSystemDirectories() {
        return systemDirectories(System.getProperty("os.name"), System.getProperty("os.arch"), Files::isDirectory);
    }

    private enum Os { LINUX, MACOS, WINDOWS, OTHER }

    private enum Arch { X86_64, X86, AARCH64, ARM, RISCV64, PPC64LE, S390X, OTHER }

    private static Os os(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("linux") ? Os.LINUX : n.contains("mac") || n.contains("darwin") ? Os.MACOS
                : n.contains("windows") ? Os.WINDOWS : Os.OTHER;
    }

    private static Arch arch(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Arch.X86_64;
            case "x86", "i386", "i486", "i586", "i686" -> Arch.X86;
            case "aarch64", "arm64" -> Arch.AARCH64;
            case "arm", "arm32" -> Arch.ARM;
            case "riscv64" -> Arch.RISCV64;
            case "ppc64le" -> Arch.PPC64LE;
            case "s390x" -> Arch.S390X;
            default -> Arch.OTHER;
        };
    }

    /** The system directories of a platform, keeping those {@code exists} accepts. */
    static List<Path> systemDirectories(String osName, String osArch, Predicate<Path> exists) {
        List<Path> candidates = switch (os(osName)) {
            case LINUX -> {
                String triple = switch (arch(osArch)) {
                    case X86_64 -> "x86_64-linux-gnu";
                    case X86 -> "i386-linux-gnu";
                    case AARCH64 -> "aarch64-linux-gnu";
                    case ARM -> "arm-linux-gnueabihf";
                    case RISCV64 -> "riscv64-linux-gnu";
                    case PPC64LE -> "powerpc64le-linux-gnu";
                    case S390X -> "s390x-linux-gnu";
                    case OTHER -> osArch + "-linux-gnu";
                };
                yield List.of(Path.of("/usr/local/include"), Path.of("/usr/include", triple), Path.of("/usr/include"));
            }
            case MACOS -> List.of(Path.of("/Library/Developer/CommandLineTools/SDKs/MacOSX.sdk/usr/include"));
            case WINDOWS -> List.of();
            case OTHER -> List.of(Path.of("/usr/local/include"), Path.of("/usr/include"));
        };
        return candidates.stream().filter(exists).toList();
    }

    /** An IEEE-style binary floating format: precision in bits, and the exponent range of C17 5.2.4.2.2. */
    private record FloatFormat(int precision, int minExp, int maxExp) {
        static final FloatFormat BINARY32 = new FloatFormat(24, -125, 128);
        static final FloatFormat BINARY64 = new FloatFormat(53, -1021, 1024);
        static final FloatFormat X87 = new FloatFormat(64, -16381, 16384);
        static final FloatFormat BINARY128 = new FloatFormat(113, -16381, 16384);
    }

    /** Builds the macros for a platform; the host's come from {@link #host()}. */
    static List<String> definitions(String osName, String osArch, Map<String, MemoryLayout> layouts, ByteOrder order) {
        Os os = os(osName);
        Arch arch = arch(osArch);
        Types t = new Types(layouts);
        List<String> d = new ArrayList<>();
        d.add("__STDC__ 1");
        d.add("__STDC_VERSION__ 201710L");
        d.add("__STDC_HOSTED__ 1");
        d.add("__STDC_UTF_16__ 1");
        d.add("__STDC_UTF_32__ 1");
        d.add("__GNUC__ 4");
        d.add("__GNUC_MINOR__ 2");
        d.add("__GNUC_PATCHLEVEL__ 1");
        d.add("__GNUC_STDC_INLINE__ 1");
        d.add("__NO_INLINE__ 1");
        d.add("__VERSION__ \"4.2.1 Compatible Epsilon Foreign\"");
        d.add("__CHAR_BIT__ 8");
        d.add("__ORDER_LITTLE_ENDIAN__ 1234");
        d.add("__ORDER_BIG_ENDIAN__ 4321");
        d.add("__ORDER_PDP_ENDIAN__ 3412");
        String endian = order == ByteOrder.LITTLE_ENDIAN ? "__ORDER_LITTLE_ENDIAN__" : "__ORDER_BIG_ENDIAN__";
        d.add("__BYTE_ORDER__ " + endian);
        d.add("__FLOAT_WORD_ORDER__ " + endian);
        d.add("__BIGGEST_ALIGNMENT__ 16");
        d.add("__USER_LABEL_PREFIX__ " + (os == Os.MACOS ? "_" : ""));
        d.add("__REGISTER_PREFIX__ ");
        d.add("__FLT_EVAL_METHOD__ 0");
        d.add("__FLT_EVAL_METHOD_TS_18661_3__ 0");
        d.add("__FLT_RADIX__ 2");
        if (t.size("long") == 8 && t.size("void*") == 8) {
            d.add("__LP64__ 1");
            d.add("_LP64 1");
        }
        boolean charUnsigned = os == Os.LINUX && switch (arch) {
            case AARCH64, ARM, RISCV64, PPC64LE, S390X -> true;
            default -> false;
        };
        if (charUnsigned) {
            d.add("__CHAR_UNSIGNED__ 1");
        }
        FloatFormat longDouble = switch (arch) {
            case X86_64, X86 -> os == Os.WINDOWS ? FloatFormat.BINARY64 : FloatFormat.X87;
            case AARCH64 -> os == Os.LINUX ? FloatFormat.BINARY128 : FloatFormat.BINARY64;
            case RISCV64, S390X, PPC64LE -> FloatFormat.BINARY128;
            default -> FloatFormat.BINARY64;
        };
        int longDoubleSize = longDouble == FloatFormat.BINARY64 ? 8 : arch == Arch.X86 ? 12 : 16;
        sizes(d, t, longDoubleSize, os);
        if (os == Os.LINUX && (arch == Arch.X86_64 || arch == Arch.AARCH64)) {
            d.add("__SIZEOF_INT128__ 16");
        }
        types(d, t, os, arch);
        floats(d, "FLT", FloatFormat.BINARY32, "", "F");
        floats(d, "DBL", FloatFormat.BINARY64, "(double)", "L");
        floats(d, "LDBL", longDouble, "", "L");
        d.add("__DECIMAL_DIG__ " + decimalDig(longDouble));
        osMacros(d, os, arch);
        archMacros(d, arch, t);
        return List.copyOf(d);
    }

    private static void sizes(List<String> d, Types t, int longDoubleSize, Os os) {
        d.add("__SIZEOF_SHORT__ " + t.size("short"));
        d.add("__SIZEOF_INT__ " + t.size("int"));
        d.add("__SIZEOF_LONG__ " + t.size("long"));
        d.add("__SIZEOF_LONG_LONG__ " + t.size("long long"));
        d.add("__SIZEOF_POINTER__ " + t.size("void*"));
        d.add("__SIZEOF_FLOAT__ " + t.size("float"));
        d.add("__SIZEOF_DOUBLE__ " + t.size("double"));
        d.add("__SIZEOF_LONG_DOUBLE__ " + longDoubleSize);
        d.add("__SIZEOF_SIZE_T__ " + t.size("size_t"));
        d.add("__SIZEOF_WCHAR_T__ " + t.size("wchar_t"));
        d.add("__SIZEOF_WINT_T__ " + (os == Os.WINDOWS ? 2 : 4));
        d.add("__SIZEOF_PTRDIFF_T__ " + t.size("void*"));
    }

    private static void types(List<String> d, Types t, Os os, Arch arch) {
        int ptr = t.size("void*");
        boolean wcharUnsigned = os == Os.WINDOWS || os == Os.LINUX && (arch == Arch.AARCH64 || arch == Arch.ARM);
        int wint = os == Os.WINDOWS ? 2 : 4;
        boolean wintUnsigned = os != Os.MACOS;
        String int64 = os == Os.MACOS ? "long long int" : t.name(8, false);
        String uint64 = os == Os.MACOS ? "long long unsigned int" : t.name(8, true);
        t.type(d, "SIZE", t.name(t.size("size_t"), true));
        t.type(d, "PTRDIFF", t.name(ptr, false));
        t.type(d, "WCHAR", t.name(t.size("wchar_t"), wcharUnsigned));
        t.type(d, "WINT", t.name(wint, wintUnsigned));
        t.type(d, "INTMAX", t.name(8, false));
        t.type(d, "UINTMAX", t.name(8, true));
        d.add("__CHAR16_TYPE__ " + t.name(2, true));
        d.add("__CHAR32_TYPE__ " + t.name(4, true));
        d.add("__SIG_ATOMIC_TYPE__ int");
        t.limit(d, "__SIG_ATOMIC", "int", true);
        String[] exact = {t.name(1, false), t.name(2, false), t.name(4, false), int64};
        String[] uexact = {t.name(1, true), t.name(2, true), t.name(4, true), uint64};
        int[] bits = {8, 16, 32, 64};
        for (int i = 0; i < 4; i++) {
            int b = bits[i];
            t.type(d, "INT" + b, exact[i]);
            t.type(d, "UINT" + b, uexact[i]);
            t.type(d, "INT_LEAST" + b, exact[i]);
            t.type(d, "UINT_LEAST" + b, uexact[i]);
            // glibc makes the 16- and 32-bit fast types a machine word; other C libraries keep the exact type.
            boolean word = os == Os.LINUX && (b == 16 || b == 32);
            t.type(d, "INT_FAST" + b, word ? t.name(ptr, false) : exact[i]);
            t.type(d, "UINT_FAST" + b, word ? t.name(ptr, true) : uexact[i]);
            d.add("__INT" + b + "_C(c) " + constant(Types.suffix(exact[i])));
            d.add("__UINT" + b + "_C(c) " + constant(Types.suffix(uexact[i])));
        }
        d.add("__INTMAX_C(c) " + constant(Types.suffix(t.name(8, false))));
        d.add("__UINTMAX_C(c) " + constant(Types.suffix(t.name(8, true))));
        t.type(d, "INTPTR", t.name(ptr, false));
        t.type(d, "UINTPTR", t.name(ptr, true));
        t.limit(d, "__SCHAR", "signed char", false);
        t.limit(d, "__SHRT", "short int", false);
        t.limit(d, "__INT", "int", false);
        t.limit(d, "__LONG", "long int", false);
        t.limit(d, "__LONG_LONG", "long long int", false);
    }

    private static String constant(String suffix) {
        return suffix.isEmpty() ? "c" : "c ## " + suffix;
    }

    private static void osMacros(List<String> d, Os os, Arch arch) {
        switch (os) {
            case LINUX -> List.of("__linux__", "__linux", "__gnu_linux__", "__unix__", "__unix", "__ELF__")
                    .forEach(m -> d.add(m + " 1"));
            case MACOS -> List.of("__APPLE__", "__MACH__").forEach(m -> d.add(m + " 1"));
            case WINDOWS -> {
                d.add("_WIN32 1");
                if (arch == Arch.X86_64 || arch == Arch.AARCH64) {
                    d.add("_WIN64 1");
                }
            }
            case OTHER -> List.of("__unix__", "__unix", "__ELF__").forEach(m -> d.add(m + " 1"));
        }
    }

    private static void archMacros(List<String> d, Arch arch, Types t) {
        List<String> names = switch (arch) {
            case X86_64 -> List.of("__x86_64__", "__x86_64", "__amd64__", "__amd64", "__MMX__", "__SSE__", "__SSE2__",
                    "__SSE_MATH__", "__SSE2_MATH__", "__k8", "__k8__", "__code_model_small__");
            case X86 -> List.of("__i386__", "__i386", "i386");
            case AARCH64 -> List.of("__aarch64__", "__ARM_64BIT_STATE", "__ARM_ARCH_ISA_A64", "__ARM_PCS_AAPCS64",
                    "__AARCH64EL__");
            case ARM -> List.of("__arm__", "__ARMEL__");
            case RISCV64 -> List.of("__riscv");
            case PPC64LE -> List.of("__powerpc__", "__powerpc64__", "__PPC64__", "_ARCH_PPC64", "__LITTLE_ENDIAN__");
            case S390X -> List.of("__s390__", "__s390x__");
            case OTHER -> List.of();
        };
        names.forEach(m -> d.add(m + " 1"));
        if (arch == Arch.AARCH64) {
            d.add("__ARM_ARCH 8");
        }
        if (arch == Arch.RISCV64) {
            d.add("__riscv_xlen " + t.size("void*") * 8);
        }
    }

    private static int log10Floor(double x) {
        return (int) Math.floor(x);
    }

    private static int decimalDig(FloatFormat f) {
        return (int) Math.ceil(1 + f.precision() * Math.log10(2));
    }

    /** C17 5.2.4.2.2's characteristics of {@code f}, named {@code __<prefix>_*__}, with gcc's 36-digit values. */
    private static void floats(List<String> d, String prefix, FloatFormat f, String cast, String suffix) {
        double log2 = Math.log10(2);
        String p = "__" + prefix + "_";
        d.add(p + "MANT_DIG__ " + f.precision());
        d.add(p + "DIG__ " + log10Floor((f.precision() - 1) * log2));
        d.add(p + "MIN_EXP__ (" + f.minExp() + ")");
        d.add(p + "MIN_10_EXP__ (" + (int) Math.ceil((f.minExp() - 1) * log2) + ")");
        d.add(p + "MAX_EXP__ " + f.maxExp());
        d.add(p + "MAX_10_EXP__ " + log10Floor(f.maxExp() * log2));
        d.add(p + "DECIMAL_DIG__ " + decimalDig(f));
        // max = (1 - 2^-p) * 2^maxExp, min = 2^(minExp-1), epsilon = 2^(1-p), denorm = 2^(minExp-p)
        BigDecimal max = new BigDecimal(BigInteger.TWO.pow(f.maxExp()).subtract(BigInteger.TWO.pow(f.maxExp()
                - f.precision())));
        String wrapOpen = cast.isEmpty() ? "" : "(" + cast;
        String wrapClose = cast.isEmpty() ? "" : ")";
        d.add(p + "MAX__ " + wrapOpen + decimal(max) + suffix + wrapClose);
        d.add(p + "NORM_MAX__ " + wrapOpen + decimal(max) + suffix + wrapClose);
        d.add(p + "MIN__ " + wrapOpen + decimal(powerOfTwo(f.minExp() - 1)) + suffix + wrapClose);
        d.add(p + "EPSILON__ " + wrapOpen + decimal(powerOfTwo(1 - f.precision())) + suffix + wrapClose);
        d.add(p + "DENORM_MIN__ " + wrapOpen + decimal(powerOfTwo(f.minExp() - f.precision())) + suffix + wrapClose);
        d.add(p + "HAS_DENORM__ 1");
        d.add(p + "HAS_INFINITY__ 1");
        d.add(p + "HAS_QUIET_NAN__ 1");
        d.add(p + "IS_IEC_60559__ 2");
    }

    /** 2<sup>e</sup>, exactly (for negative e, 5<sup>-e</sup> / 10<sup>-e</sup>). */
    private static BigDecimal powerOfTwo(int e) {
        return e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e)) : new BigDecimal(BigInteger.valueOf(5).pow(-e), -e);
    }

    /** {@code v} to 36 significant digits in gcc's form: {@code 1.17549435082228750796873653722224568e-38}. */
    private static String decimal(BigDecimal v) {
        BigDecimal r = v.round(new MathContext(36, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        while (digits.length() < 36) {
            digits = digits + "0";
        }
        digits = digits.substring(0, 36);
        int exponent = r.precision() - r.scale() - 1;
        return digits.charAt(0) + "." + digits.substring(1) + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }
}
