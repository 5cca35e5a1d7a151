package epsilon.foreign.struct.internal;

import epsilon.foreign.struct.FieldType;
import epsilon.foreign.struct.FieldType.Scalar;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/** The C scalar names a struct field may have, with the platform's canonical layouts and their signedness. */
public final class CScalars {
    private CScalars() {}

    private static ValueLayout canonical(String name) {
        return (ValueLayout) Linker.nativeLinker().canonicalLayouts().get(name);
    }

    private static Scalar signed(String name, ValueLayout layout) {
        return new Scalar(name, layout, true);
    }

    private static Scalar unsigned(String name, ValueLayout layout) {
        return new Scalar(name, layout, false);
    }

    /** The signed integer layout of {@code bytes} bytes among the canonical ones. */
    private static ValueLayout ofSize(long bytes) {
        for (String candidate : new String[] {"char", "short", "int", "long long"}) {
            if (canonical(candidate).byteSize() == bytes) {
                return canonical(candidate);
            }
        }
        throw new IllegalStateException("no integer of " + bytes + " bytes on this platform");
    }

    public static final Map<String, FieldType> NAMED = Map.ofEntries(
            Map.entry("char", new Scalar("char", canonical("char"), true)),
            Map.entry("signed char", signed("signed char", canonical("char"))),
            Map.entry("unsigned char", unsigned("unsigned char", canonical("char"))),
            Map.entry("bool", unsigned("bool", canonical("bool"))),
            Map.entry("_bool", unsigned("bool", canonical("bool"))),
            Map.entry("short", signed("short", canonical("short"))),
            Map.entry("short int", signed("short", canonical("short"))),
            Map.entry("unsigned short", unsigned("unsigned short", canonical("short"))),
            Map.entry("int", signed("int", canonical("int"))),
            Map.entry("signed", signed("int", canonical("int"))),
            Map.entry("signed int", signed("int", canonical("int"))),
            Map.entry("unsigned", unsigned("unsigned int", canonical("int"))),
            Map.entry("unsigned int", unsigned("unsigned int", canonical("int"))),
            Map.entry("long", signed("long", canonical("long"))),
            Map.entry("long int", signed("long", canonical("long"))),
            Map.entry("unsigned long", unsigned("unsigned long", canonical("long"))),
            Map.entry("long unsigned int", unsigned("unsigned long", canonical("long"))),
            Map.entry("unsigned long int", unsigned("unsigned long", canonical("long"))),
            Map.entry("long long", signed("long long", canonical("long long"))),
            Map.entry("long long int", signed("long long", canonical("long long"))),
            Map.entry("unsigned long long", unsigned("unsigned long long", canonical("long long"))),
            Map.entry("float", signed("float", canonical("float"))),
            Map.entry("double", signed("double", canonical("double"))),
            Map.entry("size_t", unsigned("size_t", canonical("size_t"))),
            Map.entry("ssize_t", signed("ssize_t", canonical("size_t"))),
            Map.entry("ptrdiff_t", signed("ptrdiff_t", canonical("size_t"))),
            Map.entry("intptr_t", signed("intptr_t", ofSize(canonical("void*").byteSize()))),
            Map.entry("uintptr_t", unsigned("uintptr_t", ofSize(canonical("void*").byteSize()))),
            Map.entry("int8_t", signed("int8_t", ofSize(1))),
            Map.entry("uint8_t", unsigned("uint8_t", ofSize(1))),
            Map.entry("int16_t", signed("int16_t", ofSize(2))),
            Map.entry("uint16_t", unsigned("uint16_t", ofSize(2))),
            Map.entry("int32_t", signed("int32_t", ofSize(4))),
            Map.entry("uint32_t", unsigned("uint32_t", ofSize(4))),
            Map.entry("int64_t", signed("int64_t", ofSize(8))),
            Map.entry("uint64_t", unsigned("uint64_t", ofSize(8))),
            // glibc's typedefs, as its headers spell them (LP64: time_t and friends are long)
            Map.entry("time_t", signed("time_t", canonical("long"))),
            Map.entry("__time_t", signed("time_t", canonical("long"))),
            Map.entry("suseconds_t", signed("suseconds_t", canonical("long"))),
            Map.entry("__suseconds_t", signed("suseconds_t", canonical("long"))),
            Map.entry("__syscall_slong_t", signed("long", canonical("long"))),
            Map.entry("clock_t", signed("clock_t", canonical("long"))),
            Map.entry("off_t", signed("off_t", canonical("long"))),
            Map.entry("pid_t", signed("pid_t", canonical("int"))),
            Map.entry("uid_t", unsigned("uid_t", ofSize(4))),
            Map.entry("gid_t", unsigned("gid_t", ofSize(4))),
            Map.entry("mode_t", unsigned("mode_t", ofSize(4))),
            Map.entry("in_addr_t", unsigned("in_addr_t", ofSize(4))));
}
