package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.NativeLayouts;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link CType} constants that are typedef names ({@code size_t}, {@code time_t}, {@code int32_t}, ...): a
 * header's typedef of such a name that agrees with the constant becomes the constant itself, so a {@code size_t}
 * parsed from {@code <stddef.h>} is {@code CType.SIZE_T}, the same object a user passes.
 */
final class BuiltinNames {
    private static final Map<String, CType> CONSTANTS = constants();
    /**
     * Where {@code builtin-types.h} is known to give every one of these names its constant (Linux on x86-64, checked
     * against gcc by {@code BuiltinTypesGccTest} and against the parse by {@code BuiltinNamesTest}).
     */
    private static final boolean VERIFIED_PLATFORM = NativeLayouts.SYSV_X86_64
            && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");

    private BuiltinNames() {}

    /** The constant named {@code name} if it is the same type as {@code type}, else {@code type}. */
    static CType intern(String name, CType type) {
        CType constant = CONSTANTS.get(name);
        return constant != null && Compatibility.sameType(constant, type) ? constant : type;
    }

    /**
     * The built-in typedef {@code name} stands for, without preprocessing and parsing {@code builtin-types.h}, when
     * it is one of these constants on a platform where the header is known to define it so; else {@code null}, and
     * the caller asks the parsed built-ins. Spares a prototype such as {@code size_t strlen(const char *s)} a parse
     * that costs more than raw Panama's whole first call.
     */
    static CType knownWithoutParsing(String name) {
        return VERIFIED_PLATFORM ? CONSTANTS.get(name) : null;
    }

    private static Map<String, CType> constants() {
        Map<String, CType> map = new HashMap<>();
        for (CType type : new CType[] {CType.INT8, CType.UINT8, CType.INT16, CType.UINT16, CType.INT32, CType.UINT32,
                CType.INT64, CType.UINT64, CType.SIZE_T, CType.SSIZE_T, CType.PTRDIFF_T, CType.INTPTR_T,
                CType.UINTPTR_T, CType.WCHAR_T, CType.TIME_T, CType.CLOCK_T, CType.PID_T, CType.UID_T, CType.GID_T,
                CType.MODE_T, CType.OFF_T}) {
            map.put(type.name(), type);
        }
        return Map.copyOf(map);
    }
}
