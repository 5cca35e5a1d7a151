package epsilon.foreign.marshalling.internal;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's C type layouts, taken only from {@link Linker#canonicalLayouts()}, plus the few facts the
 * linker does not publish (the width of POSIX typedefs such as {@code mode_t}, the signedness of plain
 * {@code char}), decided from {@code os.name} and {@code os.arch}.
 */
public final class NativeLayouts {
    private static final Map<String, MemoryLayout> CANONICAL = Linker.nativeLinker().canonicalLayouts();
    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    private static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);

    /** True on macOS, whose POSIX typedefs differ from glibc's in a few widths. */
    public static final boolean MAC = OS.contains("mac") || OS.contains("darwin");
    /** True on 64-bit ARM, whose {@code long double} and {@code va_list} differ from x86-64's. */
    public static final boolean AARCH64 = ARCH.startsWith("aarch64") || ARCH.startsWith("arm64");
    /** True on Windows (LLP64: {@code long} is 4 bytes, {@code time_t} is {@code long long}). */
    public static final boolean WINDOWS = OS.startsWith("windows");
    /**
     * True where calls follow the System V x86-64 ABI (Linux, macOS and the BSDs on x86-64; not Windows, which has
     * its own): the ABI whose struct classification {@code internal.layout.CallLayouts} follows.
     */
    public static final boolean SYSV_X86_64 = (ARCH.equals("amd64") || ARCH.equals("x86_64")) && !WINDOWS;

    private NativeLayouts() {}

    /**
     * The canonical layout the linker publishes for a C type name ("long", "size_t", "void*", ...).
     *
     * @throws IllegalStateException when this platform's linker does not define the name
     */
    public static ValueLayout canonical(String cName) {
        MemoryLayout layout = CANONICAL.get(cName);
        if (!(layout instanceof ValueLayout value)) {
            throw new IllegalStateException("the native linker defines no canonical layout for '" + cName
                    + "'; known: " + CANONICAL.keySet());
        }
        return value;
    }

    /**
     * The canonical integral layout that has exactly {@code byteSize} bytes, found among {@code int8_t},
     * {@code int16_t}, {@code int32_t}, {@code int64_t} and the basic C integer types, so that fixed-width
     * and typedef'd types are still described by the linker's own layouts.
     */
    public static ValueLayout integralOfSize(long byteSize) {
        for (String name : new String[] {"int8_t", "int16_t", "int32_t", "int64_t", "char", "short", "int", "long long"}) {
            MemoryLayout layout = CANONICAL.get(name);
            if (layout instanceof ValueLayout value && value.byteSize() == byteSize) {
                return value;
            }
        }
        throw new IllegalStateException("the native linker has no integral layout of " + byteSize + " bytes");
    }

    /**
     * Whether plain {@code char} is signed: it is on x86 and on Apple's ARM ABI, and unsigned on ARM, PowerPC,
     * s390 and RISC-V Linux. Only informational: a {@code char} is exchanged as its raw byte either way.
     */
    public static boolean charIsSigned() {
        if (MAC || WINDOWS) {
            return true;
        }
        return !(ARCH.startsWith("aarch64") || ARCH.startsWith("arm") || ARCH.startsWith("ppc")
                || ARCH.startsWith("s390") || ARCH.startsWith("riscv"));
    }
}
